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
 * The nearest edge to (lon, lat) and where on it, or null when none lies within `maxConnector` metres.
 * Searches a growing box in the edge index; a box of half-size r holds every edge within r, so the
 * first box holding a candidate at most r away holds the nearest.
 */
export function snapToNetwork(network: WalkingNetwork, lon: number, lat: number, maxConnector = OFF_NETWORK_METRES): NetworkSnap | null {
  const index = network.edgeIndex;
  if (!index) return null;
  const { nodeLon, nodeLat, edgeFrom, edgeTo, edgeLength } = network;
  for (let r = Math.min(50, maxConnector); ; r = Math.min(r * 2, maxConnector)) {
    const { dLon, dLat } = degreesAround(r, lat);
    let best: NetworkSnap | null = null;
    let bestEdge = Infinity;
    for (const e of index.search(lon - dLon, lat - dLat, lon + dLon, lat + dLat)) {
      const ax = nodeLon[edgeFrom[e]!]!;
      const ay = nodeLat[edgeFrom[e]!]!;
      const bx = nodeLon[edgeTo[e]!]!;
      const by = nodeLat[edgeTo[e]!]!;
      const t = nearestFractionOnSegment(lon, lat, ax, ay, bx, by);
      const connector = greatCircleDistance(lon, lat, ax + t * (bx - ax), ay + t * (by - ay));
      // Ties go to the lower edge index, so every run joins a point to the same edge.
      if (!best || connector < best.connector || (connector === best.connector && e < bestEdge)) {
        best = { edge: e, along: t * edgeLength[e]!, connector };
        bestEdge = e;
      }
    }
    if (best && best.connector <= r) return best.connector <= maxConnector ? best : null;
    if (r >= maxConnector) return null;
  }
}
