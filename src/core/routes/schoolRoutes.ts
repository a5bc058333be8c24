/**
 * Safe routes to school: every home's walking route to its school put on the street network, the
 * children counted on each street and at each point where a route crosses a main road, and whether a
 * protected crossing is there.
 *
 * Written by hand because it is the heart of the tool and no library models it: routes are the
 * shortest-path forest the coverage analysis already grows (one tree per school level), and which side
 * of a main road a child walks on is a small choice made along each route. At every node the main
 * roads' arms cut the ground into sectors (mainRoads.ts); walking along a main road the child is on
 * its left or right; moving between sectors crosses arms. Along its fixed route a child crosses as few
 * times unprotected as it can, then as few times at all, then at the point nearest home (where it first
 * meets the road), preferring a street corner to the middle of a block. A protected crossing (signals,
 * zebra, under/overpass, guard) within the radius of the point makes that crossing protected, and
 * one beside a main road the child walks along lets it change sides there protected.
 *
 * The choice is solved once per tree node (a dynamic programme from the schools outward), so a city
 * of a million homes costs one pass over the network and one over the homes per level.
 */
import { bbox } from '@turf/turf';
import type { Geometry } from 'geojson';
import type { AccessResult, NetworkContext } from '../access';
import type { Facilities } from '../facilities';
import { degreesAround, distanceToSegment } from '../geodesy';
import type { AgeBand } from '../layers';
import { nearestByNetwork, nodeDistances, WAY_ALONG, WAY_FROM, type NearestResult, type NodeTree } from '../nearestFacility';
import { snapPairs, type SnapList } from '../network/snapToNetwork';
import type { WalkingNetwork } from '../network/walkingNetwork';
import { distanceToGeometry } from '../distanceToGeometry';
import { representativePoint } from '../representativePoint';
import type { Dataset, FeatureId } from '../types';
import { armsCrossed, bearing, mainRoadArms, PROTECTED_KINDS, ProtectedCrossings, sectorCount, sectorOf, type MainRoadArms } from './mainRoads';

export const ROUTE_LEVELS = ['kindergarten', 'primary', 'middle'] as const;
export type RouteLevel = (typeof ROUTE_LEVELS)[number];
export const ROUTE_BAND: Record<RouteLevel, AgeBand> = { kindergarten: 'children_3_5', primary: 'children_6_11', middle: 'children_12_14' };

export interface SchoolRouteSettings {
  /** OSM-style highway classes that are main roads; their `_link` roads are included. */
  main_road_classes: string[];
  protection_radius_m: number;
  /** A route passes a water hazard or a venue when a street it uses comes within these distances. */
  water_distance_m: number;
  venue_distance_m: number;
  /** Walking speed by school level, metres a minute, so routes read as minutes. */
  walking_speed_m_per_min: Record<RouteLevel, number>;
  sources: Record<string, string>;
}

export interface RouteCrossing {
  id: string;
  lon: number;
  lat: number;
  /** The main road crossed (its id in the roads layer) and its name. */
  road: FeatureId;
  road_name: string;
  /** Where: a street corner (`node`), beside a protected crossing along the road (`along`), or in front of a home or school (`mid_block`). */
  at: 'node' | 'along' | 'mid_block';
  /** Children 6–14 on their way to primary or middle school. */
  children: number;
  /** Children 3–5 walked to kindergarten. */
  children_3_5: number;
  protected: boolean;
  protected_by: { id: FeatureId; kind: string; distance_m: number } | null;
  /** Primary and middle schools whose routes cross here. */
  schools: FeatureId[];
  kindergartens: FeatureId[];
}

export interface SchoolRouteRow {
  id: FeatureId;
  name: string;
  levels: RouteLevel[];
  /** Children routed to it (6–14 for schools, 3–5 for kindergartens). */
  children: number;
  children_crossing_unprotected: number;
  share_crossing_unprotected: number | null;
  longest_route_m: number | null;
  longest_route_min: number | null;
  /** Unprotected crossing points on its children's routes. */
  unprotected_crossings: number;
  children_near_unmitigated_water: number;
  water_hazards_passed: FeatureId[];
  venues_passed: FeatureId[];
}

export interface RouteSegment {
  road: FeatureId;
  from: [number, number];
  to: [number, number];
  children: number;
  children_3_5: number;
}

export interface SchoolRoutes {
  main_road_classes: string[];
  protection_radius_m: number;
  walking_speed_m_per_min: Record<RouteLevel, number>;
  crossings: RouteCrossing[];
  schools: SchoolRouteRow[];
  kindergartens: SchoolRouteRow[];
  segments: RouteSegment[];
  /** Children 6–14 routed, and those whose route crosses a main road unprotected (the indicator). */
  children_routed: number;
  children_crossing_unprotected: number;
  /** Per level: children of the age with no route (off the network, or no school of the level reachable). */
  not_routed: Record<RouteLevel, { children: number; reason: string | null }>;
  /** Homes routed to the school their `school` property names rather than the nearest. */
  homes_routed_to_named_school: number;
  /** Which crossings layer was used (absent: every crossing counts as unprotected). */
  crossings_layer: { features: number; protected: number } | null;
  notes: { zh: string; en: string }[];
}

