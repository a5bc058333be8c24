/**
 * Checks one feature's geometry against the contract and returns it in WGS84. Each failure names
 * what is wrong in a planner's terms (swapped latitude/longitude, metres without a declared
 * coordinate system, an unclosed ring) rather than a generic "invalid geometry".
 */
import type { Geometry, Position } from 'geojson';
import type { CoordinateSystem } from './crs';
import type { GeometryKind } from './layers';
import type { IssueCode } from './types';
import { nestsDeeperThan } from './jsonDepth';

export type GeometryResult =
  | { ok: true; geometry: Geometry }
  | { ok: false; code: IssueCode; params: Record<string, string | number> };

class GeometryProblem extends Error {
  constructor(
    readonly code: IssueCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

function readPosition(value: unknown, crs: CoordinateSystem): Position {
  if (!Array.isArray(value) || value.length < 2) {
    throw new GeometryProblem('bad_position', { value: preview(value) });
  }
  const [x, y] = value as unknown[];
  if (x === null || y === null || x === undefined || y === undefined) {
    throw new GeometryProblem('null_coordinate', { value: preview(value) });
  }
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
    throw new GeometryProblem('non_numeric_coordinate', { value: preview(value) });
  }
  if (crs.units === 'metres') {
    const [lo, hi] = crs.eastingRange ?? [-Infinity, Infinity];
    if (x < lo || x > hi) throw new GeometryProblem('outside_crs_zone', { x, y, crs: crs.name });
  } else if (x === 0 && y === 0) {
    // 0,0 (or -0,-0) is where a missing coordinate lands when a tool writes zeros for "unknown".
    throw new GeometryProblem('null_island', {});
  } else if (x < -180 || x > 180 || y < -90 || y > 90) {
    if (Math.abs(x) <= 90 && Math.abs(y) <= 180) throw new GeometryProblem('latlon_swapped', { x, y });
    if (Math.abs(x) > 1000 || Math.abs(y) > 1000) throw new GeometryProblem('projected_without_crs', { x, y });
    throw new GeometryProblem('out_of_range', { x, y });
  }
  // Already WGS84: the parsed array itself is kept (a city's homes are millions of positions).
  if (!crs.toWgs84) return value.length === 2 ? (value as Position) : [x, y];
  const [lon, lat] = crs.toWgs84(x, y);
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    throw new GeometryProblem('out_of_range', { x, y });
  }
  // Micro-degree rounding (≈ 0.1 m) keeps converted files small and stable across platforms.
  return [round(lon), round(lat)];
}

function readPositions(value: unknown, crs: CoordinateSystem): Position[] {
  if (!Array.isArray(value)) throw new GeometryProblem('bad_position', { value: preview(value) });
  // The list is kept as parsed when every position was (nothing converted or trimmed).
  let same = true;
  let out: Position[] | null = null;
  for (let i = 0; i < value.length; i++) {
    const p = readPosition(value[i], crs);
    if (same && p !== value[i]) {
      same = false;
      out = value.slice(0, i) as Position[];
    }
    if (!same) out!.push(p);
  }
  return same ? (value as Position[]) : out!;
}

function readLine(value: unknown, crs: CoordinateSystem): Position[] {
  const line = readPositions(value, crs);
  if (line.length < 2) throw new GeometryProblem('line_too_short', { count: line.length });
  return line;
}

function readRing(value: unknown, crs: CoordinateSystem, ring: number): Position[] {
  // Closure is judged on the coordinates as written, before any conversion can blur them.
  const raw = Array.isArray(value) ? value : [];
  const positions = readPositions(value, crs);
  if (positions.length < 4) throw new GeometryProblem('ring_too_short', { ring, count: positions.length });
  const first = raw[0] as number[];
  const last = raw[raw.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1]) throw new GeometryProblem('ring_not_closed', { ring });
  return positions;
}

function readPolygon(value: unknown, crs: CoordinateSystem): Position[][] {
  if (!Array.isArray(value)) throw new GeometryProblem('bad_position', { value: preview(value) });
  if (value.length === 0) throw new GeometryProblem('empty_geometry');
  let same = true;
  const rings = value.map((ring, i) => {
    const read = readRing(ring, crs, i);
    same &&= read === ring;
    return read;
  });
  return same ? (value as Position[][]) : rings;
}

function nonEmptyParts(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new GeometryProblem('bad_position', { value: preview(value) });
  if (value.length === 0) throw new GeometryProblem('empty_geometry');
  return value;
}

/** Reads a geometry of one of the `allowed` kinds, converting its coordinates to WGS84. */
export function readGeometry(value: unknown, allowed: readonly GeometryKind[], crs: CoordinateSystem): GeometryResult {
  try {
    if (value === null || value === undefined) throw new GeometryProblem('no_geometry');
    if (typeof value !== 'object' || Array.isArray(value)) throw new GeometryProblem('no_geometry');
    const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
    if (!(allowed as readonly unknown[]).includes(type)) {
      throw new GeometryProblem('wrong_geometry_type', { found: typeof type === 'string' ? type.slice(0, 40) : type === undefined ? '(none)' : preview(type), allowed: allowed.join(', ') });
    }
    if (coordinates === undefined || coordinates === null) throw new GeometryProblem('empty_geometry');
    if (Array.isArray(coordinates) && coordinates.length === 0) throw new GeometryProblem('empty_geometry');
    switch (type as GeometryKind) {
      case 'Point':
        return { ok: true, geometry: { type: 'Point', coordinates: readPosition(coordinates, crs) } };
      case 'LineString':
        return { ok: true, geometry: { type: 'LineString', coordinates: readLine(coordinates, crs) } };
      case 'MultiLineString':
        return {
          ok: true,
          geometry: { type: 'MultiLineString', coordinates: nonEmptyParts(coordinates).map((l) => readLine(l, crs)) },
        };
      case 'Polygon':
        return { ok: true, geometry: { type: 'Polygon', coordinates: readPolygon(coordinates, crs) } };
      case 'MultiPolygon':
        return {
          ok: true,
          geometry: { type: 'MultiPolygon', coordinates: nonEmptyParts(coordinates).map((p) => readPolygon(p, crs)) },
        };
    }
  } catch (e) {
    if (e instanceof GeometryProblem) return { ok: false, code: e.code, params: e.params };
    throw e;
  }
}

/** A short, plain-text rendering of a bad value for a message (never markup). */
export function preview(value: unknown): string {
  // Both JSON.stringify and String() recurse: a value nested thousands deep would overflow the stack.
  if (nestsDeeperThan(value, 8)) return Array.isArray(value) ? '[[[… (nested too deep)' : '{{{… (nested too deep)';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
