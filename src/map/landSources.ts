/**
 * What the land allocation and monitoring views draw: each planning unit (or community) coloured by whether its
 * reserved education land covers what it needs in the chosen year, and the development being drawn.
 * Pure functions from data to GeoJSON, tested as data.
 */
import type { FeatureCollection } from 'geojson';
import type { LandAllocation, LandUnit } from '../core/landAllocation/landAllocation';
import type { LandLevel } from '../core/targets';
import type { Dataset } from '../core/types';

/** short: needs more land than is reserved; unsized: places short but no land figure; covered: reserved land suffices; no_need: nothing to build. */
export type UnitLandStatus = 'short' | 'unsized' | 'covered' | 'no_need';
export const UNIT_STATUS_COLOURS: Record<UnitLandStatus, string> = { short: '#d7301f', unsized: '#fdae61', covered: '#66bd63', no_need: 'rgba(0,0,0,0)' };

export function unitLandStatus(unit: Pick<LandUnit, 'years' | 'total'>, year: string, level: LandLevel | 'all'): { status: UnitLandStatus; short_m2: number | null } {
  if (level === 'all') {
    const t = unit.total[year];
    const gap = Object.values(unit.years[year] ?? {}).some((r) => (r.gap_places ?? 0) > 0);
    if (!t) return { status: 'no_need', short_m2: null };
    if (t.land_short_m2 !== null && t.land_short_m2 > 0) return { status: 'short', short_m2: t.land_short_m2 };
    const unsized = Object.values(unit.years[year] ?? {}).some((r) => (r.gap_places ?? 0) > 0 && r.land_needed_m2 === null);
    if (unsized) return { status: 'unsized', short_m2: t.land_short_m2 };
    return { status: gap ? 'covered' : 'no_need', short_m2: t.land_short_m2 };
  }
  const row = unit.years[year]?.[level];
  if (!row || (row.gap_places ?? 0) <= 0) return { status: 'no_need', short_m2: row?.land_short_m2 ?? null };
  if (row.land_short_m2 === null) return { status: 'unsized', short_m2: null };
  return { status: row.land_short_m2 > 0 ? 'short' : 'covered', short_m2: row.land_short_m2 };
}

/** The units' own polygons with their status for the year and level; empty without a land allocation. */
export function landUnitFeatures(dataset: Dataset | null, land: LandAllocation | null, year: string, level: LandLevel | 'all'): FeatureCollection {
  const layer = land?.unit_layer ? dataset?.layers[land.unit_layer]?.features : undefined;
  if (!land || !layer) return { type: 'FeatureCollection', features: [] };
  return {
    type: 'FeatureCollection',
    features: land.units.map((u, i) => {
      const { status, short_m2 } = unitLandStatus(u, year, level);
      return { type: 'Feature', geometry: layer[i]!.geometry, properties: { id: u.id, status, short_m2 } };
    }),
  };
}

/** The corners clicked so far, the outline between them and, from three corners, the area. */
export function developmentDraftFeatures(corners: readonly [number, number][] | null): FeatureCollection {
  if (!corners || corners.length === 0) return { type: 'FeatureCollection', features: [] };
  const features: FeatureCollection['features'] = corners.map((c, i) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: c }, properties: { corner: i + 1 } }));
  if (corners.length >= 2) features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: corners.length >= 3 ? [...corners, corners[0]!] : [...corners] }, properties: {} });
  if (corners.length >= 3) features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [[...corners, corners[0]!]] }, properties: {} });
  return { type: 'FeatureCollection', features };
}

/** Homes whose coverage changed between two years: gained (only gains), lost (only losses) or mixed. */
export function monitorChangeFeatures(changes: readonly { id: unknown; point: [number, number]; gained: readonly string[]; lost: readonly string[] }[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: changes.map((c) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: c.point },
      properties: { id: String(c.id), change: c.lost.length === 0 ? 'gained' : c.gained.length === 0 ? 'lost' : 'mixed', gained: c.gained.join(','), lost: c.lost.join(',') },
    })),
  };
}
