/**
 * Fixes a safety officer tries on the routes: a protected crossing where children cross, or a new
 * footpath or footbridge. Each returns a new dataset (the input is never changed), so the app keeps
 * it as an undoable scenario step and every figure is recomputed from it alike.
 */
import type { Position } from 'geojson';
import { distanceToSegment, greatCircleDistance, nearestFractionOnSegment } from '../geodesy';
import type { CROSSING_KINDS } from '../layers';
import { isWalkable } from '../network/walkingNetwork';
import type { ContractFeature, Dataset } from '../types';

/** A drawn path's end joins an existing road vertex this close, else the nearest road within JOIN_METRES gains a vertex there. */
const VERTEX_METRES = 15;
const JOIN_METRES = 50;

function nextId(features: readonly ContractFeature[], prefix: string): string {
  const taken = new Set(features.map((f) => String(f.id)));
  let n = features.length + 1;
  while (taken.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/** The dataset with a crossing of `kind` added at [lon, lat]. */
export function addCrossing(dataset: Dataset, at: [number, number], kind: (typeof CROSSING_KINDS)[number], name = ''): { dataset: Dataset; id: string } {
  const features = dataset.layers.crossings?.features ?? [];
  const id = nextId(features, 'new-crossing-');
  const feature: ContractFeature = { type: 'Feature', id, properties: { id, kind, ...(name ? { name } : {}), scenario: true }, geometry: { type: 'Point', coordinates: [at[0], at[1]] } };
  return { dataset: { ...dataset, layers: { ...dataset.layers, crossings: { type: 'FeatureCollection', features: [...features, feature] } } }, id };
}

export type FootpathResult =
  | { ok: true; dataset: Dataset; id: string; joined: ['vertex' | 'new_vertex', 'vertex' | 'new_vertex'] }
  | { ok: false; reason: { zh: string; en: string } };

/**
 * The dataset with a walkable footpath along `line`. Its two ends join the network (at a road vertex
 * within 15 m, else at a new vertex on the nearest walkable road within 50 m); in between it joins
 * nothing, as the contract says of lines that cross without a shared vertex: drawn across a main
 * road it is a footbridge or underpass.
 */
export function addFootpath(dataset: Dataset, line: [number, number][], name = ''): FootpathResult {
  if (line.length < 2) return { ok: false, reason: { zh: '至少需要两个点', en: 'a path needs at least two points' } };
  const roads = dataset.layers.roads?.features ?? [];
  let features: readonly ContractFeature[] = roads;
  const ends: [number, number][] = [line[0]!, line[line.length - 1]!];
  const joined: ('vertex' | 'new_vertex')[] = [];
  for (const [k, end] of ends.entries()) {
    const join = joinPoint(features, end);
    if (!join) {
      return { ok: false, reason: { zh: `${k === 0 ? '起点' : '终点'}距离任何可步行道路超过 ${JOIN_METRES} 米，无法接入路网`, en: `the path's ${k === 0 ? 'start' : 'end'} is more than ${JOIN_METRES} m from any walkable road and cannot join the network` } };
    }
    ends[k] = join.point;
    features = join.features;
    joined.push(join.kind);
  }
  const id = nextId(features, 'new-path-');
  const coordinates: Position[] = [ends[0]!, ...line.slice(1, -1), ends[1]!];
  const path: ContractFeature = { type: 'Feature', id, properties: { id, highway: 'footway', ...(name ? { name } : {}), scenario: true }, geometry: { type: 'LineString', coordinates } };
  return { ok: true, dataset: { ...dataset, layers: { ...dataset.layers, roads: { type: 'FeatureCollection' as const, features: [...features, path] } } }, id, joined: joined as ['vertex', 'vertex'] };
}

function joinPoint(roads: readonly ContractFeature[], [lon, lat]: [number, number]): { point: [number, number]; features: readonly ContractFeature[]; kind: 'vertex' | 'new_vertex' } | null {
  let vertex: { point: [number, number]; d: number } | null = null;
  let segment: { road: number; part: number; index: number; point: [number, number]; d: number } | null = null;
  roads.forEach((road, r) => {
    if (!isWalkable(road)) return;
    const g = road.geometry;
    const parts = g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : [];
    parts.forEach((coords, part) => {
      coords.forEach((p, i) => {
        const d = greatCircleDistance(lon, lat, p[0]!, p[1]!);
        if (d <= VERTEX_METRES && (!vertex || d < vertex.d)) vertex = { point: [p[0]!, p[1]!], d };
        if (i === 0) return;
        const a = coords[i - 1]!;
        const ds = distanceToSegment(lon, lat, a[0]!, a[1]!, p[0]!, p[1]!);
        if (ds <= JOIN_METRES && (!segment || ds < segment.d)) {
          const t = nearestFractionOnSegment(lon, lat, a[0]!, a[1]!, p[0]!, p[1]!);
          segment = { road: r, part, index: i, point: [a[0]! + t * (p[0]! - a[0]!), a[1]! + t * (p[1]! - a[1]!)], d: ds };
        }
      });
    });
  });
  const v = vertex as { point: [number, number]; d: number } | null;
  if (v) return { point: v.point, features: roads, kind: 'vertex' };
  const s = segment as { road: number; part: number; index: number; point: [number, number]; d: number } | null;
  if (!s) return null;
  // Split the road there: a vertex both lines share is what joins them.
  const features = roads.map((road, r) => {
    if (r !== s.road) return road;
    const g = road.geometry;
    const insert = (coords: Position[]) => [...coords.slice(0, s.index), s.point, ...coords.slice(s.index)];
    const geometry = g.type === 'LineString' ? { ...g, coordinates: insert(g.coordinates) } : g.type === 'MultiLineString' ? { ...g, coordinates: g.coordinates.map((c, i) => (i === s.part ? insert(c) : c)) } : g;
    return { ...road, geometry } as ContractFeature;
  });
  return { point: s.point, features, kind: 'new_vertex' };
}
