/**
 * Which separate walking networks a roads layer falls into. A real extract is rarely one network:
 * a footpath in a park, a gated estate whose lanes never meet the street, an extract cut at its
 * edge. Homes joined to a piece other than the largest reach only what stands on that piece, and a
 * planner must be told before reading any coverage figure.
 */
import type { WalkingNetwork } from './walkingNetwork';

export interface NetworkComponents {
  /** Number of separate networks (0 for a network without edges). */
  count: number;
  /** Component of each node, 0 … count−1, numbered in order of first node. */
  ofNode: Int32Array;
  /** Nodes in each component. */
  nodes: Uint32Array;
  /** The largest component: most nodes, then most metres of road, then lowest number. */
  largest: number;
}

/** Breadth-first over the adjacency arrays: linear in nodes and edges. */
export function networkComponents(network: WalkingNetwork): NetworkComponents {
  const { nodeCount, adjStart, adjNode } = network;
  const ofNode = new Int32Array(nodeCount).fill(-1);
  const queue = new Uint32Array(nodeCount);
  const sizes: number[] = [];
  for (let start = 0; start < nodeCount; start++) {
    if (ofNode[start] !== -1 || adjStart[start] === adjStart[start + 1]) continue;
    const c = sizes.length;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    ofNode[start] = c;
    while (head < tail) {
      const n = queue[head++]!;
      for (let a = adjStart[n]!; a < adjStart[n + 1]!; a++) {
        const m = adjNode[a]!;
        if (ofNode[m] === -1) {
          ofNode[m] = c;
          queue[tail++] = m;
        }
      }
    }
    sizes.push(tail);
  }
  const length = new Float64Array(sizes.length);
  for (let e = 0; e < network.edgeCount; e++) length[ofNode[network.edgeFrom[e]!]!]! += network.edgeLength[e]!;
  let largest = sizes.length > 0 ? 0 : -1;
  for (let c = 1; c < sizes.length; c++) {
    if (sizes[c]! > sizes[largest]! || (sizes[c] === sizes[largest] && length[c]! > length[largest]!)) largest = c;
  }
  return { count: sizes.length, ofNode, nodes: Uint32Array.from(sizes), largest };
}

/** The component an edge belongs to (both its ends are in the same one). */
export const componentOfEdge = (network: WalkingNetwork, components: NetworkComponents, edge: number) => components.ofNode[network.edgeFrom[edge]!]!;
