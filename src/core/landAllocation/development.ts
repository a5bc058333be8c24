/**
 * A new residential development checked before approval (配套校核): the homes it adds, as a residential
 * feature, and what that changes in its unit's need for places, classes and land.
 */
import type { Polygon } from 'geojson';
import { CommunityLocator } from '../communities';
import { prepareHomes } from '../homes';
import { LAND_LEVELS, type LandAllocationSettings, type LandLevel } from '../targets';
import type { ContractFeature, Dataset, FeatureId } from '../types';
import { landAllocation, type LandAllocation, type LandRow } from './landAllocation';

/** Persons per household, China's 2020 census (第七次全国人口普查: 平均每个家庭户 2.62 人). */
export const PERSONS_PER_DWELLING = 2.62;
export const PERSONS_PER_DWELLING_SOURCE = '第七次全国人口普查（2020）平均每个家庭户 2.62 人 / 2020 census: 2.62 persons per household';

export interface Development {
  name: string;
  polygon: Polygon;
  /** Residents, when known; else dwellings × persons per dwelling. */
  population: number | null;
  dwellings: number | null;
  personsPerDwelling?: number;
}

export function developmentPopulation(d: Development): number {
  if (d.population !== null) return d.population;
  return Math.round((d.dwellings ?? 0) * (d.personsPerDwelling ?? PERSONS_PER_DWELLING));
}

/** An id not yet used in the residential layer. */
function freshHomeId(dataset: Dataset): string {
  const used = new Set((dataset.layers.residential?.features ?? []).map((f) => String(f.id)));
  let n = 1;
  while (used.has(`dev-${n}`)) n++;
  return `dev-${n}`;
}

/**
 * The development as a home: its residents, and no child counts of its own, so its children are
 * estimated from dataset.json's age_shares like any home without them (and marked as estimated).
 */
export function developmentFeature(dataset: Dataset, d: Development): ContractFeature {
  const id = freshHomeId(dataset);
  const properties: Record<string, unknown> = { id, name: d.name || id, population: developmentPopulation(d), development: true };
  if (d.dwellings !== null) properties.dwellings = d.dwellings;
  return { type: 'Feature', id, properties, geometry: d.polygon };
}

/** The dataset with the development's homes added; nothing else is touched. */
export function addDevelopment(dataset: Dataset, d: Development): Dataset {
  const residential = dataset.layers.residential?.features ?? [];
  return { ...dataset, layers: { ...dataset.layers, residential: { type: 'FeatureCollection', features: [...residential, developmentFeature(dataset, d)] } } };
}

/** Land allocation without walking distances: everything but the places within reach. Fast enough to preview a drawing. */
export function landAllocationOf(dataset: Dataset, settings: LandAllocationSettings): LandAllocation {
  const homes = prepareHomes(dataset);
  const locator = new CommunityLocator(dataset.layers.communities?.features ?? []);
  const homeCommunity = Int32Array.from({ length: homes.count }, (_, h) => locator.of(homes.community[h]!, homes.lon[h]!, homes.lat[h]!));
  return landAllocation({ dataset, homes, settings, homeCommunity });
}

export interface DevelopmentImpact {
  population: number;
  /** The development's children per level's age band, now (estimated from age_shares). */
  children: Record<LandLevel, number>;
  unit: { id: FeatureId; name: string } | null;
  /** Per year and level: the unit's row before and after, and what the development itself must provide. */
  years: Record<string, Record<LandLevel, { before: LandRow; after: LandRow; added_places: number; added_classes: number; added_land_m2: number | null }>>;
}

/**
 * What the development changes: its unit's rows before and after. The places it adds beyond what the
 * unit's facilities can still absorb are what it must provide itself: the rise in the unit's gap.
 */