// Lexicographic costs in one number: unprotected crossings first, then crossings, then mid-block ones.
const UNPROTECTED = 1e6;
const PROTECTED = 1e3;
const MID_BLOCK = 1;

const round2 = (v: number) => Math.round(v * 100) / 100;
const round1 = (v: number) => Math.round(v * 10) / 10;

/** Which side of the edge's direction (from → to) point (x, y) lies: 0 left, 1 right. */
function sideOf(network: WalkingNetwork, e: number, x: number, y: number, along: number): number {
  const { nodeLon, nodeLat, edgeFrom, edgeTo, edgeLength } = network;
  const ax = nodeLon[edgeFrom[e]!]!;
  const ay = nodeLat[edgeFrom[e]!]!;
  const bx = nodeLon[edgeTo[e]!]!;
  const by = nodeLat[edgeTo[e]!]!;
  const t = edgeLength[e]! > 0 ? along / edgeLength[e]! : 0;
  const k = Math.cos((ay * Math.PI) / 180);
  const cross = (bx - ax) * k * (y - (ay + t * (by - ay))) - (by - ay) * (x - (ax + t * (bx - ax))) * k;
  return cross >= 0 ? 0 : 1;
}

function pointOnEdge(network: WalkingNetwork, e: number, along: number): [number, number] {
  const { nodeLon, nodeLat, edgeFrom, edgeTo, edgeLength } = network;
  const t = edgeLength[e]! > 0 ? along / edgeLength[e]! : 0;
  const ax = nodeLon[edgeFrom[e]!]!;
  const ay = nodeLat[edgeFrom[e]!]!;
  return [ax + t * (nodeLon[edgeTo[e]!]! - ax), ay + t * (nodeLat[edgeTo[e]!]! - ay)];
}

interface Crossed {
  lon: number;
  lat: number;
  road: number;
  at: RouteCrossing['at'];
  protectedBy: { crossing: number; distance: number } | null;
  children: number;
  children35: number;
  /** Facilities whose children cross here, by their index in their level's list (a few each: a list, not a set). */
  facilities: Record<RouteLevel, number[]>;
}

/** What stays the same for every level: the network, its main-road arms, where a child may cross protected. */
class RouteGround {
  readonly arms: MainRoadArms;
  readonly secStart: Uint32Array;
  /** Sector at each end of each edge for each side (0 left, 1 right of from → to): [fromL, fromR, toL, toR]. */
  readonly edgeSectors: Int32Array;
  /** Per node: the nearest protected crossing within the radius (-1 none, -2 not looked up yet) and how far. */
  private readonly nodeProtected: Int32Array;
  private readonly nodeProtectedDistance: Float64Array;
  /** Protected crossings beside each main-road edge, as a compressed list sorted by position along it. */
  readonly alongStart: Uint32Array | null;
  readonly along: { along: number; crossing: number; distance: number; lon: number; lat: number }[] = [];
  /** Crossings made at street corners, by node and road; elsewhere by place and road. */
  readonly atNode = new Map<number, Crossed>();
  readonly elsewhere = new Map<string, Crossed>();

  constructor(readonly network: WalkingNetwork, readonly roads: Dataset['layers']['roads'] & object, readonly protection: ProtectedCrossings, classes: ReadonlySet<string>) {
    this.arms = mainRoadArms(network, roads.features, classes);
    const { nodeCount, edgeCount, edgeFrom, edgeTo, nodeLon, nodeLat } = network;
    this.secStart = new Uint32Array(nodeCount + 1);
    for (let n = 0; n < nodeCount; n++) this.secStart[n + 1] = this.secStart[n]! + sectorCount(this.arms, n);
    this.edgeSectors = new Int32Array(4 * edgeCount);
    const { armStart, armAtFrom, armAtTo, edgeMain } = this.arms;
    for (let e = 0; e < edgeCount; e++) {
      const a = edgeFrom[e]!;
      const b = edgeTo[e]!;
      const ka = armStart[a + 1]! - armStart[a]!;
      const kb = armStart[b + 1]! - armStart[b]!;
      if (edgeMain[e]) {
        const i = armAtFrom[e]!;
        const j = armAtTo[e]!;
        this.edgeSectors[4 * e] = ka < 2 ? 0 : i;
        this.edgeSectors[4 * e + 1] = ka < 2 ? 0 : (i - 1 + ka) % ka;
        this.edgeSectors[4 * e + 2] = kb < 2 ? 0 : (j - 1 + kb) % kb;
        this.edgeSectors[4 * e + 3] = kb < 2 ? 0 : j;
      } else {
        const sa = ka < 2 ? 0 : sectorOf(this.arms, a, bearing(nodeLon[a]!, nodeLat[a]!, nodeLon[b]!, nodeLat[b]!));
        const sb = kb < 2 ? 0 : sectorOf(this.arms, b, bearing(nodeLon[b]!, nodeLat[b]!, nodeLon[a]!, nodeLat[a]!));
        this.edgeSectors[4 * e] = sa;
        this.edgeSectors[4 * e + 1] = sa;
        this.edgeSectors[4 * e + 2] = sb;
        this.edgeSectors[4 * e + 3] = sb;
      }
    }
    this.nodeProtected = new Int32Array(protection.points.length > 0 ? nodeCount : 0).fill(-2);
    this.nodeProtectedDistance = new Float64Array(this.nodeProtected.length);
    if (protection.points.length === 0) {
      this.alongStart = null;
      return;
    }
    const byEdge = protection.alongEdges(network, edgeMain);
    this.alongStart = new Uint32Array(edgeCount + 1);
    for (const [e, list] of byEdge) this.alongStart[e + 1] = list.length;
    for (let e = 0; e < edgeCount; e++) this.alongStart[e + 1]! += this.alongStart[e]!;
    this.along = new Array(this.alongStart[edgeCount]!);
    for (const [e, list] of byEdge) list.forEach((x, i) => (this.along[this.alongStart![e]! + i] = x));
  }

