/**
 * Every home's nearest facility of one kind, in one pass: a multi-source shortest-path run over the
 * walking network (each facility enters at its joining point, carrying its connector), then each
 * home reads its edge's two end nodes (and any facility on its own edge). Straight-line mode uses a
 * spatial index instead. Ties go to the facility listed first, so results never depend on
 * the order work happened in.
 */
import Flatbush from 'flatbush';
import FlatQueue from 'flatqueue';
import { greatCircleDistance } from './geodesy';
import type { SnapList } from './network/snapToNetwork';
import type { WalkingNetwork } from './network/walkingNetwork';

export interface NearestResult {
  /** Index of the nearest facility per home; -1 where none can be reached. */
  facility: Int32Array;
  /** Metres to it; Infinity where none. */
  distance: Float64Array;
}

const better = (d: number, f: number, bestD: number, bestF: number) => d < bestD || (d === bestD && f >= 0 && (bestF < 0 || f < bestF));

/** Shortest walking distance from every node to its nearest facility (and which one). */
export function nodeDistances(network: WalkingNetwork, facilities: SnapList, limit = Infinity): { distance: Float64Array; facility: Int32Array } {
  const { nodeCount, edgeFrom, edgeTo, edgeLength, adjStart, adjNode, adjLength } = network;
  const distance = new Float64Array(nodeCount).fill(Infinity);
  const facility = new Int32Array(nodeCount).fill(-1);
  const queue = new FlatQueue<number>();
  const offer = (n: number, d: number, f: number) => {
    if (d <= limit && better(d, f, distance[n]!, facility[n]!)) {
      distance[n] = d;
      facility[n] = f;
      queue.push(n, d);
    }
  };
  for (let f = 0; f < facilities.length; f++) {
    const e = facilities.edge[f]!;
    if (e < 0) continue;
    offer(edgeFrom[e]!, facilities.connector[f]! + facilities.along[f]!, f);
    offer(edgeTo[e]!, facilities.connector[f]! + edgeLength[e]! - facilities.along[f]!, f);
  }
  while (queue.length > 0) {
    const d = queue.peekValue()!;
    const n = queue.pop()!;
    if (d > distance[n]!) continue; // a stale entry
    const f = facility[n]!;
    for (let k = adjStart[n]!; k < adjStart[n + 1]!; k++) offer(adjNode[k]!, d + adjLength[k]!, f);
  }
  return { distance, facility };
}

/** Walking distance from each home to its nearest facility: connector + network + connector. */
export function nearestByNetwork(network: WalkingNetwork, facilities: SnapList, homes: SnapList): NearestResult {
  const { distance: nodeD, facility: nodeF } = nodeDistances(network, facilities);
  const { edgeFrom, edgeTo, edgeLength } = network;
  // A facility on the home's own edge is reached along the edge, without passing a node.
  const onEdge = new Map<number, number[]>();
  for (let f = 0; f < facilities.length; f++) {
    const e = facilities.edge[f]!;
    if (e >= 0) (onEdge.get(e) ?? onEdge.set(e, []).get(e)!).push(f);
  }
  const facility = new Int32Array(homes.length).fill(-1);
  const distance = new Float64Array(homes.length).fill(Infinity);
  for (let h = 0; h < homes.length; h++) {
    const edge = homes.edge[h]!;
    if (edge < 0) continue;
    const along = homes.along[h]!;
    const connector = homes.connector[h]!;
    const a = edgeFrom[edge]!;
    const b = edgeTo[edge]!;
    let bestD = nodeD[a]! + along + connector;
    let bestF = nodeF[a]!;
    const viaB = nodeD[b]! + edgeLength[edge]! - along + connector;
    if (better(viaB, nodeF[b]!, bestD, bestF)) {
      bestD = viaB;
      bestF = nodeF[b]!;
    }
    const sharing = onEdge.get(edge);
    if (sharing) for (const f of sharing) {
      const d = facilities.connector[f]! + Math.abs(along - facilities.along[f]!) + connector;
      if (better(d, f, bestD, bestF)) {
        bestD = d;
        bestF = f;
      }
    }
    if (bestF >= 0) {
      facility[h] = bestF;
      distance[h] = bestD;
    }
  }
  return { facility, distance };
}

/**
 * Straight-line (great-circle) distance from each home to its nearest facility. Candidates come from
 * a Flatbush over equirectangular coordinates; because that plane stretches distances by at most the
 * ratio of cosines across the data's latitudes, every facility within the nearest candidate's
 * distance times that ratio is checked on the sphere, so the answer is the exact great-circle nearest.
 */
export function nearestByStraightLine(facilities: readonly [number, number][], homes: readonly [number, number][]): NearestResult {
  const facility = new Int32Array(homes.length).fill(-1);
  const distance = new Float64Array(homes.length).fill(Infinity);
  if (facilities.length === 0 || homes.length === 0) return { facility, distance };
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const [, lat] of [...facilities, ...homes]) {
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }
  const rad = Math.PI / 180;
  const k = Math.cos(((minLat + maxLat) / 2) * rad);
  const cosNear = Math.cos(Math.min(Math.abs(minLat), Math.abs(maxLat)) * rad);
  const cosFar = Math.cos(Math.min(89.9, Math.max(Math.abs(minLat), Math.abs(maxLat))) * rad);
  const stretch = (minLat < 0 && maxLat > 0 ? 1 / cosFar : cosNear / cosFar) * 1.001 + 1e-9;
  const index = new Flatbush(facilities.length);
  for (const [lon, lat] of facilities) index.add(lon * k, lat, lon * k, lat);
  index.finish();
  homes.forEach(([lon, lat], h) => {
    const x = lon * k;
    const [first] = index.neighbors(x, lat, 1);
    const bound = Math.hypot(facilities[first!]![0] * k - x, facilities[first!]![1] - lat) * stretch + 1e-12;
    for (const f of index.search(x - bound, lat - bound, x + bound, lat + bound)) {
      const d = greatCircleDistance(lon, lat, facilities[f]![0], facilities[f]![1]);
      if (better(d, f, distance[h]!, facility[h]!)) {
        distance[h] = d;
        facility[h] = f;
      }
    }
  });
  return { facility, distance };
}
