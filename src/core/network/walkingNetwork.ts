/**
 * The walking network as typed arrays, built once per dataset. Contract rules: each walkable road's
 * consecutive vertices form an edge; vertices with exactly equal coordinates are one node; lines that
 * cross without a shared vertex stay apart (bridges, underpasses). Edge lengths are great-circle metres.
 */
import Flatbush from 'flatbush';
import type { Feature, Geometry, Position } from 'geojson';
import { greatCircleDistance } from '../geodesy';

export interface WalkingNetwork {
  nodeCount: number;
  nodeLon: Float64Array;
  nodeLat: Float64Array;
  edgeCount: number;
  edgeFrom: Uint32Array;
  edgeTo: Uint32Array;
  edgeLength: Float64Array;
  /** The road (index in the roads layer given) each edge was drawn from: school routes count children per street. */
  edgeRoad: Uint32Array;
  /** Compressed adjacency: neighbours of node n are adjNode[adjStart[n] .. adjStart[n+1]). */
  adjStart: Uint32Array;
  adjNode: Uint32Array;
  adjLength: Float64Array;
  /** The edge each adjacency slot runs along. */
  adjEdge: Uint32Array;
  /** Edge bounding boxes in degrees, for snapping. */
  edgeIndex: Flatbush | null;
}

/** A road is walkable unless it says `walkable: false`. */
export const isWalkable = (f: Feature<Geometry | null, Record<string, unknown> | null>) => f.properties?.walkable !== false;

function linesOf(geometry: Geometry | null): Position[][] {
  if (!geometry) return [];
  if (geometry.type === 'LineString') return [geometry.coordinates];
  if (geometry.type === 'MultiLineString') return geometry.coordinates;
  return [];
}

export function buildWalkingNetwork(roads: readonly Feature<Geometry | null, Record<string, unknown> | null>[]): WalkingNetwork {
  const nodeOf = new Map<string, number>();
  const lon: number[] = [];
  const lat: number[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const road: number[] = [];
  const node = (p: Position) => {
    const key = `${p[0]},${p[1]}`;
    let n = nodeOf.get(key);
    if (n === undefined) {
      n = lon.length;
      nodeOf.set(key, n);
      lon.push(p[0]!);
      lat.push(p[1]!);
    }
    return n;
  };
  roads.forEach((feature, r) => {
    if (!isWalkable(feature)) return;
    for (const line of linesOf(feature.geometry)) {
      let prev = node(line[0]!);
      for (let i = 1; i < line.length; i++) {
        const next = node(line[i]!);
        if (next !== prev) {
          from.push(prev);
          to.push(next);
          road.push(r);
        }
        prev = next;
      }
    }
  });

  const nodeCount = lon.length;
  const edgeCount = from.length;
  const nodeLon = Float64Array.from(lon);
  const nodeLat = Float64Array.from(lat);
  const edgeFrom = Uint32Array.from(from);
  const edgeTo = Uint32Array.from(to);
  const edgeRoad = Uint32Array.from(road);
  const edgeLength = new Float64Array(edgeCount);
  const degree = new Uint32Array(nodeCount + 1);
  for (let e = 0; e < edgeCount; e++) {
    edgeLength[e] = greatCircleDistance(nodeLon[from[e]!]!, nodeLat[from[e]!]!, nodeLon[to[e]!]!, nodeLat[to[e]!]!);
    degree[from[e]!]!++;
    degree[to[e]!]!++;
  }
  const adjStart = new Uint32Array(nodeCount + 1);
  for (let n = 0; n < nodeCount; n++) adjStart[n + 1] = adjStart[n]! + degree[n]!;
  const fill = adjStart.slice(0, nodeCount);
  const adjNode = new Uint32Array(2 * edgeCount);
  const adjLength = new Float64Array(2 * edgeCount);
  const adjEdge = new Uint32Array(2 * edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    const a = edgeFrom[e]!;
    const b = edgeTo[e]!;
    adjNode[fill[a]!] = b;
    adjEdge[fill[a]!] = e;
    adjLength[fill[a]!++] = edgeLength[e]!;
    adjNode[fill[b]!] = a;
    adjEdge[fill[b]!] = e;
    adjLength[fill[b]!++] = edgeLength[e]!;
  }

  let edgeIndex: Flatbush | null = null;
  if (edgeCount > 0) {
    edgeIndex = new Flatbush(edgeCount);
    for (let e = 0; e < edgeCount; e++) {
      const ax = nodeLon[edgeFrom[e]!]!;
      const ay = nodeLat[edgeFrom[e]!]!;
      const bx = nodeLon[edgeTo[e]!]!;
      const by = nodeLat[edgeTo[e]!]!;
      edgeIndex.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
    }
    edgeIndex.finish();
  }
  return { nodeCount, nodeLon, nodeLat, edgeCount, edgeFrom, edgeTo, edgeLength, edgeRoad, adjStart, adjNode, adjLength, adjEdge, edgeIndex };
}