  /** The protected crossing nearest node n within the radius, or -1. */
  protectedAtNode(n: number): number {
    if (this.nodeProtected.length === 0) return -1;
    if (this.nodeProtected[n] === -2) {
      const p = this.protection.nearest(this.network.nodeLon[n]!, this.network.nodeLat[n]!);
      this.nodeProtected[n] = p ? p.crossing : -1;
      this.nodeProtectedDistance[n] = p ? p.distance : 0;
    }
    return this.nodeProtected[n]!;
  }

  /** Cost of moving between sectors at node n. */
  crossCost(n: number, a: number, b: number): number {
    if (a === b) return 0;
    const k = this.secStart[n + 1]! - this.secStart[n]!;
    const arms = Math.min((b - a + k) % k, (a - b + k) % k);
    return arms * (this.protectedAtNode(n) >= 0 ? PROTECTED : UNPROTECTED);
  }

  /** Cost of changing sides at a point in front of a home or school. */
  midBlockCost(lon: number, lat: number): number {
    return (this.protection.points.length > 0 && this.protection.nearest(lon, lat) ? PROTECTED : UNPROTECTED) + MID_BLOCK;
  }

  /** The first protected crossing met walking along edge e from `a0` to `a1` metres (its slot in `along`), or -1. */
  protectedAlong(e: number, a0: number, a1: number): number {
    const start = this.alongStart;
    if (!start) return -1;
    const lo = start[e]!;
    const hi = start[e + 1]!;
    if (a0 <= a1) {
      for (let i = lo; i < hi; i++) if (this.along[i]!.along >= a0 && this.along[i]!.along <= a1) return i;
    } else {
      for (let i = hi - 1; i >= lo; i--) if (this.along[i]!.along <= a0 && this.along[i]!.along >= a1) return i;
    }
    return -1;
  }

  private add(c: Crossed, level: RouteLevel, facility: number, mass: number) {
    if (level === 'kindergarten') c.children35 += mass;
    else c.children += mass;
    const list = c.facilities[level];
    if (list[list.length - 1] !== facility && !list.includes(facility)) list.push(facility);
  }

  private static crossed(lon: number, lat: number, road: number, at: RouteCrossing['at'], protectedBy: Crossed['protectedBy']): Crossed {
    return { lon, lat, road, at, protectedBy, children: 0, children35: 0, facilities: { kindergarten: [], primary: [], middle: [] } };
  }

  recordAtNode(n: number, a: number, b: number, level: RouteLevel, facility: number, mass: number) {
    if (a === b) return;
    const k = this.secStart[n + 1]! - this.secStart[n]!;
    const crossed = armsCrossed(k, a, b);
    for (let j = 0; j < crossed.length; j++) {
      const road = this.arms.armRoad[this.arms.armStart[n]! + crossed[j]!]!;
      // One crossing per road at a node, whichever of its arms the child passes (and once if both).
      let dup = false;
      for (let i = 0; i < j; i++) if (this.arms.armRoad[this.arms.armStart[n]! + crossed[i]!] === road) dup = true;
      if (dup) continue;
      const key = n * this.roads.features.length + road;
      let c = this.atNode.get(key);
      if (!c) {
        const p = this.protectedAtNode(n);
        c = RouteGround.crossed(this.network.nodeLon[n]!, this.network.nodeLat[n]!, road, 'node', p >= 0 ? { crossing: p, distance: this.nodeProtectedDistance[n]! } : null);
        this.atNode.set(key, c);
      }
      this.add(c, level, facility, mass);
    }
  }

  recordAlong(e: number, i: number, level: RouteLevel, facility: number, mass: number) {
    const point = this.along[i]!;
    const road = this.network.edgeRoad[e]!;
    const key = `p${point.crossing}:${road}`;
    let c = this.elsewhere.get(key);
    if (!c) this.elsewhere.set(key, (c = RouteGround.crossed(point.lon, point.lat, road, 'along', { crossing: point.crossing, distance: point.distance })));
    this.add(c, level, facility, mass);
  }

  recordMidBlock(e: number, along: number, level: RouteLevel, facility: number, mass: number) {
    const key = `m${e}:${Math.round(along)}`;
    let c = this.elsewhere.get(key);
    if (!c) {
      const [lon, lat] = pointOnEdge(this.network, e, along);
      this.elsewhere.set(key, (c = RouteGround.crossed(lon, lat, this.network.edgeRoad[e]!, 'mid_block', this.protection.points.length > 0 ? this.protection.nearest(lon, lat) : null)));
    }
    this.add(c, level, facility, mass);
  }

