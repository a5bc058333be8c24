/**
 * Straight-line distance in metres from a point to a geometry itself: zero inside a polygon, else to
 * the nearest point of its boundary or line; to a point, point to point. Used where the contract
 * measures from a boundary (school surroundings, water).
 */
import { booleanPointInPolygon } from '@turf/turf';
import type { Geometry, Position } from 'geojson';
import { distanceToSegment, greatCircleDistance } from './geodesy';

function toLine(lon: number, lat: number, line: Position[]): number {
  if (line.length === 1) return greatCircleDistance(lon, lat, line[0]![0]!, line[0]![1]!);
  let best = Infinity;
  for (let i = 1; i < line.length; i++) {
    const d = distanceToSegment(lon, lat, line[i - 1]![0]!, line[i - 1]![1]!, line[i]![0]!, line[i]![1]!);
    if (d < best) best = d;
  }
  return best;
}

export function distanceToGeometry(lon: number, lat: number, geometry: Geometry): number {
  switch (geometry.type) {
    case 'Point':
      return greatCircleDistance(lon, lat, geometry.coordinates[0]!, geometry.coordinates[1]!);
    case 'MultiPoint':
      return Math.min(...geometry.coordinates.map((p) => greatCircleDistance(lon, lat, p[0]!, p[1]!)));
    case 'LineString':
      return toLine(lon, lat, geometry.coordinates);
    case 'MultiLineString':
      return Math.min(...geometry.coordinates.map((l) => toLine(lon, lat, l)));
    case 'Polygon':
    case 'MultiPolygon': {
      if (booleanPointInPolygon([lon, lat], geometry)) return 0;
      const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
      return Math.min(...rings.map((r) => toLine(lon, lat, r)));
    }
    case 'GeometryCollection':
      return Math.min(...geometry.geometries.map((g) => distanceToGeometry(lon, lat, g)));
  }
}
