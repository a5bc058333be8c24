/**
 * The expensive half of living-circle coverage: every home's nearest facility of every kind, with
 * its distance. Radius-free, so changing a radius or a target never redoes it (see
 * livingCircleCoverage.ts for the figures).
 */
import { FACILITY_KINDS, facilitiesOf, type Facilities, type FacilityKind } from './facilities';
import { prepareHomes, type Homes } from './homes';
import { nearestByNetwork, nearestByStraightLine, nodeDistances, type NearestResult, type NodeTree } from './nearestFacility';
import { OFF_NETWORK_METRES, snapPairs, snapPoints, type SnapList } from './network/snapToNetwork';
import type { Dataset, FeatureId } from './types';
import { buildWalkingNetwork, type WalkingNetwork } from './network/walkingNetwork';

export type DistanceMode = 'network' | 'euclidean';

export interface AccessOptions {
  /** Omit for the contract's default: network where there is a roads layer, else straight-line. */
  distance?: DistanceMode;
  offNetworkMetres?: number;
  playgroundMinArea?: number;
  /** Called between stages with the share of work done (0–1), for progress bars. */
  onProgress?: (done: number, stage: 'graph' | 'snapping' | 'paths') => void;
}

export interface AccessResult {
  distance: DistanceMode;
  /** Why this distance was used (a planner-readable sentence, English; the UI words it itself). */
  distanceReason: 'requested' | 'default_network' | 'no_roads' | 'no_walkable_roads';
  homes: Homes;
  /** 1 for homes farther than the off-network limit from every walkable edge (network mode only). */
  offNetwork: Uint8Array;
  facilities: Record<FacilityKind, Facilities>;
  /** Facilities that could not join the network: reachable by no one on foot. */
  facilitiesOffNetwork: Record<FacilityKind, FeatureId[]>;
  nearest: Record<FacilityKind, NearestResult>;
  /** Milliseconds spent, for the benchmark. */
  timings: { graph: number; snapping: number; paths: number; total: number };
}

/** Network pieces kept between runs in the worker (the graph does not change with the radius). */
export interface NetworkContext {
  network: WalkingNetwork;
  homeSnaps: SnapList;
  /** Each kind's shortest-path forest and its facilities as joined: school routes walk them again. */
  trees?: Partial<Record<FacilityKind, { tree: NodeTree; facilities: SnapList }>>;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export function computeAccess(dataset: Dataset, options: AccessOptions = {}): AccessResult & { context: NetworkContext | null } {
  const start = now();
  const offNetworkMetres = options.offNetworkMetres ?? OFF_NETWORK_METRES;
  const homes = prepareHomes(dataset);
  const facilities = Object.fromEntries(FACILITY_KINDS.map((k) => [k, facilitiesOf(dataset, k, options.playgroundMinArea ?? 170)])) as Record<FacilityKind, Facilities>;
  const facilitiesOffNetwork = Object.fromEntries(FACILITY_KINDS.map((k) => [k, [] as FeatureId[]])) as Record<FacilityKind, FeatureId[]>;
  const offNetwork = new Uint8Array(homes.count);
  const timings = { graph: 0, snapping: 0, paths: 0, total: 0 };

  let distance: DistanceMode = options.distance ?? 'network';
  let distanceReason: AccessResult['distanceReason'] = options.distance ? 'requested' : 'default_network';
  let network: WalkingNetwork | null = null;
  if (distance === 'network') {
    const roads = dataset.layers.roads?.features;
    if (!roads) {
      distance = 'euclidean';
      distanceReason = 'no_roads';
    } else {
      options.onProgress?.(0, 'graph');
      const t = now();
      network = buildWalkingNetwork(roads);
      timings.graph = now() - t;
      if (network.edgeCount === 0) {
        distance = 'euclidean';
        distanceReason = 'no_walkable_roads';
        network = null;
      }
    }
  }

  const nearest = {} as Record<FacilityKind, NearestResult>;
  let context: NetworkContext | null = null;
  if (network) {
    options.onProgress?.(0.15, 'snapping');
    let t = now();
    const homeSnaps = snapPoints(network, homes.lon, homes.lat, offNetworkMetres);
    for (let h = 0; h < homes.count; h++) if (homeSnaps.edge[h]! < 0) offNetwork[h] = 1;
    const facilitySnaps = {} as Record<FacilityKind, SnapList>;
    for (const kind of FACILITY_KINDS) {
      facilitySnaps[kind] = snapPairs(network, facilities[kind].points, offNetworkMetres);
      facilities[kind].ids.forEach((id, f) => {
        if (facilitySnaps[kind].edge[f]! < 0) facilitiesOffNetwork[kind].push(id);
      });
    }
    timings.snapping = now() - t;
    t = now();
    const trees: NonNullable<NetworkContext['trees']> = {};
    FACILITY_KINDS.forEach((kind, k) => {
      options.onProgress?.(0.5 + (0.5 * k) / FACILITY_KINDS.length, 'paths');
      const tree = nodeDistances(network!, facilitySnaps[kind]);
      nearest[kind] = nearestByNetwork(network!, facilitySnaps[kind], homeSnaps, tree);
      if (kind === 'kindergarten' || kind === 'primary' || kind === 'middle') trees[kind] = { tree, facilities: facilitySnaps[kind] };
    });
    timings.paths = now() - t;
    context = { network, homeSnaps, trees };
  } else {
    const t = now();
    const homePoints = Array.from({ length: homes.count }, (_, i) => [homes.lon[i]!, homes.lat[i]!] as [number, number]);
    FACILITY_KINDS.forEach((kind, k) => {
      options.onProgress?.(k / FACILITY_KINDS.length, 'paths');
      nearest[kind] = nearestByStraightLine(facilities[kind].points, homePoints);
    });
    timings.paths = now() - t;
  }
  timings.total = now() - start;
  options.onProgress?.(1, 'paths');
  return { distance, distanceReason, homes, offNetwork, facilities, facilitiesOffNetwork, nearest, timings, context };
}