  /** Every crossing recorded. */
  all(): Crossed[] {
    return [...this.atNode.values(), ...this.elsewhere.values()];
  }
}

/** One shortest-path tree of a level and the homes routed over it. */
interface TreeRun {
  level: RouteLevel;
  tree: NodeTree;
  /** The tree's schools joined to the network (the tree's own numbering). */
  facilities: SnapList;
  /** Tree numbering → the level's facility index. */
  levelIndex: readonly number[];
  /** The level's facility points. */
  points: readonly [number, number][];
  homes: ArrayLike<number>;
  /** Per home: its school in the tree's numbering, and which way it leaves its edge. */
  homeFacility: Int32Array;
  way: Uint8Array;
}

interface TreeSink {
  /** 1 where the home's route crosses a main road unprotected / passes unmitigated water. */
  unprotected: Uint8Array;
  nearWater: Uint8Array;
  edgeLoad: Float64Array;
  /** 1 for streets near water or a venue: which facilities' children walk them is kept for those only. */
  watched: Uint8Array;
  /** 1 for streets near unmitigated water. */
  nearWaterEdge: Uint8Array;
  /** Watched streets each of the level's facilities draws children along. */
  edgeUse: Map<number, Set<number>>;
}

/**
 * Routes of one tree: the side-of-road choice at every node (outward from the schools), then each
 * home's choice at its door, then the children pushed inward to the schools. Typed arrays and no
 * allocation per node or home: a million homes go through here three times.
 */
