/**
 * The plan-target file: radii, thresholds and their sources, editable by a planner. The project ships
 * data/targets/tiexi-2021-2030.json; a user's file may give only what it changes, the rest is taken
 * from the shipped one.
 */
import shipped from '../../data/targets/tiexi-2021-2030.json';

export const COVERAGE_KINDS = ['kindergarten', 'childcare', 'primary', 'middle', 'playground'] as const;
export type CoverageKind = (typeof COVERAGE_KINDS)[number];
export type Comparator = '>=' | '<=';

export interface IndicatorTarget {
  target: number | null;
  comparator: Comparator;
  source: string;
}

export interface Targets {
  id: string;
  name: { zh: string; en: string };
  radii_m: Record<CoverageKind, number>;
  off_network_m: number;
  playground_min_area_m2: number;
  indicators: Record<string, IndicatorTarget>;
  drowning: { risk_distance_m: number; bands_m: number[] };
  surroundings: { distance_m: number; prohibited_kinds: string[] };
}

export const DEFAULT_TARGETS: Targets = shipped as Targets;

const positive = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** Reads a target file over the shipped defaults; every problem is named, none is guessed past. */
export function parseTargets(json: unknown, base: Targets = DEFAULT_TARGETS): { ok: true; targets: Targets } | { ok: false; errors: string[] } {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return { ok: false, errors: ['the target file must be a JSON object'] };
  const t = json as Partial<Targets> & Record<string, unknown>;
  const errors: string[] = [];
  const radii = { ...base.radii_m };
  if (t.radii_m !== undefined) {
    if (!t.radii_m || typeof t.radii_m !== 'object') errors.push('radii_m must be an object of metres per facility kind');
    else
      for (const [kind, v] of Object.entries(t.radii_m)) {
        if (!(COVERAGE_KINDS as readonly string[]).includes(kind)) errors.push(`radii_m.${kind}: unknown facility kind (use ${COVERAGE_KINDS.join(', ')})`);
        else if (!positive(v)) errors.push(`radii_m.${kind}: must be a positive number of metres, got ${JSON.stringify(v)}`);
        else radii[kind as CoverageKind] = v as number;
      }
  }
  if (t.drowning?.bands_m !== undefined) {
    const b = t.drowning.bands_m;
    if (!Array.isArray(b) || b.length !== 3 || !b.every(positive) || !(b[0]! < b[1]! && b[1]! < b[2]!)) errors.push(`drowning.bands_m: must be three increasing distances in metres (high, medium, low), got ${JSON.stringify(b)}`);
  }
  for (const key of ['off_network_m', 'playground_min_area_m2'] as const) {
    if (t[key] !== undefined && !(typeof t[key] === 'number' && (t[key] as number) >= 0)) errors.push(`${key}: must be a number ≥ 0, got ${JSON.stringify(t[key])}`);
  }
  const indicators = { ...base.indicators };
  if (t.indicators !== undefined) {
    for (const [id, v] of Object.entries(t.indicators ?? {})) {
      const merged = { ...base.indicators[id], ...(v as object) } as IndicatorTarget;
      if (merged.target !== null && typeof merged.target !== 'number') errors.push(`indicators.${id}.target: must be a number or null`);
      else if (merged.comparator !== '>=' && merged.comparator !== '<=') errors.push(`indicators.${id}.comparator: must be ">=" or "<="`);
      else indicators[id] = { ...merged, source: merged.source ?? '' };
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    targets: {
      ...base,
      ...(typeof t.id === 'string' ? { id: t.id } : {}),
      ...(t.name && typeof t.name === 'object' ? { name: { ...base.name, ...t.name } } : {}),
      radii_m: radii,
      off_network_m: (t.off_network_m as number | undefined) ?? base.off_network_m,
      playground_min_area_m2: (t.playground_min_area_m2 as number | undefined) ?? base.playground_min_area_m2,
      indicators,
      drowning: { ...base.drowning, ...(t.drowning ?? {}) },
      surroundings: { ...base.surroundings, ...(t.surroundings ?? {}) },
    },
  };
}
