/**
 * Kindergarten places against demand (plan: education goal 2, gross preschool enrolment ≥ 95 %):
 * places per child 3–5 for the district and per community, and a seat-accessibility map from a
 * two-step floating catchment (each kindergarten's places shared among the children 3–5 within its
 * radius), which sorts homes into three groups a decision maker can read.
 */
import type { AccessResult, NetworkContext } from './access';
import { floatingCatchment, reachByNetwork, reachByStraightLine } from './catchment';
import { homeCommunities } from './livingCircleCoverage';
import { snapPairs } from './network/snapToNetwork';
import type { Dataset } from './types';

export type SeatGroup = 'served' | 'short' | 'out_of_reach';

export interface KindergartenSeats {
  radius: number;
  /** Places ÷ children 3–5, district-wide; null without children or kindergartens. */
  placesPerChild: number | null;
  /** Per home: places within reach per child (floating catchment) and its group. */
  homePlacesPerChild: Float64Array;
  homeGroup: SeatGroup[];
  /** Children 3–5 in each group. */
  children: Record<SeatGroup, number>;
  /** Per community (layer order): places per child of its homes' catchment, weighted by children. */
  communityPlacesPerChild: (number | null)[];
  unknownCapacity: number;
}

/**
 * Served: places within reach for at least `enough` of each child (default the plan's 0.95);
 * short: a kindergarten within reach but fewer places than that; out of reach: none within the radius.
 */
export function kindergartenSeats(dataset: Dataset, access: AccessResult, context: NetworkContext | null, options: { radius: number; offNetworkMetres: number; enough?: number }): KindergartenSeats {
  const enough = options.enough ?? 0.95;
  const { homes } = access;
  const kg = access.facilities.kindergarten;
  const demand = homes.children.children_3_5;
  const reach = context
    ? reachByNetwork(context.network, snapPairs(context.network, kg.points, options.offNetworkMetres), context.homeSnaps, options.radius)
    : reachByStraightLine(kg.points, Array.from({ length: homes.count }, (_, h) => [homes.lon[h]!, homes.lat[h]!] as [number, number]), options.radius);
  const places = kg.features.map((f) => (typeof f.properties.capacity === 'number' ? f.properties.capacity : 0));
  const { access: perChild } = floatingCatchment(places, demand, reach);
  const inReach = new Uint8Array(homes.count);
  for (let k = 0; k < reach.home.length; k++) inReach[reach.home[k]!] = 1;
  const children: Record<SeatGroup, number> = { served: 0, short: 0, out_of_reach: 0 };
  const homeGroup = Array.from(perChild, (p, h): SeatGroup => {
    const g: SeatGroup = !inReach[h] ? 'out_of_reach' : p >= enough ? 'served' : 'short';
    children[g] += demand[h]!;
    return g;
  });
  const totalChildren = demand.reduce((s, v) => s + v, 0);
  const totalPlaces = places.reduce((s, v) => s + v, 0);
  const of = homeCommunities(dataset, access);
  const n = dataset.layers.communities?.features.length ?? 0;
  const cw = new Float64Array(n);
  const cc = new Float64Array(n);
  for (let h = 0; h < homes.count; h++) {
    if (of[h]! < 0) continue;
    cw[of[h]!]! += demand[h]! * perChild[h]!;
    cc[of[h]!]! += demand[h]!;
  }
  return {
    radius: options.radius,
    placesPerChild: totalChildren > 0 && kg.layerPresent ? totalPlaces / totalChildren : null,
    homePlacesPerChild: perChild,
    homeGroup,
    children,
    communityPlacesPerChild: Array.from(cc, (c, i) => (c > 0 ? cw[i]! / c : null)),
    unknownCapacity: kg.features.filter((f) => typeof f.properties.capacity !== 'number').length,
  };
}
