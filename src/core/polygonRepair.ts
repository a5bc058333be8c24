/**
 * Self-intersecting polygons ("bow-ties"): a ring that crosses itself has no agreed area (Turf gives
 * near 0 m², PostGIS refuses), so a playground drawn that way is dropped as too small and a
 * community drawn that way shifts whose children it counts. A lone ring that crosses itself is
 * repaired by splitting it at its crossings (Turf's unkinkPolygon): the pieces are what the drawing
 * shows. A crossing ring that has holes, or that is a hole, has no one obvious repair and is refused.
 */
import Flatbush from 'flatbush';
import { unkinkPolygon } from '@turf/turf';
import type { Geometry, Polygon, Position } from 'geojson';

/** Below this many segments a ring is checked pair by pair; above it through a segment index. */
const BRUTE_FORCE_SEGMENTS = 64;

const orient = (a: Position, b: Position, c: Position) => (b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!);

/** Segments i and j cross at a point inside both (touching at a vertex is not a crossing). */
function crosses(ring: Position[], i: number, j: number): boolean {
  const a = ring[i]!, b = ring[i + 1]!, c = ring[j]!, d = ring[j + 1]!;
  const o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a), o4 = orient(c, d, b);
  return ((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0));
}

/** How many times a closed ring crosses itself (each crossing once). */
export function ringCrossings(ring: Position[]): number {
  const n = ring.length - 1; // segments
  if (n < 4) return 0;
  let count = 0;
  if (n <= BRUTE_FORCE_SEGMENTS) {
    for (let i = 0; i < n; i++) for (let j = i + 2; j < n; j++) if (!(i === 0 && j === n - 1) && crosses(ring, i, j)) count++;
    return count;
  }
  const index = new Flatbush(n);
  for (let i = 0; i < n; i++) {
    const a = ring[i]!, b = ring[i + 1]!;
    index.add(Math.min(a[0]!, b[0]!), Math.min(a[1]!, b[1]!), Math.max(a[0]!, b[0]!), Math.max(a[1]!, b[1]!));
  }
  index.finish();
  for (let i = 0; i < n; i++) {
    const a = ring[i]!, b = ring[i + 1]!;
    for (const j of index.search(Math.min(a[0]!, b[0]!), Math.min(a[1]!, b[1]!), Math.max(a[0]!, b[0]!), Math.max(a[1]!, b[1]!))) {
      if (j <= i + 1 || (i === 0 && j === n - 1)) continue; // each pair once; neighbours share a vertex
      if (crosses(ring, i, j)) count++;
    }
  }
  return count;
}

export type RepairResult =
  | { ok: true; geometry: Geometry; crossings: number }
  | { ok: false; ring: number; part?: number };

/** Polygons in, polygons out: unchanged when no ring crosses itself (`crossings` 0). */
export function repairSelfIntersections(geometry: Geometry): RepairResult {
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') return { ok: true, geometry, crossings: 0 };
  const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let crossings = 0;
  const repaired: Position[][][] = [];
  for (let p = 0; p < parts.length; p++) {
    const rings = parts[p]!;
    const perRing = rings.map(ringCrossings);
    const bad = perRing.findIndex((c) => c > 0);
    if (bad < 0) {
      repaired.push(rings);
      continue;
    }
    const where = geometry.type === 'MultiPolygon' ? { part: p } : {};
    if (rings.length > 1) return { ok: false, ring: bad, ...where };
    let pieces: Position[][][];
    try {
      pieces = unkinkPolygon({ type: 'Polygon', coordinates: rings } as Polygon).features.map((f) => f.geometry.coordinates);
    } catch {
      return { ok: false, ring: bad, ...where };
    }
    if (pieces.length === 0) return { ok: false, ring: bad, ...where };
    crossings += perRing[bad]!;
    repaired.push(...pieces);
  }
  if (crossings === 0) return { ok: true, geometry, crossings: 0 };
  const out: Geometry = repaired.length === 1 ? { type: 'Polygon', coordinates: repaired[0]! } : { type: 'MultiPolygon', coordinates: repaired };
  return { ok: true, geometry: out, crossings };
}