function routeTree(ground: RouteGround, run: TreeRun, homeSnaps: SnapList, weight: Float64Array, homeLon: Float64Array, homeLat: Float64Array, waterNear: Map<number, number[]>, sink: TreeSink) {
  const { network, secStart, edgeSectors } = ground;
  const { edgeFrom, edgeTo, edgeLength, adjEdge, adjNode } = network;
  const { level, tree, facilities, levelIndex } = run;
  const main = ground.arms.edgeMain;
  const states = secStart[network.nodeCount]!;
  const best = new Float64Array(states).fill(Infinity);
  const side = new Int8Array(states);
  const switchAt = new Int32Array(states).fill(-1);
  const { order, toward, facility } = tree;
  const use = (f: number, e: number) => {
    const li = levelIndex[f]!;
    (sink.edgeUse.get(li) ?? sink.edgeUse.set(li, new Set()).get(li)!).add(e);
  };

  // The school end: from its joining point, across to its own side of a main road if need be.
  const schoolSide = new Int8Array(facilities.length);
  const schoolCross = new Float64Array(facilities.length);
  for (let f = 0; f < facilities.length; f++) {
    const e = facilities.edge[f]!;
    if (e < 0 || !main[e]) continue;
    const [x, y] = run.points[levelIndex[f]!]!;
    schoolSide[f] = sideOf(network, e, x, y, facilities.along[f]!);
    const [lon, lat] = pointOnEdge(network, e, facilities.along[f]!);
    schoolCross[f] = ground.midBlockCost(lon, lat);
  }
  const schoolEnd = (f: number, s: number) => (main[facilities.edge[f]!] && s !== schoolSide[f] ? schoolCross[f]! : 0);

  // Outward from the schools: the best cost from each sector of each node. (The step toward the
  // school is worked out inline here and below: no closure or object per node.)
  const waterEdge = sink.nearWaterEdge;
  const nearWaterNode = new Uint8Array(waterNear.size > 0 ? network.nodeCount : 0);
  for (let i = 0; i < order.length; i++) {
    const n = order[i]!;
    const slot = toward[n]!;
    let e: number;
    let p = -1;
    let f = -1;
    let fromEnd: boolean;
    let a0: number;
    let a1: number;
    if (slot >= 0) {
      e = adjEdge[slot]!;
      p = adjNode[slot]!;
      fromEnd = edgeFrom[e] === n && edgeTo[e] === p;
      a0 = fromEnd ? 0 : edgeLength[e]!;
      a1 = edgeLength[e]! - a0;
    } else {
      f = facility[n]!;
      e = facilities.edge[f]!;
      fromEnd = edgeFrom[e] === n;
      a0 = fromEnd ? 0 : edgeLength[e]!;
      a1 = facilities.along[f]!;
    }
    if (nearWaterNode.length > 0) nearWaterNode[n] = waterEdge[e] || (p >= 0 && nearWaterNode[p]) ? 1 : 0;
    const arrive0 = p >= 0 ? best[secStart[p]! + edgeSectors[4 * e + (fromEnd ? 2 : 0)]!]! : schoolEnd(f, 0);
    const arrive1 = p >= 0 ? best[secStart[p]! + edgeSectors[4 * e + (fromEnd ? 2 : 0) + 1]!]! : schoolEnd(f, 1);
    // Along the edge on each side: stay on it, or change sides at a protected crossing beside it.
    let cost0 = arrive0;
    let cost1 = arrive1;
    let switch0 = -1;
    let switch1 = -1;
    if (main[e]) {
      const at = ground.protectedAlong(e, a0, a1);
      if (at >= 0) {
        if (PROTECTED + arrive1 < cost0) { cost0 = PROTECTED + arrive1; switch0 = at; }
        if (PROTECTED + arrive0 < cost1) { cost1 = PROTECTED + arrive0; switch1 = at; }
      }
    }
    const depart = 4 * e + (fromEnd ? 0 : 2);
    const base = secStart[n]!;
    const sectors = secStart[n + 1]! - base;
    if (sectors === 1) {
      // No main road divides this node: nothing to cross here.
      const pick1 = cost1 < cost0;
      best[base] = pick1 ? cost1 : cost0;
      side[base] = pick1 ? 1 : 0;
      switchAt[base] = pick1 ? switch1 : switch0;
      continue;
    }
    for (let from = 0; from < sectors; from++) {
      const now0 = ground.crossCost(n, from, edgeSectors[depart]!);
      const now1 = ground.crossCost(n, from, edgeSectors[depart + 1]!);
      const total0 = now0 + cost0;
      const total1 = now1 + cost1;
      // On a tie, cross here rather than later: the child crosses where it first meets the road.
      const pick1 = total1 < total0 || (total1 === total0 && now1 > now0);
      best[base + from] = pick1 ? total1 : total0;
      side[base + from] = pick1 ? 1 : 0;
      switchAt[base + from] = pick1 ? switch1 : switch0;
    }
  }

  // Homes: a crossing in front of the door if need be, then along their own street.
  const mass = new Float64Array(states);
  for (let k = 0; k < run.homes.length; k++) {
    const h = run.homes[k]!;
    const w = weight[h]!;
    const e = homeSnaps.edge[h]!;
    const along = homeSnaps.along[h]!;
    const onMain = main[e] === 1;
    let homeSide = 0;
    let crossHere = 0;
    if (onMain) {
      homeSide = sideOf(network, e, homeLon[h]!, homeLat[h]!, along);
      const [sx, sy] = pointOnEdge(network, e, along);
      crossHere = ground.midBlockCost(sx, sy);
    }
    const hw = run.way[h]!;
    const node = hw === WAY_ALONG ? -1 : hw === WAY_FROM ? edgeFrom[e]! : edgeTo[e]!;
    const endOffset = hw === WAY_FROM ? 0 : 2;
    const f = node >= 0 ? facility[node]! : run.homeFacility[h]!;
    const a1 = hw === WAY_ALONG ? facilities.along[f]! : hw === WAY_FROM ? 0 : edgeLength[e]!;
    const arrive0 = node >= 0 ? best[secStart[node]! + edgeSectors[4 * e + endOffset]!]! : schoolEnd(f, 0);
    const arrive1 = !onMain ? arrive0 : node >= 0 ? best[secStart[node]! + edgeSectors[4 * e + endOffset + 1]!]! : schoolEnd(f, 1);
    let bestCost = Infinity;
    let bestSide = 0;
    let arriveSide = 0;
    let switched = -1;
    const at = onMain ? ground.protectedAlong(e, along, a1) : -1;
    for (let s = 0; s < (onMain ? 2 : 1); s++) {
      let c = s === 0 ? arrive0 : arrive1;
      let arriveOn = s;
      let sw = -1;
      if (at >= 0 && PROTECTED + (s === 0 ? arrive1 : arrive0) < c) {
        c = PROTECTED + (s === 0 ? arrive1 : arrive0);
        arriveOn = 1 - s;
        sw = at;
      }
      const total = (s === homeSide ? 0 : crossHere) + c;
      if (total < bestCost) {
        bestCost = total;
        bestSide = s;
        arriveSide = arriveOn;
        switched = sw;
      }
    }
    if (bestCost >= UNPROTECTED) sink.unprotected[h] = 1;
    if (waterEdge[e] || (node >= 0 && nearWaterNode.length > 0 && nearWaterNode[node])) sink.nearWater[h] = 1;
    if (w <= 0) continue;
    const li = levelIndex[f]!;
    sink.edgeLoad[e]! += w;
    if (sink.watched[e]) use(f, e);
    if (onMain && bestSide !== homeSide) ground.recordMidBlock(e, along, level, li, w);
    if (switched >= 0) ground.recordAlong(e, switched, level, li, w);
    if (node >= 0) mass[secStart[node]! + edgeSectors[4 * e + endOffset + arriveSide]!]! += w;
    else if (main[e] && arriveSide !== schoolSide[f]) ground.recordMidBlock(e, facilities.along[f]!, level, li, w);
  }

  // Inward to the schools: each node passes its children on along its choice.
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i]!;
    const base = secStart[n]!;
    const sectors = secStart[n + 1]! - base;
    for (let from = 0; from < sectors; from++) {
      const m = mass[base + from]!;
      if (m <= 0) continue;
      const slot = toward[n]!;
      const e = slot >= 0 ? adjEdge[slot]! : facilities.edge[facility[n]!]!;
      const p = slot >= 0 ? adjNode[slot]! : -1;
      const fromEnd = slot >= 0 ? edgeFrom[e] === n && edgeTo[e] === p : edgeFrom[e] === n;
      const li = levelIndex[facility[n]!]!;
      const s = side[base + from]!;
      if (sectors > 1) ground.recordAtNode(n, from, edgeSectors[4 * e + (fromEnd ? 0 : 2) + s]!, level, li, m);
      sink.edgeLoad[e]! += m;
      if (sink.watched[e]) use(facility[n]!, e);
      let arriveSide = s;
      if (switchAt[base + from]! >= 0) {
        ground.recordAlong(e, switchAt[base + from]!, level, li, m);
        arriveSide = 1 - s;
      }
      if (p >= 0) mass[secStart[p]! + edgeSectors[4 * e + (fromEnd ? 2 : 0) + arriveSide]!]! += m;
      else if (main[e] && arriveSide !== schoolSide[facility[n]!]) ground.recordMidBlock(e, facilities.along[facility[n]!]!, level, li, m);
    }
  }
}

