/**
 * Which homes lie within `radius` of each facility, and how far: the pairs a floating catchment
 * needs (every facility within reach, not just the nearest). Walking: one search per facility,
 * stopped at the radius, on arrays reused between facilities. Straight line: a box search in a
 * spatial index of homes, checked exactly on the sphere.
 */
import Flatbush from 'flatbush';
import FlatQueue from 'flatqueue';
import { degreesAround, greatCircleDistance } from './geodesy';
import { snapAt, type SnapList } from './network/snapToNetwork';
import type { WalkingNetwork } from './network/walkingNetwork';

/** Pairs in compressed form: homes of facility f are home[start[f] .. start[f+1]). */
export interface Reach {
  start: Uint32Array;
  home: Uint32Array;
  distance: Float64Array;
}

function pack(lists: { home: number[]; distance: number[] }[]): Reach {
  const start = new Uint32Array(lists.length + 1);
  lists.forEach((l, f) => (start[f + 1] = start[f]! + l.home.length));
  const home = new Uint32Array(start[lists.length]!);
  const distance = new Float64Array(start[lists.length]!);
  lists.forEach((l, f) => {
    home.set(l.home, start[f]);
    distance.set(l.distance, start[f]);
  });
  return { start, home, distance };
}

export function reachByNetwork(network: WalkingNetwork, facilities: SnapList, homes: SnapList, radius: number): Reach {
  const { nodeCount, edgeFrom, edgeLength, adjStart, adjNode, adjLength, adjEdge } = network;
  // Homes by the edge they join, so a reached node finds the homes along its streets.
  const count = new Uint32Array(network.edgeCount + 1);
  for (let h = 0; h < homes.length; h++) if (homes.edge[h]! >= 0) count[homes.edge[h]! + 1]!++;
  for (let e = 0; e < network.edgeCount; e++) count[e + 1]! += count[e]!;
  const onEdge = new Uint32Array(count[network.edgeCount]!);
  const fill = count.slice(0, network.edgeCount);
  for (let h = 0; h < homes.length; h++) if (homes.edge[h]! >= 0) onEdge[fill[homes.edge[h]!]!++] = h;

  const dist = new Float64Array(nodeCount).fill(Infinity);
  const best = new Float64Array(homes.length).fill(Infinity);
  const touchedNodes: number[] = [];
  const touchedHomes: number[] = [];
  const queue = new FlatQueue<number>();
  const offerHome = (h: number, d: number) => {
    if (d > radius) return;
    if (best[h] === Infinity) touchedHomes.push(h);
    if (d < best[h]!) best[h] = d;
  };

  const lists = Array.from({ length: facilities.length }, (_, f) => {
    const out = { home: [] as number[], distance: [] as number[] };
    const snap = snapAt(facilities, f);
    if (!snap) return out;
    const offer = (n: number, d: number) => {
      if (d > radius || d >= dist[n]!) return;
      if (dist[n] === Infinity) touchedNodes.push(n);
      dist[n] = d;
      queue.push(n, d);
    };
    offer(edgeFrom[snap.edge]!, snap.connector + snap.along);
    offer(network.edgeTo[snap.edge]!, snap.connector + edgeLength[snap.edge]! - snap.along);
    while (queue.length > 0) {
      const d = queue.peekValue()!;
      const n = queue.pop()!;
      if (d > dist[n]!) continue;
      for (let k = adjStart[n]!; k < adjStart[n + 1]!; k++) {
        offer(adjNode[k]!, d + adjLength[k]!);
        // Homes along this street, reached from this end.
        const e = adjEdge[k]!;
        const fromStart = edgeFrom[e] === n;
        for (let i = count[e]!; i < count[e + 1]!; i++) {
          const h = onEdge[i]!;
          offerHome(h, d + (fromStart ? homes.along[h]! : edgeLength[e]! - homes.along[h]!) + homes.connector[h]!);
        }
      }
    }
    // Homes on the facility's own street, reached along it directly.
    for (let i = count[snap.edge]!; i < count[snap.edge + 1]!; i++) {
      const h = onEdge[i]!;
      offerHome(h, snap.connector + Math.abs(homes.along[h]! - snap.along) + homes.connector[h]!);
    }
    touchedHomes.sort((a, b) => a - b);
    for (const h of touchedHomes) {
      out.home.push(h);
      out.distance.push(best[h]!);
      best[h] = Infinity;
    }
    for (const n of touchedNodes) dist[n] = Infinity;
    touchedHomes.length = 0;
    touchedNodes.length = 0;
    return out;
  });
  return pack(lists);
}

export function reachByStraightLine(facilities: readonly [number, number][], homes: readonly [number, number][], radius: number): Reach {
  if (homes.length === 0) return pack(facilities.map(() => ({ home: [], distance: [] })));
  const index = new Flatbush(homes.length);
  for (const [lon, lat] of homes) index.add(lon, lat, lon, lat);
  index.finish();
  return pack(
    facilities.map(([lon, lat]) => {
      const { dLon, dLat } = degreesAround(radius, lat);
      const out = { home: [] as number[], distance: [] as number[] };
      for (const h of index.search(lon - dLon, lat - dLat, lon + dLon, lat + dLat).sort((a, b) => a - b)) {
        const d = greatCircleDistance(lon, lat, homes[h]![0], homes[h]![1]);
        if (d <= radius) {
          out.home.push(h);
          out.distance.push(d);
        }
      }
      return out;
    }),
  );
}

/**
 * Two-step floating catchment: each facility's supply is shared among the demand within its reach
 * (ratio = supply ÷ demand reached); each home then sums the ratios of the facilities within its
 * reach. A facility with no demand in reach serves no one and adds nothing.
 */
export function floatingCatchment(supply: ArrayLike<number>, demand: ArrayLike<number>, reach: Reach): { ratio: Float64Array; access: Float64Array } {
  const facilities = reach.start.length - 1;
  const ratio = new Float64Array(facilities);
  const access = new Float64Array(demand.length);
  for (let f = 0; f < facilities; f++) {
    let reached = 0;
    for (let i = reach.start[f]!; i < reach.start[f + 1]!; i++) reached += demand[reach.home[i]!]!;
    ratio[f] = reached > 0 ? supply[f]! / reached : 0;
    for (let i = reach.start[f]!; i < reach.start[f + 1]!; i++) access[reach.home[i]!]! += ratio[f]!;
  }
  return { ratio, access };
}
