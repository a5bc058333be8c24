/**
 * Living-circle coverage figures (GB 50180-2018): the share of children of the matching age within
 * the radius of the nearest facility of a kind, from distances computed once by computeAccess.
 * Cheap: re-run on every change of a radius or a target.
 */
import type { AccessResult } from './access';
import { CommunityLocator } from './communities';
import type { Dataset, FeatureId } from './types';
import type { AgeBand } from './layers';
import { COVERAGE_KINDS, type CoverageKind } from './targets';

/** Whose coverage each kind measures. */
export const COVERAGE_BANDS: Record<CoverageKind, AgeBand[]> = {
  kindergarten: ['children_3_5'],
  childcare: ['children_0_2'],
  primary: ['children_6_11'],
  middle: ['children_12_14'],
  playground: ['children_0_2', 'children_3_5', 'children_6_11'],
};

export interface CoverageFigure {
  kind: CoverageKind;
  radius: number;
  /** Children of the matching age (weights; may be fractional where estimated). */
  children: number;
  covered: number;
  uncovered: number;
  /** covered / children; null when there are no children to weigh or the facility layer is absent. */
  share: number | null;
  /** Children in off-network homes (all counted as uncovered). */
  offNetworkChildren: number;
  homes: number;
  uncoveredHomes: number;
  /** Homes whose weight rests on an age-share estimate for at least one band. */
  estimatedHomes: number;
  /** Homes with a band neither given nor estimable (counted as 0). */
  unknownHomes: number;
}

export function childrenWeight(access: AccessResult, bands: readonly AgeBand[], home: number): number {
  let w = 0;
  for (const b of bands) w += access.homes.children[b][home]!;
  return w;
}

const emptyFigure = (kind: CoverageKind, radius: number): CoverageFigure => ({ kind, radius, children: 0, covered: 0, uncovered: 0, share: null, offNetworkChildren: 0, homes: 0, uncoveredHomes: 0, estimatedHomes: 0, unknownHomes: 0 });

/**
 * Coverage of one kind for every group of homes at once (`groupOf[h]` in 0…groups-1, -1 for none), in
 * one pass over the homes: per-community figures cost what the district figure costs. Sums run in home
 * order within each group, so a group's figure is exactly what a pass over its homes alone gives.
 */
export function coverageFiguresByGroup(access: AccessResult, kind: CoverageKind, radius: number, groupOf: Int32Array | null, groups: number): CoverageFigure[] {
  const bands = COVERAGE_BANDS[kind];
  const weights = bands.map((b) => access.homes.children[b]);
  const estimated = bands.map((b) => access.homes.estimated[b]);
  const distance = access.nearest[kind].distance;
  const offNetwork = access.offNetwork;
  const figs = Array.from({ length: groups }, () => emptyFigure(kind, radius));
  for (let h = 0; h < access.homes.count; h++) {
    const g = groupOf ? groupOf[h]! : 0;
    if (g < 0) continue;
    const fig = figs[g]!;
    let w = 0;
    let est = false;
    for (let b = 0; b < weights.length; b++) {
      w += weights[b]![h]!;
      if (estimated[b]![h]) est = true;
    }
    fig.homes++;
    fig.children += w;
    if (est) fig.estimatedHomes++;
    if (distance[h]! <= radius) fig.covered += w;
    else {
      fig.uncovered += w;
      fig.uncoveredHomes++;
      if (offNetwork[h]) fig.offNetworkChildren += w;
    }
  }
  let unknown = 0;
  for (const b of bands) unknown = Math.max(unknown, access.homes.unknown[b]);
  for (const fig of figs) {
    fig.unknownHomes = unknown;
    fig.share = fig.children > 0 && access.facilities[kind].layerPresent ? fig.covered / fig.children : null;
  }
  return figs;
}

/** Coverage of one kind over the homes `include` selects (all when omitted), at `radius` metres. */
export function coverageFigure(access: AccessResult, kind: CoverageKind, radius: number, include?: (home: number) => boolean): CoverageFigure {
  if (!include) return coverageFiguresByGroup(access, kind, radius, null, 1)[0]!;
  const groupOf = new Int32Array(access.homes.count);
  for (let h = 0; h < groupOf.length; h++) groupOf[h] = include(h) ? 0 : -1;
  return coverageFiguresByGroup(access, kind, radius, groupOf, 1)[0]!;
}

export interface CommunityCoverage {
  id: FeatureId;
  name: string;
  kind: string | null;
  /** Index into the communities layer. */
  index: number;
  figures: Record<CoverageKind, CoverageFigure>;
}

/** Found once per set of homes and communities: coverage, play space and places all ask (read-only). */
const communitiesOfHomes = new WeakMap<object, { communities: unknown; of: Int32Array }>();

/** Each home's community (index into the communities layer, -1 for none). Do not modify the result. */
export function homeCommunities(dataset: Dataset, access: AccessResult): Int32Array {
  const { homes } = access;
  const known = communitiesOfHomes.get(homes);
  if (known && known.communities === dataset.layers.communities) return known.of;
  const locator = new CommunityLocator(dataset.layers.communities?.features ?? []);
  const of = new Int32Array(homes.count);
  for (let h = 0; h < homes.count; h++) of[h] = locator.of(homes.community[h]!, homes.lon[h]!, homes.lat[h]!);
  communitiesOfHomes.set(homes, { communities: dataset.layers.communities, of });
  return of;
}

/** Every coverage figure per community, over the homes in it. */
export function communityCoverage(dataset: Dataset, access: AccessResult, radii: Record<CoverageKind, number>): CommunityCoverage[] {
  const communities = dataset.layers.communities?.features ?? [];
  const of = homeCommunities(dataset, access);
  const byKind = Object.fromEntries(COVERAGE_KINDS.map((k) => [k, coverageFiguresByGroup(access, k, radii[k], of, communities.length)])) as Record<CoverageKind, CoverageFigure[]>;
  return communities.map((c, i) => ({
    id: c.id,
    name: String(c.properties.name ?? ''),
    kind: typeof c.properties.kind === 'string' ? c.properties.kind : null,
    index: i,
    figures: Object.fromEntries(COVERAGE_KINDS.map((k) => [k, byKind[k][i]!])) as Record<CoverageKind, CoverageFigure>,
  }));
}
