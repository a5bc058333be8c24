/**
 * The point that stands for a feature in every distance: a point is itself; a polygon is its
 * area-weighted centroid (as PostGIS ST_Centroid: holes subtracted, all parts of a multipolygon
 * weighted by area), or a point on its surface when the centroid falls outside (an L or a ring).
 * Written here rather than taken from Turf because Turf's centerOfMass ignores holes and uses the
 * convex hull for multipolygons.
 */
import { area, booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';

export function representativePoint(geometry: Geometry): [number, number] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates[0]!, geometry.coordinates[1]!];
    case 'Polygon':
    case 'MultiPolygon': {
      const c = areaCentroid(geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates);
      if (c && booleanPointInPolygon(c, geometry)) return c;
      // The contract: a multipolygon whose centroid falls outside every part stands on its largest part.
      const surfaceOf = geometry.type === 'Polygon' ? geometry : largestPart(geometry);
      return pointOnFeature(surfaceOf).geometry.coordinates as [number, number];
    }
    default: {
      // Lines and the rest are not facilities or homes in the contract; their first vertex will do.
      return pointOnFeature(geometry).geometry.coordinates as [number, number];
    }
  }
}

/** Planar (lon/lat) area-weighted centroid; null for zero area. Coordinates shifted for precision. */
function areaCentroid(polygons: Position[][][]): [number, number] | null {
  const origin = polygons[0]?.[0]?.[0];
  if (!origin) return null;
  const [ox, oy] = origin as [number, number];
  let area2 = 0;
  let cx = 0;
  let cy = 0;
  for (const rings of polygons) {
    rings.forEach((ring, r) => {
      // Outer rings add area and holes subtract it, whatever their winding.
      let a = 0;
      let x = 0;
      let y = 0;
      for (let i = 0; i < ring.length - 1; i++) {
        const x0 = ring[i]![0]! - ox;
        const y0 = ring[i]![1]! - oy;
        const x1 = ring[i + 1]![0]! - ox;
        const y1 = ring[i + 1]![1]! - oy;
        const cross = x0 * y1 - x1 * y0;
        a += cross;
        x += (x0 + x1) * cross;
        y += (y0 + y1) * cross;
      }
      const sign = (r === 0 ? 1 : -1) * Math.sign(a);
      area2 += sign * a;
      cx += sign * x;
      cy += sign * y;
    });
  }
  if (area2 === 0 || !Number.isFinite(area2)) return null;
  return [ox + cx / (3 * area2), oy + cy / (3 * area2)];
}

/** The part of largest (geodesic) area; the first of equals. */
export function largestPart(geometry: MultiPolygon): Polygon {
  let best: Polygon = { type: 'Polygon', coordinates: geometry.coordinates[0] ?? [] };
  let bestArea = -1;
  for (const coordinates of geometry.coordinates) {
    const part: Polygon = { type: 'Polygon', coordinates };
    const a = area(part);
    if (a > bestArea) [best, bestArea] = [part, a];
  }
  return best;
}