export function developmentImpact(dataset: Dataset, d: Development, settings: LandAllocationSettings): DevelopmentImpact {
  const before = landAllocationOf(dataset, settings);
  const withDev = addDevelopment(dataset, d);
  const after = landAllocationOf(withDev, settings);
  const homes = prepareHomes({ ...withDev, layers: { residential: { type: 'FeatureCollection', features: [withDev.layers.residential!.features.at(-1)!] } } });
  const band = { kindergarten: 'children_3_5', childcare: 'children_0_2', primary: 'children_6_11', middle: 'children_12_14' } as const;
  const children = Object.fromEntries(LAND_LEVELS.map((l) => [l, Math.round(homes.children[band[l]][0]! * 10) / 10])) as Record<LandLevel, number>;
  // The unit that gained the most residents is the one the development lies in.
  let unitIndex = -1;
  let most = 0;
  after.units.forEach((u, i) => {
    const gained = u.play_space.residents - before.units[i]!.play_space.residents;
    if (gained > most) {
      most = gained;
      unitIndex = i;
    }
  });
  const rowsBefore = unitIndex >= 0 ? before.units[unitIndex]!.years : before.district;
  const rowsAfter = unitIndex >= 0 ? after.units[unitIndex]!.years : after.district;
  const years: DevelopmentImpact['years'] = {};
  for (const year of Object.keys(rowsAfter)) {
    years[year] = Object.fromEntries(LAND_LEVELS.map((l) => {
      const b = rowsBefore[year]![l];
      const a = rowsAfter[year]![l];
      const land = a.land_needed_m2 === null || b.land_needed_m2 === null ? null : Math.round((a.land_needed_m2 - b.land_needed_m2) * 10) / 10;
      return [l, { before: b, after: a, added_places: Math.round(((a.gap_places ?? 0) - (b.gap_places ?? 0)) * 10) / 10, added_classes: (a.classes_needed ?? 0) - (b.classes_needed ?? 0), added_land_m2: land }];
    })) as DevelopmentImpact['years'][string];
  }
  return {
    population: developmentPopulation(d),
    children,
    unit: unitIndex >= 0 ? { id: after.units[unitIndex]!.id, name: after.units[unitIndex]!.name } : null,
    years,
  };
}

/** What a development file gives: its outline, and its name and homes where the file says them. */
export type DevelopmentFile =
  | { ok: true; corners: [number, number][]; name: string; population: number | null; dwellings: number | null }
  | { ok: false; reason: string };

const FIELD_NAMES = { name: ['name', '名称', '项目名称'], population: ['population', '人口', '规划人口'], dwellings: ['dwellings', '户数', '套数', '住宅套数'] };

/**
 * Reads a development drawn elsewhere (a GeoJSON Feature or FeatureCollection in WGS84 longitude and
 * latitude): the first polygon's outer ring (a multipolygon's largest part), and `population` /
 * `dwellings` (or 人口 / 户数 / 套数) when its properties give them. Property values are data: read, never run.
 */
export function developmentFromGeoJson(text: string): DevelopmentFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: `not JSON: ${(e as Error).message.slice(0, 120)}` };
  }
  const o = json as { type?: unknown; features?: unknown[] };
  const features = o?.type === 'FeatureCollection' && Array.isArray(o.features) ? o.features : o?.type === 'Feature' ? [o] : [];
  const feature = features.find((f) => {
    const g = (f as { geometry?: { type?: unknown } } | null)?.geometry;
    return g?.type === 'Polygon' || g?.type === 'MultiPolygon';
  }) as { geometry: { type: string; coordinates: unknown }; properties?: Record<string, unknown> } | undefined;
  if (!feature) return { ok: false, reason: 'no Polygon or MultiPolygon feature in the file' };
  const rings = (feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : (feature.geometry.coordinates as unknown[])) as unknown[];
  const outer = rings
    .map((p) => (Array.isArray(p) ? p[0] : null))
    .filter((r): r is unknown[] => Array.isArray(r) && r.length >= 4)
    .sort((a, b) => b.length - a.length)[0];
  const corners = (outer ?? []).map((p) => (Array.isArray(p) ? [Number(p[0]), Number(p[1])] : [NaN, NaN]) as [number, number]);
  if (corners.length < 4) return { ok: false, reason: 'the polygon has fewer than three corners' };
  const bad = corners.find(([x, y]) => !Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > 180 || Math.abs(y) > 90);
  if (bad) return { ok: false, reason: `coordinate ${JSON.stringify(bad)} is not a longitude/latitude in degrees (the file must be WGS84)` };
  const first = corners[0]!;
  const last = corners[corners.length - 1]!;
  const open = first[0] === last[0] && first[1] === last[1] ? corners.slice(0, -1) : corners;
  const props = feature.properties && typeof feature.properties === 'object' ? feature.properties : {};
  const pick = (keys: string[]) => keys.map((k) => props[k]).find((v) => v !== undefined && v !== null && v !== '');
  const count = (keys: string[]) => {
    const v = Number(pick(keys));
    return Number.isFinite(v) && v > 0 ? v : null;
  };
  const name = pick(FIELD_NAMES.name);
  return { ok: true, corners: open, name: typeof name === 'string' ? name.slice(0, 80) : '', population: count(FIELD_NAMES.population), dwellings: count(FIELD_NAMES.dwellings) };
}
