/**
 * Playground provision (plan: safety measures 10–11, environment measure 4): not just whether a
 * playground is near, but how much play area each child can reach — a two-step floating catchment
 * of playground area over children 0–11 within the playground radius — and which residential green
 * spaces and parks still lack a play area.
 */
import { area, booleanPointInPolygon } from '@turf/turf';
import type { AccessResult, NetworkContext } from './access';
import { floatingCatchment, reachByNetwork, reachByStraightLine, type Reach } from './catchment';
import { playgroundArea } from './facilities';
import { homeCommunities } from './livingCircleCoverage';
import { representativePoint } from './representativePoint';
import { snapPairs } from './network/snapToNetwork';
import type { Targets } from './targets';
import type { Dataset, FeatureId } from './types';

export interface GreenSpaceTodo {
  id: FeatureId;
  name: string;
  kind: 'park' | 'residential_green';
  area_m2: number;
  /** Children 0–11 living within the playground radius of the space (walking or straight, as the analysis). */
  children_0_11: number;
  point: [number, number];
}

export interface PlaygroundProvision {
  radius: number;
  /** m² of playground within reach per child 0–11, weighted by children; null without children or playgrounds. */
  areaPerChild: number | null;
  /** Per home, in residential order: m² per child within reach. */
  homeAreaPerChild: Float64Array;
  /** Per community (communities layer order): m² per child, or null where no children live. */
  communityAreaPerChild: (number | null)[];
  /** Playgrounds that count, with the area each contributes (0 where unknown). */
  playgrounds: { id: FeatureId; area_m2: number | null; children_in_reach: number }[];
  tooSmall: { id: FeatureId; area_m2: number }[];
  unknownSize: FeatureId[];
  spaces: Record<'park' | 'residential_green', { total: number; holding: number }>;
  todo: GreenSpaceTodo[];
}

const CHILD_BANDS = ['children_0_2', 'children_3_5', 'children_6_11'] as const;

/** Pairs of (facility, home) within the radius, by the analysis's own distance. */
function reachOf(access: AccessResult, context: NetworkContext | null, points: [number, number][], radius: number, offNetwork: number): Reach {
  if (access.distance === 'network' && context) {
    return reachByNetwork(context.network, snapPairs(context.network, points, offNetwork), context.homeSnaps, radius);
  }
  const homes = Array.from({ length: access.homes.count }, (_, h) => [access.homes.lon[h]!, access.homes.lat[h]!] as [number, number]);
  return reachByStraightLine(points, homes, radius);
}

export function playgroundProvision(dataset: Dataset, access: AccessResult, context: NetworkContext | null, targets: Targets): PlaygroundProvision {
  const radius = targets.radii_m.playground;
  const { homes } = access;
  const demand = new Float64Array(homes.count);
  for (let h = 0; h < homes.count; h++) for (const b of CHILD_BANDS) demand[h]! += homes.children[b][h]!;

  const counted = access.facilities.playground;
  const supply = counted.features.map((f) => playgroundArea(f));
  const reach = reachOf(access, context, counted.points, radius, targets.off_network_m);
  const { access: perChild } = floatingCatchment(supply.map((a) => a ?? 0), demand, reach);

  let weighted = 0;
  let children = 0;
  for (let h = 0; h < homes.count; h++) {
    weighted += demand[h]! * perChild[h]!;
    children += demand[h]!;
  }
  const of = homeCommunities(dataset, access);
  const communityCount = dataset.layers.communities?.features.length ?? 0;
  const cw = new Float64Array(communityCount);
  const cc = new Float64Array(communityCount);
  for (let h = 0; h < homes.count; h++) {
    const c = of[h]!;
    if (c < 0) continue;
    cw[c]! += demand[h]! * perChild[h]!;
    cc[c]! += demand[h]!;
  }

  // Green spaces holding a playground that counts (its representative point inside the space).
  const spaces = { park: { total: 0, holding: 0 }, residential_green: { total: 0, holding: 0 } };
  const lacking: { f: (typeof greens)[number]; kind: 'park' | 'residential_green' }[] = [];
  const greens = (dataset.layers.green_spaces?.features ?? []).filter((g) => g.properties.kind === 'park' || g.properties.kind === 'residential_green');
  for (const g of greens) {
    const kind = g.properties.kind as 'park' | 'residential_green';
    spaces[kind].total++;
    if (counted.points.some((p) => booleanPointInPolygon(p, g as never))) spaces[kind].holding++;
    else lacking.push({ f: g, kind });
  }
  const lackingPoints = lacking.map(({ f }) => representativePoint(f.geometry));
  const around = reachOf(access, context, lackingPoints, radius, targets.off_network_m);
  const todo: GreenSpaceTodo[] = lacking.map(({ f, kind }, i) => {
    let kids = 0;
    for (let k = around.start[i]!; k < around.start[i + 1]!; k++) kids += demand[around.home[k]!]!;
    return { id: f.id, name: String(f.properties.name ?? ''), kind, area_m2: Math.round(area(f)), children_0_11: Math.round(kids * 10) / 10, point: lackingPoints[i]! };
  });
  // Most children around first: what to build first.
  todo.sort((a, b) => b.children_0_11 - a.children_0_11 || String(a.id).localeCompare(String(b.id)));

  const byId = new Map((dataset.layers.playgrounds?.features ?? []).map((f) => [f.id, f]));
  return {
    radius,
    areaPerChild: children > 0 && dataset.layers.playgrounds ? weighted / children : null,
    homeAreaPerChild: perChild,
    communityAreaPerChild: Array.from(cc, (c, i) => (c > 0 ? cw[i]! / c : null)),
    playgrounds: counted.ids.map((id, f) => {
      let kids = 0;
      for (let k = reach.start[f]!; k < reach.start[f + 1]!; k++) kids += demand[reach.home[k]!]!;
      return { id, area_m2: supply[f] ?? null, children_in_reach: Math.round(kids * 10) / 10 };
    }),
    tooSmall: counted.tooSmall.map((id) => ({ id, area_m2: Math.round(playgroundArea(byId.get(id)!) ?? 0) })),
    unknownSize: [...counted.unknownSize],
    spaces,
    todo,
  };
}
