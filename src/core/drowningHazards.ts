/**
 * The drowning-hazard register (plan: safety goal 3 and measure 3): every water feature, the child
 * places near it by risk band, what protection it lacks, and a score that ranks what to inspect first.
 * Distances run straight from each child place's representative point to the water itself: zero inside
 * a pond, to the nearest point of a river line. Buffers are only drawn for the map, never used to count.
 */
import Flatbush from 'flatbush';
import { bbox } from '@turf/turf';
import { distanceToGeometry } from './distanceToGeometry';
import { degreesAround } from './geodesy';
import { AGE_BANDS, type AgeBand } from './layers';
import { representativePoint } from './representativePoint';
import type { Dataset, FeatureId } from './types';

export type RiskBand = 'high' | 'medium' | 'low';
export const RISK_BANDS: readonly RiskBand[] = ['high', 'medium', 'low'];
export type PlaceLayer = 'residential' | 'kindergartens' | 'schools' | 'playgrounds' | 'childrens_homes';
export const PLACE_LAYERS: readonly PlaceLayer[] = ['residential', 'kindergartens', 'schools', 'playgrounds', 'childrens_homes'];
export const MITIGATIONS = ['fenced', 'warning_signs', 'rescue_equipment'] as const;
export type Mitigation = (typeof MITIGATIONS)[number];

export interface DrowningSettings {
  /** Upper edges of the high, medium and low bands in metres; the last is the risk distance. */
  bands_m: [number, number, number];
}

export interface ChildPlace {
  layer: PlaceLayer;
  id: FeatureId;
  distance_m: number;
  band: RiskBand;
  /** Homes: children 0–17 living there. */
  children?: number;
  point: [number, number];
}

export interface HazardRow {
  id: FeatureId;
  name: string;
  kind: string;
  /** true, false, or null for unknown — unknown is never counted as yes. */
  fenced: boolean | null;
  warning_signs: boolean | null;
  rescue_equipment: boolean | null;
  freezes: boolean | null;
  mitigated: boolean;
  places: ChildPlace[];
  /** Per band: homes, children 0–17 in them, and each kind of institution. */
  counts: Record<RiskBand, Record<PlaceLayer, number> & { children: number }>;
  children: number;
  nearest_m: number | null;
  score: number;
  risk: RiskBand | 'none';
  /** Why it ranks where it does, in English (as the report contract carries them)… */
  reasons: string[];
  /** …and as data, for the interface to word in either language. */
  reasonParts: ReasonPart[];
}

export type ReasonPart =
  | { code: 'missing'; mitigation: Mitigation }
  | { code: 'unknown'; mitigation: Mitigation }
  | { code: 'freezes' }
  | { code: 'near'; layer: PlaceLayer; id: FeatureId; metres: number }
  | { code: 'children'; children: number; metres: number };

const MISSING_EN: Record<Mitigation, string> = { fenced: 'unfenced', warning_signs: 'no warning signs', rescue_equipment: 'no rescue equipment' };
const MISSING_ZH: Record<Mitigation, string> = { fenced: '无围栏', warning_signs: '无警示牌', rescue_equipment: '无救生设备' };
const MITIGATION_ZH: Record<Mitigation, string> = { fenced: '围栏', warning_signs: '警示牌', rescue_equipment: '救生设备' };
const PLACE_ZH: Record<PlaceLayer, string> = { residential: '住宅', kindergartens: '幼儿园', schools: '学校', playgrounds: '活动场地', childrens_homes: '儿童之家' };

/** One reason in words. */
/** A reason in words; `name` turns a place's id into what people call it (name with the id beside it). */
export function formatReason(part: ReasonPart, lang: 'zh' | 'en', name: (layer: PlaceLayer, id: FeatureId) => string = (_, id) => String(id)): string {
  switch (part.code) {
    case 'missing':
      return lang === 'zh' ? MISSING_ZH[part.mitigation] : MISSING_EN[part.mitigation];
    case 'unknown':
      return lang === 'zh' ? `${MITIGATION_ZH[part.mitigation]}情况未知` : `${part.mitigation.replace('_', ' ')} unknown`;
    case 'freezes':
      return lang === 'zh' ? '冬季结冰' : 'freezes in winter';
    case 'near':
      return lang === 'zh' ? `${PLACE_ZH[part.layer]} ${name(part.layer, part.id)} 距 ${part.metres} 米` : `${LAYER_WORD[part.layer]} ${name(part.layer, part.id)} at ${part.metres} m`;
    case 'children':
      return lang === 'zh' ? `${part.metres} 米内居住 0–17 岁儿童 ${part.children} 名` : `${part.children} children 0–17 living within ${part.metres} m`;
  }
}

