/**
 * Homes coloured by walking (or straight-line) distance to the nearest facility of one kind, and a
 * facility's service area: pure functions from analysis results to GeoJSON the map draws.
 */
import { circle } from '@turf/turf';
import type { FeatureCollection } from 'geojson';
import type { Dataset } from '../core/types';
import type { CoverageKind } from '../core/targets';
import type { CoverageResult } from '../worker/client';
import type { DrowningResult } from '../core/drowningHazards';
import type { KindergartenSeats, SeatGroup } from '../core/kindergartenSeats';
import type { FeatureId } from '../core/types';

export const DISTANCE_BANDS = ['near', 'covered', 'near_miss', 'uncovered', 'off_network'] as const;
export type DistanceBand = (typeof DISTANCE_BANDS)[number];

export const BAND_COLOURS: Record<DistanceBand | ProvisionBand | SeatGroup, string> = {
  near: '#1a9850',
  covered: '#91cf60',
  near_miss: '#fdae61',
  uncovered: '#d73027',
  off_network: '#5e3c99',
  none: '#d73027',
  low: '#fc8d59',
  mid: '#91cf60',
  good: '#1a9850',
  served: '#1a9850',
  short: '#fdae61',
  out_of_reach: '#d73027',
};

export const SEAT_GROUPS = ['served', 'short', 'out_of_reach'] as const;

/**
 * What a home-colouring view gives each home, in residential order: its band and the figure behind
 * it (metres, m² per child, places per child). The map sets them as the homes' state.
 */
export interface HomeColours {
  band: string[];
  value: (number | null)[];
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** Homes coloured by kindergarten places within reach: served, short of places, out of reach. */
export function seatColours(dataset: Dataset | null, seats: KindergartenSeats | null): HomeColours | null {
  const homes = dataset?.layers.residential?.features ?? [];
  if (!seats || seats.homeGroup.length !== homes.length) return null;
  return { band: [...seats.homeGroup], value: Array.from(seats.homePlacesPerChild, round2) };
}

/** Play area within reach per child: none at all, under 1 m², 1–3 m², 3 m² or more. */
export const PROVISION_BANDS = ['none', 'low', 'mid', 'good', 'off_network'] as const;
export type ProvisionBand = (typeof PROVISION_BANDS)[number];

export function provisionBand(areaPerChild: number, offNetwork: boolean): ProvisionBand {
  if (offNetwork) return 'off_network';
  if (areaPerChild <= 0) return 'none';
  if (areaPerChild < 1) return 'low';
  if (areaPerChild < 3) return 'mid';
  return 'good';
}

/** Homes coloured by play area within reach per child. */
export function provisionColours(dataset: Dataset | null, result: CoverageResult | null): HomeColours | null {
  const homes = dataset?.layers.residential?.features ?? [];
  const perChild = result?.provision.homeAreaPerChild;
  if (!result || !perChild || perChild.length !== homes.length) return null;
  const off = new Set(result.offNetworkHomes.map(String));
  return {
    band: homes.map((f, h) => provisionBand(perChild[h]!, off.size > 0 && off.has(String(f.id)))),
    value: Array.from(perChild, round2),
  };
}

/** Within half the radius, within it, up to half again beyond, farther or unreachable, off the network. */
export function distanceBand(distance: number, radius: number, offNetwork: boolean): DistanceBand {
  if (offNetwork) return 'off_network';
  if (distance <= radius / 2) return 'near';
  if (distance <= radius) return 'covered';
  if (distance <= radius * 1.5) return 'near_miss';
  return 'uncovered';
}

/** Each home's distance band for one kind, in residential order; null when the result is for other homes. */
export function coverageBands(dataset: Dataset | null, result: CoverageResult | null, kind: CoverageKind, radius: number): DistanceBand[] | null {
  const homes = dataset?.layers.residential?.features ?? [];
  if (!result || result.homeDistance[kind].length !== homes.length) return null;
  const off = new Set(result.offNetworkHomes.map(String));
  const distance = result.homeDistance[kind];
  return homes.map((f, h) => distanceBand(distance[h]!, radius, off.size > 0 && off.has(String(f.id))));
}

/** Homes coloured by distance to the nearest facility of one kind. */
export function coverageColours(dataset: Dataset | null, result: CoverageResult | null, kind: CoverageKind, radius: number): HomeColours | null {
  const band = coverageBands(dataset, result, kind, radius);
  if (!band) return null;
  return { band, value: Array.from(result!.homeDistance[kind], (d) => (Number.isFinite(d) ? Math.round(d) : null)) };
}

/** How many of each band (the panel's key), without building the map's features. */
export function countBands(bands: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const band of bands) counts[band] = (counts[band] ?? 0) + 1;
  return counts;
}

/** The straight-line buffer a desktop GIS would draw, for comparison with the walking area. */
export function bufferCircle(point: [number, number], radius: number): FeatureCollection {
  return { type: 'FeatureCollection', features: [circle(point, radius, { units: 'meters', steps: 64 })] };
}

/** The child places near one hazard of the register, as points coloured by risk band. */
export function drowningPlaces(result: DrowningResult, hazard: FeatureId | null): FeatureCollection {
  const row = hazard === null ? undefined : result.hazards.find((h) => h.id === hazard);
  return {
    type: 'FeatureCollection',
    features: (row?.places ?? []).map((p) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: p.point },
      properties: { id: p.id, layer: p.layer, band: p.band, distance_m: p.distance_m },
    })),
  };
}
