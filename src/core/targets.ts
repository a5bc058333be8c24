/**
 * The plan-target file: radii, thresholds and their sources, editable by a planner. The project ships
 * data/targets/tiexi-2021-2030.json; a user's file may give only what it changes, the rest is taken
 * from the shipped one.
 */
import shipped from '../../data/targets/tiexi-2021-2030.json';
import type { SchoolRouteSettings } from './routes/schoolRoutes';

export const COVERAGE_KINDS = ['kindergarten', 'childcare', 'primary', 'middle', 'playground'] as const;
export type CoverageKind = (typeof COVERAGE_KINDS)[number];
export type Comparator = '>=' | '<=';

export interface IndicatorTarget {
  target: number | null;
  comparator: Comparator;
  source: string;
}

/** The school levels whose places and land the land allocation sizes. */
export const LAND_LEVELS = ['kindergarten', 'childcare', 'primary', 'middle'] as const;
export type LandLevel = (typeof LAND_LEVELS)[number];

/** Land for one level: per class or per pupil (one of them, or neither where no figure exists), with its source. */
export interface LandFigure {
  m2_per_class: number | null;
  m2_per_pupil: number | null;
  source: string;
}

/** How children become places, classes and land (shared/spec/report-contract.md, land_allocation). */
export interface LandAllocationSettings {
  /** enrolment: children × rate (childcare: per 1,000 residents); per_1000_residents: residents ÷ 1,000 × the rate given for a level. */
  method: 'enrolment' | 'per_1000_residents';
  enrolment: { kindergarten: number; childcare_per_1000_residents: number; primary: number; middle: number };
  places_per_1000_residents: { kindergarten: number | null; primary: number | null; middle: number | null };
  class_size: Record<LandLevel, number>;
  /** Births per 1,000 residents a year; dataset.json's own `birth_rate_per_1000` wins when it gives one. */
  birth_rate_per_1000: number;
  projection_years: number[];
  land: Record<LandLevel, LandFigure>;
  play_space_m2_per_resident: { new_area: number; renewal: number };
  sources: Record<string, string>;
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
  land_allocation: LandAllocationSettings;
  school_routes: SchoolRouteSettings;
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
  const land = parseLandAllocation(t.land_allocation, base.land_allocation, errors);
  const routes = parseSchoolRoutes(t.school_routes, base.school_routes, errors);
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
      land_allocation: land,
      school_routes: routes,
    },
  };
}

/** The school_routes block over the base one. */
function parseSchoolRoutes(raw: unknown, base: SchoolRouteSettings, errors: string[]): SchoolRouteSettings {
  if (raw === undefined) return base;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    errors.push('school_routes: must be an object');
    return base;
  }
  const r = raw as Record<string, unknown>;
  const out: SchoolRouteSettings = { ...base, walking_speed_m_per_min: { ...base.walking_speed_m_per_min }, sources: { ...base.sources } };
  if (r.main_road_classes !== undefined) {
    const c = r.main_road_classes;
    if (!Array.isArray(c) || c.length === 0 || !c.every((x) => typeof x === 'string' && x.trim() !== '')) errors.push(`school_routes.main_road_classes: must be a list of highway classes, got ${JSON.stringify(c)}`);
    else out.main_road_classes = c as string[];
  }
  for (const key of ['protection_radius_m', 'water_distance_m', 'venue_distance_m'] as const) {
    const v = r[key];
    if (v === undefined) continue;
    if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 5000)) errors.push(`school_routes.${key}: must be metres between 0 and 5000, got ${JSON.stringify(v)}`);
    else out[key] = v;
  }
  if (r.walking_speed_m_per_min !== undefined) {
    const v = r.walking_speed_m_per_min;
    if (!v || typeof v !== 'object' || Array.isArray(v)) errors.push('school_routes.walking_speed_m_per_min: must be an object of metres a minute per level');
    else
      for (const [level, x] of Object.entries(v)) {
        if (!(level in base.walking_speed_m_per_min)) errors.push(`school_routes.walking_speed_m_per_min.${level}: unknown level (use ${Object.keys(base.walking_speed_m_per_min).join(', ')})`);
        else if (!(typeof x === 'number' && x >= 10 && x <= 200)) errors.push(`school_routes.walking_speed_m_per_min.${level}: must be between 10 and 200 m a minute, got ${JSON.stringify(x)}`);
        else out.walking_speed_m_per_min[level as keyof SchoolRouteSettings['walking_speed_m_per_min']] = x;
      }
  }
  if (r.sources && typeof r.sources === 'object') Object.assign(out.sources, r.sources);
  return out;
}