/** Streets (edges) within `metres` of each geometry, by the geometry's index. */
function edgesNear(network: WalkingNetwork, geometries: readonly Geometry[], metres: number): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const index = network.edgeIndex;
  if (!index) return out;
  const { nodeLon, nodeLat, edgeFrom, edgeTo, edgeLength } = network;
  geometries.forEach((g, gi) => {
    const box = bbox(g);
    if (!box.every(Number.isFinite)) return;
    const { dLon, dLat } = degreesAround(metres, Math.max(Math.abs(box[1]), Math.abs(box[3])));
    for (const e of index.search(box[0] - dLon, box[1] - dLat, box[2] + dLon, box[3] + dLat)) {
      const ax = nodeLon[edgeFrom[e]!]!;
      const ay = nodeLat[edgeFrom[e]!]!;
      const bx = nodeLon[edgeTo[e]!]!;
      const by = nodeLat[edgeTo[e]!]!;
      let near = false;
      if (g.type === 'Point') near = distanceToSegment(g.coordinates[0]!, g.coordinates[1]!, ax, ay, bx, by) <= metres;
      else {
        // Points every 10 m along the street against the geometry (zero inside a polygon).
        const steps = Math.max(1, Math.ceil(edgeLength[e]! / 10));
        for (let s = 0; s <= steps && !near; s++) near = distanceToGeometry(ax + ((bx - ax) * s) / steps, ay + ((by - ay) * s) / steps, g) <= metres;
      }
      if (near) (out.get(e) ?? out.set(e, []).get(e)!).push(gi);
    }
  });
  return out;
}


export interface SchoolRoutesInput {
  dataset: Dataset;
  access: AccessResult;
  context: NetworkContext;
  settings: SchoolRouteSettings;
  offNetworkMetres: number;
  /** Venue kinds the school-surroundings rule prohibits. */
  prohibitedVenueKinds: readonly string[];
  /** Water hazards not fully mitigated (ids and geometries from the drowning register). */
  unmitigatedWater: readonly { id: FeatureId; geometry: Geometry }[];
}

type Row = SchoolRouteRow & { unprotectedAt: Set<unknown> };

