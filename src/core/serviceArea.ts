/**
 * The streets a child can walk within `radius` metres of one facility: the stretches of edges
 * reached, as line segments for the map. Same rules as the coverage figures (connector included).
 */
import type { MultiLineString, Position } from 'geojson';
import { nodeDistances } from './nearestFacility';
import { snapListOf, type NetworkSnap } from './network/snapToNetwork';
import type { WalkingNetwork } from './network/walkingNetwork';

export function serviceArea(network: WalkingNetwork, facility: NetworkSnap, radius: number): MultiLineString {
  const { distance } = nodeDistances(network, snapListOf([facility]), radius);
  const { edgeCount, edgeFrom, edgeTo, edgeLength, nodeLon, nodeLat } = network;
  const at = (e: number, along: number): Position => {
    const t = edgeLength[e]! === 0 ? 0 : along / edgeLength[e]!;
    const a = edgeFrom[e]!;
    const b = edgeTo[e]!;
    return [nodeLon[a]! + t * (nodeLon[b]! - nodeLon[a]!), nodeLat[a]! + t * (nodeLat[b]! - nodeLat[a]!)];
  };
  const lines: Position[][] = [];
  for (let e = 0; e < edgeCount; e++) {
    const len = edgeLength[e]!;
    const fromA = radius - distance[edgeFrom[e]!]!; // metres left on arriving at either end
    const fromB = radius - distance[edgeTo[e]!]!;
    const reachA = fromA > 0 ? Math.min(len, fromA) : 0;
    const reachB = fromB > 0 ? Math.min(len, fromB) : 0;
    if (reachA + reachB >= len) lines.push([at(e, 0), at(e, len)]);
    else {
      if (reachA > 0) lines.push([at(e, 0), at(e, reachA)]);
      if (reachB > 0) lines.push([at(e, len - reachB), at(e, len)]);
    }
  }
  // The facility's own edge, reached directly from its joining point.
  const left = radius - facility.connector;
  if (left > 0) {
    const len = edgeLength[facility.edge]!;
    lines.push([at(facility.edge, Math.max(0, facility.along - left)), at(facility.edge, Math.min(len, facility.along + left))]);
  }
  return { type: 'MultiLineString', coordinates: lines };
}
