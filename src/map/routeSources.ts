/**
 * What the school routes view draws: the streets children walk (width by children), the points where
 * their routes cross main roads (red unprotected, green protected, size by children), and a footpath
 * being drawn. Pure functions from data to GeoJSON, tested as data.
 */
import type { FeatureCollection } from 'geojson';
import type { SchoolRoutes } from '../core/routes/schoolRoutes';

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Streets and crossings for schoolchildren (6–14) or kindergarten children (3–5); empty without routes. */
export function routeFeatures(routes: SchoolRoutes | null, view: 'school' | 'kindergarten', selected: string | null): FeatureCollection {
  if (!routes) return EMPTY;
  const count = (c: { children: number; children_3_5: number }) => (view === 'school' ? c.children : c.children_3_5);
  const features: FeatureCollection['features'] = [];
  for (const s of routes.segments) {
    const children = count(s);
    if (children > 0) features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: [s.from, s.to] }, properties: { role: 'segment', children, road: String(s.road) } });
  }
  for (const c of routes.crossings) {
    const children = count(c);
    if (children <= 0) continue;
    features.push({
      type: 'Feature', geometry: { type: 'Point', coordinates: [c.lon, c.lat] },
      properties: { role: 'crossing', id: c.id, children, protected: c.protected, selected: c.id === selected },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** The footpath being drawn: its points and the line through them. */
export function pathDraftFeatures(points: readonly [number, number][] | null): FeatureCollection {
  if (!points || points.length === 0) return EMPTY;
  const features: FeatureCollection['features'] = points.map((p, i) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: p }, properties: { point: i + 1 } }));
  if (points.length >= 2) features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: [...points] }, properties: {} });
  return { type: 'FeatureCollection', features };
}