export interface DrowningResult {
  settings: DrowningSettings;
  hazards: HazardRow[];
  /** Water features with a child place within the risk distance that lack fence, signs or equipment. */
  unmitigatedHazards: number;
  /** Children 0–17 living within the risk distance of such water (each home counted once). */
  childrenNearUnmitigated: number;
}

/** Weight of nearness by band: a pond at the door matters more than one across the district. */
export const BAND_WEIGHT: Record<RiskBand, number> = { high: 1, medium: 0.5, low: 0.2 };
/** Weight by age: under-sixes drown in ponds and ditches near home; older children at rivers and on ice. */
export const AGE_WEIGHT: Record<AgeBand, number> = { children_0_2: 1, children_3_5: 1, children_6_11: 0.8, children_12_14: 0.6, children_15_17: 0.5 };
/** An institution counts as this many (age-weighted) children when it gives no capacity. */
const INSTITUTION_CHILDREN: Record<Exclude<PlaceLayer, 'residential'>, { children: number; age: number }> = {
  kindergartens: { children: 150, age: 1 },
  schools: { children: 800, age: 0.7 },
  playgrounds: { children: 40, age: 0.9 },
  childrens_homes: { children: 30, age: 0.8 },
};
/** Children (weighted) at which exposure counts as half of its maximum. */
const EXPOSURE_HALF = 400;

const asFlag = (v: unknown): boolean | null => (v === true ? true : v === false ? false : null);
const estimatedBand = (shares: Dataset['meta']['ageShares'], population: number, band: AgeBand) => population * (shares[band] ?? 0);

/**
 * The score, 0–1: exposure × missing protection × ice.
 *   exposure  = 1 − 2^(−E / 400), E = Σ over child places within the risk distance of
 *               band weight × age-weighted children (homes: their children; institutions: capacity or a default)
 *   protection = 0.25 + 0.75 × (missing of fence, signs, rescue equipment) / 3   (unknown counts as missing)
 *   ice       = (1 + 0.25 × freezes) / 1.25   (freezes unknown: half)
 */
export function hazardScore(exposure: number, missing: number, freezes: boolean | null): number {
  const e = 1 - 2 ** (-exposure / EXPOSURE_HALF);
  const protection = 0.25 + (0.75 * missing) / 3;
  const ice = (1 + 0.25 * (freezes === true ? 1 : freezes === null ? 0.5 : 0)) / 1.25;
  return e * protection * ice;
}

export function riskOf(score: number, hasPlaces: boolean): RiskBand | 'none' {
  if (!hasPlaces) return 'none';
  // A fully protected hazard scores at most 0.25, so it is never above `low`.
  return score >= 0.55 ? 'high' : score >= 0.3 ? 'medium' : 'low';
}

interface Place {
  layer: PlaceLayer;
  id: FeatureId;
  point: [number, number];
  /** Age-weighted children the place stands for, and plain children 0–17 (homes only). */
  weighted: number;
  children?: number;
}

function childPlaces(dataset: Dataset): Place[] {
  const places: Place[] = [];
  const shares = dataset.meta.ageShares;
  for (const f of dataset.layers.residential?.features ?? []) {
    const population = f.properties.population as number;
    let weighted = 0;
    let children = 0;
    for (const band of AGE_BANDS) {
      const own = f.properties[band];
      const n = typeof own === 'number' ? own : estimatedBand(shares, population, band);
      children += n;
      weighted += n * AGE_WEIGHT[band];
    }
    places.push({ layer: 'residential', id: f.id, point: representativePoint(f.geometry), weighted, children });
  }
  for (const layer of ['kindergartens', 'schools', 'playgrounds', 'childrens_homes'] as const) {
    const d = INSTITUTION_CHILDREN[layer];
    for (const f of dataset.layers[layer]?.features ?? []) {
      const capacity = typeof f.properties.capacity === 'number' ? f.properties.capacity : d.children;
      places.push({ layer, id: f.id, point: representativePoint(f.geometry), weighted: capacity * d.age });
    }
  }
  return places;
}

const LAYER_WORD: Record<PlaceLayer, string> = { residential: 'home', kindergartens: 'kindergarten', schools: 'school', playgrounds: 'playground', childrens_homes: "children's home" };

