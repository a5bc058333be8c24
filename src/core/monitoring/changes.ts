/**
 * What changed where between two monitoring years: homes that gained or lost each kind of coverage,
 * communities ranked by it, facilities opened, closed or resized, water hazards fixed or new.
 *
 * Matching: a home (or facility) is the same in both years when it has the same id; failing that,
 * when its representative point is the same to 1e-5° (about a metre; facilities to 1e-4°, about ten
 * metres, since a re-surveyed kindergarten moves a little). Anything else is new or gone.
 */
import type { AccessResult } from '../access';
import { CommunityLocator } from '../communities';
import type { DrowningResult } from '../drowningHazards';
import { representativePoint } from '../representativePoint';
import { COVERAGE_KINDS, type CoverageKind } from '../targets';
import type { Dataset, FeatureId } from '../types';

const KIND_BAND = { kindergarten: 'children_3_5', childcare: 'children_0_2', primary: 'children_6_11', middle: 'children_12_14', playground: null } as const;

export interface YearState {
  year: number;
  dataset: Dataset;
  access: AccessResult;
  radii: Record<CoverageKind, number>;
  drowning: DrowningResult | null;
}

export interface HomeChange {
  id: FeatureId;
  point: [number, number];
  matchedBy: 'id' | 'location';
  gained: CoverageKind[];
  lost: CoverageKind[];
}

export interface FacilityChanges {
  layer: 'kindergartens' | 'childcare' | 'schools' | 'playgrounds' | 'childrens_homes';
  opened: { id: FeatureId; name: string }[];
  closed: { id: FeatureId; name: string }[];
  capacity: { id: FeatureId; name: string; before: number | null; after: number | null }[];
}

export interface YearChanges {
  from: number;
  to: number;
  homes: { matchedById: number; matchedByLocation: number; newHomes: number; goneHomes: number };
  /** Per kind: homes (and children of the kind's age, in the later year) that gained or lost coverage. */
  coverage: Record<CoverageKind, { gainedHomes: number; lostHomes: number; gainedChildren: number; lostChildren: number }>;
  /** Only the homes whose coverage changed, for the map (gained green, lost red). */
  homeChanges: HomeChange[];
  facilities: FacilityChanges[];
  hazards: { fixed: FeatureId[]; new: FeatureId[] };
  /** Communities (of the later year) by how many children's coverage changed in them, most first. */
  communities: { id: FeatureId; name: string; gainedChildren: number; lostChildren: number; net: number }[];
}

const key = (p: readonly number[], digits: number) => `${p[0]!.toFixed(digits)},${p[1]!.toFixed(digits)}`;

/** For each index of `after`, the index in `before` it matches (−1: new), and how. */
function match(before: { id: FeatureId; point: [number, number] }[], after: { id: FeatureId; point: [number, number] }[], digits: number): { index: Int32Array; by: ('id' | 'location' | null)[] } {
  const byId = new Map<string, number>();
  const byPlace = new Map<string, number>();
  before.forEach((b, i) => {
    byId.set(String(b.id), i);
    if (!byPlace.has(key(b.point, digits))) byPlace.set(key(b.point, digits), i);
  });
  const used = new Uint8Array(before.length);
  const index = new Int32Array(after.length).fill(-1);
  const by: ('id' | 'location' | null)[] = new Array(after.length).fill(null);
  after.forEach((a, j) => {
    const i = byId.get(String(a.id));
    if (i !== undefined && !used[i]) {
      index[j] = i;
      by[j] = 'id';
      used[i] = 1;
    }
  });
  after.forEach((a, j) => {
    if (index[j]! >= 0) return;
    const i = byPlace.get(key(a.point, digits));
    if (i !== undefined && !used[i]) {
      index[j] = i;
      by[j] = 'location';
      used[i] = 1;
    }
  });
  return { index, by };
}

const covered = (s: YearState, kind: CoverageKind, h: number) => s.access.nearest[kind].distance[h]! <= s.radii[kind];

