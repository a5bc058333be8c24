/**
 * School routes as a job another thread can run: just what `schoolRoutes` reads, as plain data and
 * typed arrays (structured-cloneable), and back. The command line hands it to a worker thread so the
 * routes are found while the access rows are being written (two cores, not one).
 */
import Flatbush from 'flatbush';
import type { AccessResult, NetworkContext } from '../access';
import type { Facilities } from '../facilities';
import type { NearestResult } from '../nearestFacility';
import type { WalkingNetwork } from '../network/walkingNetwork';
import type { ContractFeature, Dataset } from '../types';
import { ROUTE_BAND, ROUTE_LEVELS, type RouteLevel, type SchoolRoutesInput } from './schoolRoutes';

type Slim = Pick<ContractFeature, 'type' | 'id' | 'properties' | 'geometry'>;

export interface RoutesJob {
  layers: { roads: Slim[]; crossings: Slim[] | null; venues: Slim[]; water: null; residentialSchool: unknown[] | null };
  homes: Pick<AccessResult['homes'], 'count' | 'lon' | 'lat' | 'estimatedAny'> & { children: Partial<AccessResult['homes']['children']> };
  facilities: Record<RouteLevel, { ids: Facilities['ids']; points: Facilities['points']; names: string[] }>;
  nearest: Record<RouteLevel, NearestResult>;
  network: Omit<WalkingNetwork, 'edgeIndex'> & { edgeIndex: ArrayBufferLike | null };
  homeSnaps: NetworkContext['homeSnaps'];
  trees: NetworkContext['trees'];
  settings: SchoolRoutesInput['settings'];
  offNetworkMetres: number;
  prohibitedVenueKinds: string[];
  unmitigatedWater: SchoolRoutesInput['unmitigatedWater'];
}

/** Roads keep what routes read: class, walkability and name; geometry only where a main road bars the way without being walked. */
const slimRoad = (f: ContractFeature): Slim => ({
  type: 'Feature', id: f.id,
  properties: { id: f.id, highway: f.properties.highway, walkable: f.properties.walkable, name: f.properties.name },
  geometry: f.properties.walkable === false ? f.geometry : (null as unknown as ContractFeature['geometry']),
});

export function routesJob(input: SchoolRoutesInput): RoutesJob {
  const { dataset, access, context } = input;
  const residential = dataset.layers.residential?.features ?? [];
  const names = residential.some((f) => f.properties.school !== undefined && f.properties.school !== null);
  const { edgeIndex, ...network } = context.network;
  return {
    layers: {
      roads: (dataset.layers.roads?.features ?? []).map(slimRoad),
      crossings: dataset.layers.crossings ? dataset.layers.crossings.features : null,
      venues: dataset.layers.venues?.features ?? [],
      water: null,
      residentialSchool: names ? residential.map((f) => f.properties.school) : null,
    },
    homes: {
      count: access.homes.count, lon: access.homes.lon, lat: access.homes.lat, estimatedAny: access.homes.estimatedAny,
      children: Object.fromEntries(ROUTE_LEVELS.map((l) => [ROUTE_BAND[l], access.homes.children[ROUTE_BAND[l]]])),
    },
    facilities: Object.fromEntries(ROUTE_LEVELS.map((l) => [l, { ids: access.facilities[l].ids, points: access.facilities[l].points, names: access.facilities[l].features.map((f) => String(f.properties.name ?? '')) }])) as RoutesJob['facilities'],
    nearest: Object.fromEntries(ROUTE_LEVELS.map((l) => [l, access.nearest[l]])) as RoutesJob['nearest'],
    network: { ...network, edgeIndex: edgeIndex ? edgeIndex.data : null },
    homeSnaps: context.homeSnaps,
    trees: context.trees,
    settings: input.settings,
    offNetworkMetres: input.offNetworkMetres,
    prohibitedVenueKinds: [...input.prohibitedVenueKinds],
    unmitigatedWater: input.unmitigatedWater,
  };
}

/** The job as `schoolRoutes` input again (on the other side of the thread boundary). */
export function routesInputFromJob(job: RoutesJob): SchoolRoutesInput {
  const collection = (features: Slim[]) => ({ type: 'FeatureCollection' as const, features: features as ContractFeature[] });
  const dataset = {
    meta: { name: '', year: null, crs: 'EPSG:4326', ageShares: {}, synthetic: false },
    layers: {
      roads: collection(job.layers.roads),
      ...(job.layers.crossings ? { crossings: collection(job.layers.crossings) } : {}),
      venues: collection(job.layers.venues),
      ...(job.layers.residentialSchool ? { residential: collection(job.layers.residentialSchool.map((school) => ({ type: 'Feature', id: '', properties: { school }, geometry: null as unknown as ContractFeature['geometry'] }))) } : {}),
    },
  } as Dataset;
  const facilities = Object.fromEntries(ROUTE_LEVELS.map((l) => [l, { ...job.facilities[l], features: job.facilities[l].names.map((name) => ({ properties: { name } })) }]));
  const access = { homes: job.homes, facilities, nearest: job.nearest } as unknown as AccessResult;
  const network: WalkingNetwork = { ...job.network, edgeIndex: job.network.edgeIndex ? Flatbush.from(job.network.edgeIndex as ArrayBuffer) : null };
  return {
    dataset, access, context: { network, homeSnaps: job.homeSnaps, trees: job.trees },
    settings: job.settings, offNetworkMetres: job.offNetworkMetres, prohibitedVenueKinds: job.prohibitedVenueKinds, unmitigatedWater: job.unmitigatedWater,
  };
}
