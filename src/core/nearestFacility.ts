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
  /** Network mode: which way each home's route leaves its edge (WAY_*). */
  way?: Uint8Array;
}

const better = (d: number, f: number, bestD: number, bestF: number) => d < bestD || (d === bestD && f >= 0 && (bestF < 0 || f < bestF));

/**
 * The shortest-path forest toward the facilities: per node its walking distance, its nearest facility,
 * and the adjacency slot of the node's own list whose neighbour is the next step toward that facility
 * (-1 where the node is entered straight from the facility's joining point). `order` lists the nodes
 * reached, nearest first: walking it backwards pushes children from homes toward their school.
 */
export interface NodeTree {
  distance: Float64Array;
  facility: Int32Array;
  toward: Int32Array;
  order: Uint32Array;
}

/** Shortest walking distance from every node to its nearest facility (and which one, and which way). */
export function nodeDistances(network: WalkingNetwork, facilities: SnapList, limit = Infinity): NodeTree {
  const { nodeCount, edgeFrom, edgeTo, edgeLength, adjStart, adjNode, adjLength } = network;
  const distance = new Float64Array(nodeCount).fill(Infinity);
  const facility = new Int32Array(nodeCount).fill(-1);
  // The slot k (in n's list) of the step toward the facility; found after settling, see below.
  const via = new Int32Array(nodeCount).fill(-1);
  const order = new Uint32Array(nodeCount);
  let settled = 0;
  const queue = new FlatQueue<number>();
  const offer = (n: number, d: number, f: number, from: number) => {
    if (d <= limit && better(d, f, distance[n]!, facility[n]!)) {
      distance[n] = d;
      facility[n] = f;
      via[n] = from;
      queue.push(n, d);
    }
  };
  for (let f = 0; f < facilities.length; f++) {
    const e = facilities.edge[f]!;
    if (e < 0) continue;
    offer(edgeFrom[e]!, facilities.connector[f]! + facilities.along[f]!, f, -1);
    offer(edgeTo[e]!, facilities.connector[f]! + edgeLength[e]! - facilities.along[f]!, f, -1);
  }
  const done = new Uint8Array(nodeCount);
  while (queue.length > 0) {
    const d = queue.peekValue()!;
    const n = queue.pop()!;
    if (d > distance[n]! || done[n]) continue; // a stale entry
    done[n] = 1;
    order[settled++] = n;
    const f = facility[n]!;
    for (let k = adjStart[n]!; k < adjStart[n + 1]!; k++) offer(adjNode[k]!, d + adjLength[k]!, f, k);
  }
  // `via` holds the slot in the predecessor's list; turn it into the slot in the node's own list.
  const toward = new Int32Array(nodeCount).fill(-1);
  for (let i = 0; i < settled; i++) {
    const n = order[i]!;
    const k = via[n]!;
    if (k < 0) continue;
    const edge = network.adjEdge[k]!;
    for (let j = adjStart[n]!; j < adjStart[n + 1]!; j++) if (network.adjEdge[j] === edge) toward[n] = j;
  }
  return { distance, facility, toward, order: order.subarray(0, settled) };
}

/** How a home's route leaves its own edge: toward the edge's `from` node, its `to` node, or along it to a facility on the same edge. */
export const WAY_FROM = 0;
export const WAY_TO = 1;
export const WAY_ALONG = 2;

/**
 * Walking distance from each home to its nearest facility: connector + network + connector. `way`
 * says which way the route leaves the home's edge (WAY_*), so school routes can follow it.
 */
export function nearestByNetwork(network: WalkingNetwork, facilities: SnapList, homes: SnapList, tree: NodeTree = nodeDistances(network, facilities)): NearestResult & { way: Uint8Array } {
  const { distance: nodeD, facility: nodeF } = tree;
  const { edgeFrom, edgeTo, edgeLength } = network;
  // A facility on the home's own edge is reached along the edge, without passing a node.
  const onEdge = new Map<number, number[]>();
  for (let f = 0; f < facilities.length; f++) {
    const e = facilities.edge[f]!;
    if (e >= 0) (onEdge.get(e) ?? onEdge.set(e, []).get(e)!).push(f);
  }
  const facility = new Int32Array(homes.length).fill(-1);
  const distance = new Float64Array(homes.length).fill(Infinity);
  const way = new Uint8Array(homes.length);
  for (let h = 0; h < homes.length; h++) {
    const edge = homes.edge[h]!;
    if (edge < 0) continue;
    const along = homes.along[h]!;
    const connector = homes.connector[h]!;
    const a = edgeFrom[edge]!;
    const b = edgeTo[edge]!;
    let bestD = nodeD[a]! + along + connector;
    let bestF = nodeF[a]!;
    let bestWay = WAY_FROM;
    const viaB = nodeD[b]! + edgeLength[edge]! - along + connector;
    if (better(viaB, nodeF[b]!, bestD, bestF)) {
      bestD = viaB;
      bestF = nodeF[b]!;
      bestWay = WAY_TO;
    }
    const sharing = onEdge.get(edge);
    if (sharing) for (const f of sharing) {
      const d = facilities.connector[f]! + Math.abs(along - facilities.along[f]!) + connector;
      if (better(d, f, bestD, bestF)) {
        bestD = d;
        bestF = f;
        bestWay = WAY_ALONG;
      }
    }
    if (bestF >= 0) {
      facility[h] = bestF;
      distance[h] = bestD;
      way[h] = bestWay;
    }
  }
  return { facility, distance, way };
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
