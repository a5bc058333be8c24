/**
 * Joining a point to the walking network: at the nearest point of the nearest walkable edge, the
 * straight connector counting in its walking distance. Farther than `maxConnector` (500 m by the
 * contract) from every edge, the point is off-network.
 */
import { degreesAround, greatCircleDistance, nearestFractionOnSegment } from '../geodesy';
import type { WalkingNetwork } from './walkingNetwork';

export interface NetworkSnap {
  edge: number;
  /** Metres along the edge from its `from` node to the joining point. */
  along: number;
  /** Metres of the straight connector from the point to the edge. */
  connector: number;
}

export const OFF_NETWORK_METRES = 500;

/**
 * Many points joined to the network, in typed arrays: a city's homes are a million of them, and
 * an object each would be a million objects for the garbage collector to carry through the run.
 */
export interface SnapList {
  readonly length: number;
  /** Edge joined; -1 where the point is off-network. */
  edge: Int32Array;
  along: Float64Array;
  connector: Float64Array;
}

function emptySnapList(length: number): SnapList {
  return { length, edge: new Int32Array(length).fill(-1), along: new Float64Array(length), connector: new Float64Array(length) };
}

/**
 * The nearest edge to (lon, lat) and where on it, written to slot i of `out`; false (and edge -1)
 * when none lies within `maxConnector` metres. Searches a growing box in the edge index; a box of
 * half-size r holds every edge within r, so the first box holding a candidate at most r away holds
 * the nearest.
 */
function snapInto(network: WalkingNetwork, lon: number, lat: number, maxConnector: number, out: SnapList, i: number): boolean {
  out.edge[i] = -1;
  const index = network.edgeIndex;
  if (!index) return false;
  const { nodeLon, nodeLat, edgeFrom, edgeTo, edgeLength } = network;
  for (let r = Math.min(50, maxConnector); ; r = Math.min(r * 2, maxConnector)) {
    const { dLon, dLat } = degreesAround(r, lat);
    let bestEdge = -1;
    let bestConnector = Infinity;
    let bestAlong = 0;
    for (const e of index.search(lon - dLon, lat - dLat, lon + dLon, lat + dLat)) {
      const ax = nodeLon[edgeFrom[e]!]!;
      const ay = nodeLat[edgeFrom[e]!]!;
      const bx = nodeLon[edgeTo[e]!]!;
      const by = nodeLat[edgeTo[e]!]!;
      const t = nearestFractionOnSegment(lon, lat, ax, ay, bx, by);
      const connector = greatCircleDistance(lon, lat, ax + t * (bx - ax), ay + t * (by - ay));
      // Ties go to the lower edge index, so every run joins a point to the same edge.
      if (connector < bestConnector || (connector === bestConnector && e < bestEdge)) {
        bestEdge = e;
        bestConnector = connector;
        bestAlong = t * edgeLength[e]!;
      }
    }
    if (bestEdge >= 0 && bestConnector <= r) {
      if (bestConnector > maxConnector) return false;
      out.edge[i] = bestEdge;
      out.along[i] = bestAlong;
      out.connector[i] = bestConnector;
      return true;
    }
    if (r >= maxConnector) return false;
  }
}

/** Every point (lon[i], lat[i]) joined to the network. */
export function snapPoints(network: WalkingNetwork, lon: ArrayLike<number>, lat: ArrayLike<number>, maxConnector = OFF_NETWORK_METRES): SnapList {
  const out = emptySnapList(lon.length);
  for (let i = 0; i < lon.length; i++) snapInto(network, lon[i]!, lat[i]!, maxConnector, out, i);
  return out;
}

/** Every [lon, lat] joined to the network (facilities and candidate sites, a few hundred at most). */
export function snapPairs(network: WalkingNetwork, points: readonly (readonly [number, number])[], maxConnector = OFF_NETWORK_METRES): SnapList {
  return snapPoints(network, points.map((p) => p[0]), points.map((p) => p[1]), maxConnector);
}

/** Slot i of a list as an object, or null when off-network. */
export function snapAt(list: SnapList, i: number): NetworkSnap | null {
  const edge = list.edge[i]!;
  return edge < 0 ? null : { edge, along: list.along[i]!, connector: list.connector[i]! };
}

/** Joins written one at a time (a single facility, a test) as a list. */
export function snapListOf(snaps: readonly (NetworkSnap | null)[]): SnapList {
  const out = emptySnapList(snaps.length);
  snaps.forEach((s, i) => {
    if (!s) return;
    out.edge[i] = s.edge;
    out.along[i] = s.along;
    out.connector[i] = s.connector;
  });
  return out;
}

/** The nearest edge to one point and where on it, or null when none lies within `maxConnector` metres. */
export function snapToNetwork(network: WalkingNetwork, lon: number, lat: number, maxConnector = OFF_NETWORK_METRES): NetworkSnap | null {
  const one = emptySnapList(1);
  return snapInto(network, lon, lat, maxConnector, one, 0) ? snapAt(one, 0) : null;
}
