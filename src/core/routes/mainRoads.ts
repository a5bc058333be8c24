/**
 * Where the main roads meet the walking network, and where a child may cross them protected.
 *
 * A main road is a barrier at a node: its arms (the main-road segments leaving the node, walkable or
 * not) cut the ground around the node into sectors, and a child moving from one sector to another
 * crosses the arms between. A non-walkable main road still counts where it shares a vertex with a
 * street (an at-grade junction); one that only passes over or under (no shared vertex) never does.
 */
import Flatbush from 'flatbush';
import type { Feature, Geometry, Position } from 'geojson';
import { degreesAround, distanceToSegment, greatCircleDistance, nearestFractionOnSegment } from '../geodesy';
import type { WalkingNetwork } from '../network/walkingNetwork';

/** The crossing kinds that protect a child (the contract's `crossings` layer); `uncontrolled` does not. */
export const PROTECTED_KINDS = ['signals', 'zebra', 'underpass', 'overpass', 'guard'] as const;

type RoadFeature = Feature<Geometry | null, Record<string, unknown> | null>;

/** A road's class is main when it is one of `classes` or its `_link` (a slip road of one). */
export function isMainRoad(road: RoadFeature, classes: ReadonlySet<string>): boolean {
  const h = road.properties?.highway;
  if (typeof h !== 'string') return false;
  return classes.has(h) || (h.endsWith('_link') && classes.has(h.slice(0, -5)));
}

/** Direction of b seen from a, in radians counter-clockwise from east (local plane, longitude scaled). */
export function bearing(ax: number, ay: number, bx: number, by: number): number {
  return Math.atan2(by - ay, (bx - ax) * Math.cos((ay * Math.PI) / 180));
}

export interface MainRoadArms {
  /** Arms of node n: armStart[n] .. armStart[n+1], sorted by angle. */
  armStart: Uint32Array;
  armAngle: Float64Array;
  /** Index of the arm's road in the roads layer. */
  armRoad: Uint32Array;
  /** Per walking edge: its arm's position among the arms of its from node / to node; -1 for an edge not on a main road. */
  armAtFrom: Int32Array;
  armAtTo: Int32Array;
  /** 1 for a walking edge drawn from a main road. */
  edgeMain: Uint8Array;
}

function linesOf(geometry: Geometry | null): Position[][] {
  if (!geometry) return [];
  if (geometry.type === 'LineString') return [geometry.coordinates];
  if (geometry.type === 'MultiLineString') return geometry.coordinates;
  return [];
}

export function mainRoadArms(network: WalkingNetwork, roads: readonly RoadFeature[], classes: ReadonlySet<string>): MainRoadArms {
  const { nodeCount, nodeLon, nodeLat, edgeCount, edgeFrom, edgeTo, edgeRoad } = network;
  const main = roads.map((r) => isMainRoad(r, classes));
  const edgeMain = new Uint8Array(edgeCount);
  // Arms as (node, angle, road, edge end); an end is 2e for the from end of edge e, 2e+1 for the to end.
  const armNode: number[] = [];
  const angle: number[] = [];
  const road: number[] = [];
  const end: number[] = [];
  for (let e = 0; e < edgeCount; e++) {
    if (!main[edgeRoad[e]!]) continue;
    edgeMain[e] = 1;
    const a = edgeFrom[e]!;
    const b = edgeTo[e]!;
    armNode.push(a, b);
    angle.push(bearing(nodeLon[a]!, nodeLat[a]!, nodeLon[b]!, nodeLat[b]!), bearing(nodeLon[b]!, nodeLat[b]!, nodeLon[a]!, nodeLat[a]!));
    road.push(edgeRoad[e]!, edgeRoad[e]!);
    end.push(2 * e, 2 * e + 1);
  }
  // Main roads a child may not walk along still bar the way where they meet a street at a shared vertex.
  const barred = roads.map((r, i) => (main[i] && r.properties?.walkable === false ? i : -1)).filter((i) => i >= 0);
  if (barred.length > 0) {
    const nodeAt = new Map<string, number>();
    const wanted = new Set<string>();
    for (const i of barred) for (const line of linesOf(roads[i]!.geometry)) for (const p of line) wanted.add(`${p[0]},${p[1]}`);
    for (let n = 0; n < nodeCount; n++) {
      const key = `${nodeLon[n]},${nodeLat[n]}`;
      if (wanted.has(key)) nodeAt.set(key, n);
    }
    for (const i of barred) {
      for (const line of linesOf(roads[i]!.geometry)) {
        for (let v = 0; v + 1 < line.length; v++) {
          const p = line[v]!;
          const q = line[v + 1]!;
          if (p[0] === q[0] && p[1] === q[1]) continue;
          const np = nodeAt.get(`${p[0]},${p[1]}`);
          const nq = nodeAt.get(`${q[0]},${q[1]}`);
          if (np !== undefined) {
            armNode.push(np);
            angle.push(bearing(p[0]!, p[1]!, q[0]!, q[1]!));
            road.push(i);
            end.push(-1);
          }
          if (nq !== undefined) {
            armNode.push(nq);
            angle.push(bearing(q[0]!, q[1]!, p[0]!, p[1]!));
            road.push(i);
            end.push(-1);
          }
        }
      }
    }
  }
  const count = armNode.length;
  const armStart = new Uint32Array(nodeCount + 1);
  for (let k = 0; k < count; k++) armStart[armNode[k]! + 1]!++;
  for (let n = 0; n < nodeCount; n++) armStart[n + 1]! += armStart[n]!;
  const sorted = Array.from({ length: count }, (_, k) => k).sort((x, y) => armNode[x]! - armNode[y]! || angle[x]! - angle[y]! || road[x]! - road[y]!);
  const armAngle = new Float64Array(count);
  const armRoad = new Uint32Array(count);
  const armAtFrom = new Int32Array(edgeCount).fill(-1);
  const armAtTo = new Int32Array(edgeCount).fill(-1);
  sorted.forEach((k, slot) => {
    armAngle[slot] = angle[k]!;
    armRoad[slot] = road[k]!;
    const position = slot - armStart[armNode[k]!]!;
    const en = end[k]!;
    if (en >= 0) (en % 2 === 0 ? armAtFrom : armAtTo)[en >> 1] = position;
  });
  return { armStart, armAngle, armRoad, armAtFrom, armAtTo, edgeMain };
}