export function yearChanges(a: YearState, b: YearState): YearChanges {
  const homesOf = (s: YearState) => Array.from({ length: s.access.homes.count }, (_, h) => ({ id: s.access.homes.ids[h]!, point: [s.access.homes.lon[h]!, s.access.homes.lat[h]!] as [number, number] }));
  const ha = homesOf(a);
  const hb = homesOf(b);
  const { index, by } = match(ha, hb, 5);
  const coverage = Object.fromEntries(COVERAGE_KINDS.map((k) => [k, { gainedHomes: 0, lostHomes: 0, gainedChildren: 0, lostChildren: 0 }])) as YearChanges['coverage'];
  const homeChanges: HomeChange[] = [];
  let matchedById = 0;
  let matchedByLocation = 0;
  for (let j = 0; j < hb.length; j++) {
    const i = index[j]!;
    if (i < 0) continue;
    if (by[j] === 'id') matchedById++;
    else matchedByLocation++;
    const gained: CoverageKind[] = [];
    const lost: CoverageKind[] = [];
    for (const k of COVERAGE_KINDS) {
      const was = covered(a, k, i);
      const is = covered(b, k, j);
      if (was === is) continue;
      const band = KIND_BAND[k];
      const children = band ? b.access.homes.children[band][j]! : b.access.homes.children.children_0_2[j]! + b.access.homes.children.children_3_5[j]! + b.access.homes.children.children_6_11[j]!;
      if (is) {
        gained.push(k);
        coverage[k].gainedHomes++;
        coverage[k].gainedChildren += children;
      } else {
        lost.push(k);
        coverage[k].lostHomes++;
        coverage[k].lostChildren += children;
      }
    }
    if (gained.length > 0 || lost.length > 0) homeChanges.push({ id: hb[j]!.id, point: hb[j]!.point, matchedBy: by[j]!, gained, lost });
  }

  // Per community of the later year: children who gained or lost any kind's coverage, counted per kind.
  const communityFeatures = b.dataset.layers.communities?.features ?? [];
  const locator = new CommunityLocator(communityFeatures);
  const gainedIn = new Float64Array(communityFeatures.length);
  const lostIn = new Float64Array(communityFeatures.length);
  const indexOf = new Map(hb.map((h, j) => [String(h.id), j]));
  for (const c of homeChanges) {
    const j = indexOf.get(String(c.id))!;
    const k = locator.of(b.access.homes.community[j]!, c.point[0], c.point[1]);
    if (k < 0) continue;
    const children = (kind: CoverageKind) => {
      const band = KIND_BAND[kind];
      return band ? b.access.homes.children[band][j]! : b.access.homes.children.children_0_2[j]! + b.access.homes.children.children_3_5[j]! + b.access.homes.children.children_6_11[j]!;
    };
    for (const kind of c.gained) gainedIn[k]! += children(kind);
    for (const kind of c.lost) lostIn[k]! += children(kind);
  }
  const communities = communityFeatures
    .map((f, k) => ({ id: f.id, name: String(f.properties.name ?? ''), gainedChildren: Math.round(gainedIn[k]! * 10) / 10, lostChildren: Math.round(lostIn[k]! * 10) / 10, net: Math.round((gainedIn[k]! - lostIn[k]!) * 10) / 10 }))
    .filter((c) => c.gainedChildren > 0 || c.lostChildren > 0)
    .sort((x, y) => y.gainedChildren + y.lostChildren - (x.gainedChildren + x.lostChildren));

  const facilities: FacilityChanges[] = (['kindergartens', 'childcare', 'schools', 'playgrounds', 'childrens_homes'] as const).map((layer) => {
    const list = (s: YearState) => (s.dataset.layers[layer]?.features ?? []).map((f) => ({ id: f.id, point: representativePoint(f.geometry), name: String(f.properties.name ?? ''), capacity: typeof f.properties.capacity === 'number' ? f.properties.capacity : null }));
    const fa = list(a);
    const fb = list(b);
    const m = match(fa, fb, 4);
    const kept = new Uint8Array(fa.length);
    const out: FacilityChanges = { layer, opened: [], closed: [], capacity: [] };
    fb.forEach((f, j) => {
      const i = m.index[j]!;
      if (i < 0) out.opened.push({ id: f.id, name: f.name });
      else {
        kept[i] = 1;
        if (fa[i]!.capacity !== f.capacity) out.capacity.push({ id: f.id, name: f.name, before: fa[i]!.capacity, after: f.capacity });
      }
    });
    fa.forEach((f, i) => {
      if (!kept[i]) out.closed.push({ id: f.id, name: f.name });
    });
    return out;
  });

  // A hazard is an unmitigated water feature near child places; fixed when it is no longer one.
  const hazardIds = (s: YearState) => new Set((s.drowning?.hazards ?? []).filter((h) => !h.mitigated && h.places.length > 0).map((h) => String(h.id)));
  const before = hazardIds(a);
  const after = hazardIds(b);
  return {
    from: a.year,
    to: b.year,
    homes: { matchedById, matchedByLocation, newHomes: hb.length - matchedById - matchedByLocation, goneHomes: ha.length - matchedById - matchedByLocation },
    coverage,
    homeChanges,
    facilities,
    hazards: { fixed: [...before].filter((id) => !after.has(id)), new: [...after].filter((id) => !before.has(id)) },
    communities,
  };
}