export function drowningHazards(dataset: Dataset, settings: DrowningSettings): DrowningResult {
  const [high, medium, riskDistance] = settings.bands_m;
  const places = childPlaces(dataset);
  const index = places.length > 0 ? new Flatbush(places.length) : null;
  for (const p of places) index!.add(p.point[0], p.point[1], p.point[0], p.point[1]);
  index?.finish();
  const bandOf = (d: number): RiskBand => (d <= high ? 'high' : d <= medium ? 'medium' : 'low');
  const nearUnmitigated = new Set<number>();
  let unmitigatedHazards = 0;

  const hazards = (dataset.layers.water?.features ?? []).map((w): HazardRow => {
    const [west, south, east, north] = bbox(w);
    const { dLon, dLat } = degreesAround(riskDistance, Math.max(Math.abs(south), Math.abs(north)));
    const near: { place: number; d: number }[] = [];
    for (const i of index?.search(west - dLon, south - dLat, east + dLon, north + dLat) ?? []) {
      const d = distanceToGeometry(places[i]!.point[0], places[i]!.point[1], w.geometry);
      if (d <= riskDistance) near.push({ place: i, d });
    }
    near.sort((a, b) => a.d - b.d || a.place - b.place);
    const counts = Object.fromEntries(RISK_BANDS.map((b) => [b, { residential: 0, kindergartens: 0, schools: 0, playgrounds: 0, childrens_homes: 0, children: 0 }])) as HazardRow['counts'];
    let exposure = 0;
    let children = 0;
    const placeRows: ChildPlace[] = near.map(({ place, d }) => {
      const p = places[place]!;
      const band = bandOf(d);
      counts[band][p.layer]++;
      exposure += BAND_WEIGHT[band] * p.weighted;
      if (p.children !== undefined) {
        counts[band].children += p.children;
        children += p.children;
      }
      return { layer: p.layer, id: p.id, distance_m: Math.round(d * 10) / 10, band, ...(p.children !== undefined ? { children: Math.round(p.children * 10) / 10 } : {}), point: p.point };
    });
    const flags = { fenced: asFlag(w.properties.fenced), warning_signs: asFlag(w.properties.warning_signs), rescue_equipment: asFlag(w.properties.rescue_equipment) };
    const freezes = asFlag(w.properties.freezes);
    const missing = MITIGATIONS.filter((m) => flags[m] !== true);
    const mitigated = missing.length === 0;
    const score = near.length > 0 ? hazardScore(exposure, missing.length, freezes) : 0;
    if (!mitigated && near.length > 0) {
      unmitigatedHazards++;
      near.forEach(({ place }) => places[place]!.layer === 'residential' && nearUnmitigated.add(place));
    }
    const reasonParts: ReasonPart[] = [];
    for (const m of MITIGATIONS) {
      if (flags[m] === false) reasonParts.push({ code: 'missing', mitigation: m });
      else if (flags[m] === null) reasonParts.push({ code: 'unknown', mitigation: m });
    }
    if (freezes) reasonParts.push({ code: 'freezes' });
    for (const layer of PLACE_LAYERS) {
      const nearest = layer === 'residential' ? undefined : placeRows.find((p) => p.layer === layer);
      if (nearest) reasonParts.push({ code: 'near', layer, id: nearest.id, metres: Math.round(nearest.distance_m) });
    }
    if (children > 0) reasonParts.push({ code: 'children', children: Math.round(children), metres: riskDistance });
    const reasons = reasonParts.map((r) => formatReason(r, 'en'));
    return {
      id: w.id,
      name: String(w.properties.name ?? ''),
      kind: String(w.properties.kind),
      ...flags,
      freezes,
      mitigated,
      places: placeRows,
      counts,
      children: Math.round(children * 10) / 10,
      nearest_m: placeRows[0]?.distance_m ?? null,
      score: Math.round(score * 1e4) / 1e4,
      risk: riskOf(score, near.length > 0),
      reasons,
      reasonParts,
    };
  });
  hazards.sort((a, b) => b.score - a.score || String(a.id).localeCompare(String(b.id)));
  let childrenNearUnmitigated = 0;
  for (const i of nearUnmitigated) childrenNearUnmitigated += places[i]!.children ?? 0;
  return { settings, hazards, unmitigatedHazards, childrenNearUnmitigated: Math.round(childrenNearUnmitigated * 10) / 10 };
}