/** The land_allocation block over the base one: each number checked, each level's land figure merged. */
function parseLandAllocation(raw: unknown, base: LandAllocationSettings, errors: string[]): LandAllocationSettings {
  if (raw === undefined) return base;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    errors.push('land_allocation: must be an object');
    return base;
  }
  const r = raw as Record<string, unknown>;
  const numbers = <T extends object>(key: string, from: T, nullable: boolean): T => {
    const v = r[key];
    if (v === undefined) return from;
    if (!v || typeof v !== 'object' || Array.isArray(v)) {
      errors.push(`land_allocation.${key}: must be an object`);
      return from;
    }
    const out = { ...from } as Record<string, unknown>;
    for (const [k, x] of Object.entries(v)) {
      if (!(k in from)) errors.push(`land_allocation.${key}.${k}: unknown (use ${Object.keys(from).join(', ')})`);
      else if (x === null && nullable) out[k] = null;
      else if (!positive(x)) errors.push(`land_allocation.${key}.${k}: must be a positive number${nullable ? ' or null' : ''}, got ${JSON.stringify(x)}`);
      else out[k] = x;
    }
    return out as T;
  };
  const land = { ...base.land };
  if (r.land !== undefined) {
    if (!r.land || typeof r.land !== 'object' || Array.isArray(r.land)) errors.push('land_allocation.land: must be an object of levels');
    else
      for (const [level, v] of Object.entries(r.land as Record<string, unknown>)) {
        if (!(LAND_LEVELS as readonly string[]).includes(level)) {
          errors.push(`land_allocation.land.${level}: unknown level (use ${LAND_LEVELS.join(', ')})`);
          continue;
        }
        const merged = { ...land[level as LandLevel], ...(v as object) } as LandFigure;
        for (const k of ['m2_per_class', 'm2_per_pupil'] as const) {
          if (merged[k] !== null && !positive(merged[k])) errors.push(`land_allocation.land.${level}.${k}: must be a positive number of m² or null, got ${JSON.stringify(merged[k])}`);
        }
        if (merged.m2_per_class !== null && merged.m2_per_pupil !== null) errors.push(`land_allocation.land.${level}: give m2_per_class or m2_per_pupil, not both`);
        land[level as LandLevel] = { ...merged, source: typeof merged.source === 'string' ? merged.source : '' };
      }
  }
  const method = r.method ?? base.method;
  if (method !== 'enrolment' && method !== 'per_1000_residents') errors.push(`land_allocation.method: "enrolment" or "per_1000_residents", got ${JSON.stringify(method)}`);
  const birth = r.birth_rate_per_1000 ?? base.birth_rate_per_1000;
  if (!(typeof birth === 'number' && Number.isFinite(birth) && birth >= 0)) errors.push(`land_allocation.birth_rate_per_1000: must be a number ≥ 0, got ${JSON.stringify(birth)}`);
  const years = r.projection_years ?? base.projection_years;
  if (!Array.isArray(years) || !years.every((y) => Number.isInteger(y) && y >= 1900 && y <= 2200)) errors.push(`land_allocation.projection_years: must be a list of years, got ${JSON.stringify(years)}`);
  return {
    ...base,
    method: method as LandAllocationSettings['method'],
    enrolment: numbers('enrolment', base.enrolment, false),
    places_per_1000_residents: numbers('places_per_1000_residents', base.places_per_1000_residents, true),
    class_size: numbers('class_size', base.class_size, false),
    birth_rate_per_1000: birth as number,
    projection_years: years as number[],
    land,
    play_space_m2_per_resident: numbers('play_space_m2_per_resident', base.play_space_m2_per_resident, false),
    sources: { ...base.sources, ...(r.sources && typeof r.sources === 'object' ? (r.sources as Record<string, string>) : {}) },
  };
}