/** Sectors around node n: one per arm where two or more arms meet; one alone where a road ends or none passes. */
export function sectorCount(arms: MainRoadArms, n: number): number {
  const k = arms.armStart[n + 1]! - arms.armStart[n]!;
  return k >= 2 ? k : 1;
}

/** The sector around node n holding direction `theta`: sector i lies counter-clockwise of arm i, up to arm i+1. */
export function sectorOf(arms: MainRoadArms, n: number, theta: number): number {
  const start = arms.armStart[n]!;
  const k = arms.armStart[n + 1]! - start;
  if (k < 2) return 0;
  let below = 0;
  for (let i = 0; i < k; i++) if (arms.armAngle[start + i]! <= theta) below++;
  return (below - 1 + k) % k;
}

/**
 * The arms (positions around n) a child crosses moving from sector a to sector b: the shorter way
 * round, counter-clockwise on a tie (a straight road through a node: either way crosses the same road).
 */
export function armsCrossed(k: number, a: number, b: number): number[] {
  if (k < 2 || a === b) return [];
  const ccw = (b - a + k) % k;
  const cw = (a - b + k) % k;
  const out: number[] = [];
  if (ccw <= cw) for (let s = 1; s <= ccw; s++) out.push((a + s) % k);
  else for (let s = 0; s < cw; s++) out.push((a - s + k) % k);
  return out;
}

/** A protected crossing from the `crossings` layer. */
export interface ProtectedCrossing {
  index: number;
  lon: number;
  lat: number;
}

/** Finds the nearest protected crossing within a radius of a point. */
export class ProtectedCrossings {
  private readonly index: Flatbush | null;
  constructor(readonly points: readonly ProtectedCrossing[], readonly radius: number) {
    if (points.length === 0) {
      this.index = null;
      return;
    }
    this.index = new Flatbush(points.length);
    for (const p of points) this.index.add(p.lon, p.lat, p.lon, p.lat);
    this.index.finish();
  }

  /** The nearest within the radius (ties to the one listed first), or null. */
  nearest(lon: number, lat: number): { crossing: number; distance: number } | null {
    if (!this.index) return null;
    const { dLon, dLat } = degreesAround(this.radius, lat);
    let best: { crossing: number; distance: number } | null = null;
    for (const i of this.index.search(lon - dLon, lat - dLat, lon + dLon, lat + dLat)) {
      const p = this.points[i]!;
      const d = greatCircleDistance(lon, lat, p.lon, p.lat);
      if (d <= this.radius && (!best || d < best.distance || (d === best.distance && i < best.crossing))) best = { crossing: i, distance: d };
    }
    return best;
  }

  /**
   * Protected crossings within the radius of each main-road edge, with where on the edge (metres from
   * its from node): a child walking along a main road may cross there.
   */
  alongEdges(network: WalkingNetwork, edgeMain: Uint8Array): Map<number, { along: number; crossing: number; distance: number; lon: number; lat: number }[]> {
    const out = new Map<number, { along: number; crossing: number; distance: number; lon: number; lat: number }[]>();
    const edges = network.edgeIndex;
    if (!edges) return out;
    const { nodeLon, nodeLat, edgeFrom, edgeTo, edgeLength } = network;
    this.points.forEach((p, i) => {
      const { dLon, dLat } = degreesAround(this.radius, p.lat);
      for (const e of edges.search(p.lon - dLon, p.lat - dLat, p.lon + dLon, p.lat + dLat)) {
        if (!edgeMain[e]) continue;
        const ax = nodeLon[edgeFrom[e]!]!;
        const ay = nodeLat[edgeFrom[e]!]!;
        const bx = nodeLon[edgeTo[e]!]!;
        const by = nodeLat[edgeTo[e]!]!;
        const d = distanceToSegment(p.lon, p.lat, ax, ay, bx, by);
        if (d > this.radius) continue;
        const t = nearestFractionOnSegment(p.lon, p.lat, ax, ay, bx, by);
        const list = out.get(e) ?? out.set(e, []).get(e)!;
        list.push({ along: t * edgeLength[e]!, crossing: i, distance: d, lon: ax + t * (bx - ax), lat: ay + t * (by - ay) });
      }
    });
    for (const list of out.values()) list.sort((x, y) => x.along - y.along || x.distance - y.distance);
    return out;
  }
}