/** School routes for a dataset analysed on the walking network (the caller checks there is one). */
export function schoolRoutes({ dataset, access, context, settings, offNetworkMetres, prohibitedVenueKinds, unmitigatedWater }: SchoolRoutesInput): SchoolRoutes {
  const { network, homeSnaps } = context;
  const roads = dataset.layers.roads!;
  const crossingLayer = dataset.layers.crossings?.features ?? [];
  const points = crossingLayer.flatMap((f, index) => ((PROTECTED_KINDS as readonly string[]).includes(f.properties.kind as string) ? [{ index, ...lonLat(representativePoint(f.geometry)) }] : []));
  const ground = new RouteGround(network, roads, new ProtectedCrossings(points, settings.protection_radius_m), new Set(settings.main_road_classes));
  const homes = access.homes;
  const residential = dataset.layers.residential?.features ?? [];

  const waterNear = edgesNear(network, unmitigatedWater.map((w) => w.geometry), settings.water_distance_m);
  const prohibited = new Set(prohibitedVenueKinds);
  const venues = (dataset.layers.venues?.features ?? []).filter((v) => prohibited.has(v.properties.kind as string));
  const venueNear = edgesNear(network, venues.map((v) => ({ type: 'Point', coordinates: representativePoint(v.geometry) }) as Geometry), settings.venue_distance_m);

  const watched = new Uint8Array(network.edgeCount);
  const nearWaterEdge = new Uint8Array(network.edgeCount);
  for (const e of waterNear.keys()) watched[e] = nearWaterEdge[e] = 1;
  for (const e of venueNear.keys()) watched[e] = 1;
  // Only a district that has catchments names schools on its homes: look once, not per home and level.
  const namesSchools = residential.some((f) => f.properties.school !== undefined && f.properties.school !== null);

  const edgeLoad = { kindergarten: new Float64Array(network.edgeCount), school: new Float64Array(network.edgeCount) };
  // Per-home working arrays, made once and reused by each level: a million homes' worth of fresh
  // typed arrays per level pushes V8 into an extra full collection of the whole heap.
  const homeList = new Int32Array(homes.count);
  const unprotectedHome = new Uint8Array(homes.count);
  const nearWaterHome = new Uint8Array(homes.count);
  const school = new Int32Array(homes.count);
  const distance = new Float64Array(homes.count);
  const rows = { kindergarten: new Map<string, Row>(), school: new Map<string, Row>() };
  const notRouted = {} as SchoolRoutes['not_routed'];
  let namedHomes = 0;
  let routed614 = 0;
  let unprotected614 = 0;

  for (const level of ROUTE_LEVELS) {
    const fac: Facilities = access.facilities[level];
    const weight = homes.children[ROUTE_BAND[level]];
    // The coverage analysis grew this tree already; measured again only where it was not kept.
    const kept = context.trees?.[level];
    const snaps = kept ? kept.facilities : snapPairs(network, fac.points, offNetworkMetres);
    const tree = kept ? kept.tree : nodeDistances(network, snaps);
    const nearest = kept && access.nearest[level].way ? (access.nearest[level] as Required<NearestResult>) : nearestByNetwork(network, snaps, homeSnaps, tree);
    // Homes naming a school of this level (`school` property) are routed to it; the rest to the nearest.
    const byId = new Map(fac.ids.map((id, i) => [String(id), i]));
    const named = new Map<number, number[]>();
    let count = 0;
    for (let h = 0; h < homes.count; h++) {
      if (homeSnaps.edge[h]! < 0) continue;
      const sid = namesSchools ? residential[h]?.properties.school : undefined;
      const f = sid === undefined || sid === null ? undefined : byId.get(String(sid));
      if (f !== undefined && snaps.edge[f]! >= 0) (named.get(f) ?? named.set(f, []).get(f)!).push(h);
      else if (nearest.facility[h]! >= 0) homeList[count++] = h;
    }
    const toNearest = homeList.subarray(0, count);
    unprotectedHome.fill(0);
    nearWaterHome.fill(0);
    school.fill(-1);
    const sink: TreeSink = { unprotected: unprotectedHome, nearWater: nearWaterHome, edgeLoad: level === 'kindergarten' ? edgeLoad.kindergarten : edgeLoad.school, watched, nearWaterEdge, edgeUse: new Map() };
    const identity = fac.ids.map((_, i) => i);
    routeTree(ground, { level, tree, facilities: snaps, levelIndex: identity, points: fac.points, homes: toNearest, homeFacility: nearest.facility, way: nearest.way }, homeSnaps, weight, homes.lon, homes.lat, waterNear, sink);
    for (let k = 0; k < toNearest.length; k++) {
      const h = toNearest[k]!;
      school[h] = nearest.facility[h]!;
      distance[h] = nearest.distance[h]!;
    }
    for (const [f, list] of named) {
      const one: SnapList = { length: 1, edge: Int32Array.of(snaps.edge[f]!), along: Float64Array.of(snaps.along[f]!), connector: Float64Array.of(snaps.connector[f]!) };
      const own = nodeDistances(network, one);
      const result = nearestByNetwork(network, one, homeSnaps, own);
      const reached = list.filter((h) => result.facility[h]! >= 0);
      namedHomes += level === 'kindergarten' ? 0 : reached.length;
      routeTree(ground, { level, tree: own, facilities: one, levelIndex: [f], points: fac.points, homes: reached, homeFacility: result.facility, way: result.way }, homeSnaps, weight, homes.lon, homes.lat, waterNear, sink);
      for (const h of reached) {
        school[h] = f;
        distance[h] = result.distance[h]!;
      }
    }

    // Per facility: children, those crossing unprotected, the longest route, water passed.
    const per = fac.ids.map(() => ({ children: 0, unprotected: 0, longest: -1, nearWater: 0 }));
    let missing = 0;
    for (let h = 0; h < homes.count; h++) {
      const w = weight[h]!;
      const f = school[h]!;
      if (f < 0) {
        missing += w;
        continue;
      }
      const r = per[f]!;
      r.children += w;
      if (sink.unprotected[h]) r.unprotected += w;
      if (sink.nearWater[h]) r.nearWater += w;
      if (w > 0 && distance[h]! > r.longest) r.longest = distance[h]!;
      if (level !== 'kindergarten') {
        routed614 += w;
        if (sink.unprotected[h]) unprotected614 += w;
      }
    }
    notRouted[level] = {
      children: round2(missing),
      reason: missing <= 0 ? null : fac.ids.length === 0 ? `no ${level} ${level === 'kindergarten' ? 'layer or feature' : 'school'} in the dataset` : 'off the walking network, or no school of this level reachable on it',
    };
    const speed = settings.walking_speed_m_per_min[level];
    const table = level === 'kindergarten' ? rows.kindergarten : rows.school;
    fac.ids.forEach((id, f) => {
      const r = per[f]!;
      let row = table.get(String(id));
      if (!row) {
        row = {
          id, name: String(fac.features[f]!.properties.name ?? ''), levels: [], children: 0, children_crossing_unprotected: 0, share_crossing_unprotected: null,
          longest_route_m: null, longest_route_min: null, unprotected_crossings: 0, children_near_unmitigated_water: 0, water_hazards_passed: [], venues_passed: [],
          unprotectedAt: new Set(),
        };
        table.set(String(id), row);
      }
      row.levels.push(level);
      row.children += r.children;
      row.children_crossing_unprotected += r.unprotected;
      row.children_near_unmitigated_water += r.nearWater;
      if (r.longest >= 0 && (row.longest_route_m === null || r.longest > row.longest_route_m)) {
        row.longest_route_m = round1(r.longest);
        row.longest_route_min = round1(r.longest / speed);
      }
      for (const e of sink.edgeUse.get(f) ?? []) {
        for (const w of waterNear.get(e) ?? []) addOnce(row.water_hazards_passed, unmitigatedWater[w]!.id);
        for (const v of venueNear.get(e) ?? []) addOnce(row.venues_passed, venues[v]!.id);
      }
    });
  }

  // The crossings, most children first.
  const idsOf = (c: Crossed, levels: readonly RouteLevel[]) => {
    const seen = new Map<string, FeatureId>();
    for (const level of levels) for (const f of c.facilities[level]) seen.set(String(access.facilities[level].ids[f]), access.facilities[level].ids[f]!);
    return [...seen.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([, id]) => id);
  };
  const crossings: RouteCrossing[] = [];
  for (const c of ground.all()) {
    const road = roads.features[c.road]!;
    const by = c.protectedBy ? crossingLayer[points[c.protectedBy.crossing]!.index]! : null;
    crossings.push({
      id: `${String(road.id)}@${c.lon.toFixed(6)},${c.lat.toFixed(6)}`,
      lon: round6(c.lon), lat: round6(c.lat), road: road.id, road_name: String(road.properties.name ?? ''), at: c.at,
      children: round2(c.children), children_3_5: round2(c.children35),
      protected: by !== null,
      protected_by: by ? { id: by.id, kind: String(by.properties.kind), distance_m: round1(c.protectedBy!.distance) } : null,
      schools: idsOf(c, ['primary', 'middle']), kindergartens: idsOf(c, ['kindergarten']),
    });
    if (by) continue;
    for (const level of ['primary', 'middle'] as const) for (const f of c.facilities[level]) rows.school.get(String(access.facilities[level].ids[f]))?.unprotectedAt.add(c);
    for (const f of c.facilities.kindergarten) rows.kindergarten.get(String(access.facilities.kindergarten.ids[f]))?.unprotectedAt.add(c);
  }
  crossings.sort((a, b) => b.children - a.children || b.children_3_5 - a.children_3_5 || a.id.localeCompare(b.id));

  const finish = ({ unprotectedAt, ...row }: Row): SchoolRouteRow => ({
    ...row,
    children: round2(row.children),
    children_crossing_unprotected: round2(row.children_crossing_unprotected),
    share_crossing_unprotected: row.children > 0 ? Math.round((row.children_crossing_unprotected / row.children) * 10000) / 10000 : null,
    unprotected_crossings: unprotectedAt.size,
    children_near_unmitigated_water: round2(row.children_near_unmitigated_water),
  });
  const worstFirst = (a: SchoolRouteRow, b: SchoolRouteRow) => b.children_crossing_unprotected - a.children_crossing_unprotected || String(a.id).localeCompare(String(b.id));

  const segments: RouteSegment[] = [];
  for (let e = 0; e < network.edgeCount; e++) {
    const c = edgeLoad.school[e]!;
    const k = edgeLoad.kindergarten[e]!;
    if (c <= 0 && k <= 0) continue;
    const road = roads.features[network.edgeRoad[e]!]!;
    segments.push({
      road: road.id,
      from: [network.nodeLon[network.edgeFrom[e]!]!, network.nodeLat[network.edgeFrom[e]!]!],
      to: [network.nodeLon[network.edgeTo[e]!]!, network.nodeLat[network.edgeTo[e]!]!],
      children: round2(c), children_3_5: round2(k),
    });
  }
  // In network order: a city has half a million of them, and whoever reads them sorts them as it needs.

  const notes: SchoolRoutes['notes'] = [];
  if (!dataset.layers.crossings) notes.push({ zh: '无过街设施图层（crossings）：穿越主干道的过街一律按无保护计', en: 'no crossings layer: every main-road crossing counts as unprotected' });
  if (namedHomes > 0) notes.push({ zh: `${namedHomes} 户按其 school 属性所指学校（学区）计算路线，而非最近学校`, en: `${namedHomes} homes routed to the school their school property names (catchment), not the nearest` });
  if (homes.estimatedAny) notes.push({ zh: '部分儿童数按年龄结构比例估算', en: 'some child counts rest on age-share estimates' });

  return {
    main_road_classes: [...settings.main_road_classes],
    protection_radius_m: settings.protection_radius_m,
    walking_speed_m_per_min: { ...settings.walking_speed_m_per_min },
    crossings,
    schools: [...rows.school.values()].map(finish).sort(worstFirst),
    kindergartens: [...rows.kindergarten.values()].map(finish).sort(worstFirst),
    segments,
    children_routed: round2(routed614),
    children_crossing_unprotected: round2(unprotected614),
    not_routed: notRouted,
    homes_routed_to_named_school: namedHomes,
    crossings_layer: dataset.layers.crossings ? { features: crossingLayer.length, protected: points.length } : null,
    notes,
  };
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
const lonLat = ([lon, lat]: [number, number]) => ({ lon, lat });
function addOnce(list: FeatureId[], id: FeatureId) {
  if (!list.some((x) => String(x) === String(id))) list.push(id);
}
