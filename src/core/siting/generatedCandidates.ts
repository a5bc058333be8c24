/**
 * Candidate sites for a dataset that has no reserved land (预留教育用地) layer, as any imported
 * OpenStreetMap extract: green spaces, and points along the walking network in the built-up area
 * (within the kindergarten radius of a home with young children) every `spacing` metres. They are
 * where a kindergarten could stand, not where land is free: the result says they were generated,
 * and a planner checks the chosen ones against the land-use plan.
 */
import Flatbush from 'flatbush';
import { degreesAround, greatCircleDistance } from '../geodesy';
import { prepareHomes } from '../homes';
import { buildWalkingNetwork } from '../network/walkingNetwork';
import { representativePoint } from '../representativePoint';
import type { ContractFeature, Dataset } from '../types';

export interface GeneratedCandidateOptions {
  /** Metres between points along the network (and the grid that thins them). */
  spacing?: number;
  /** Only points within this straight-line distance of a home with children 3–5 (the built-up area). */
  nearHomesMetres?: number;
  /** Places a kindergarten on a generated site would offer (six classes of 30 by default). */
  capacity?: number;
  /** Above this many, the spacing is widened until they fit (the programme stays small). */
  maxCandidates?: number;
}

export const DEFAULT_GENERATED: Required<GeneratedCandidateOptions> = { spacing: 200, nearHomesMetres: 300, capacity: 180, maxCandidates: 1500 };

export interface GeneratedCandidates {
  features: ContractFeature[];
  /** The spacing used (wider than asked when there would have been too many). */
  spacing: number;
  fromNetwork: number;
  fromGreen: number;
}

export function generateCandidates(dataset: Dataset, options: GeneratedCandidateOptions = {}): GeneratedCandidates {
  const o = { ...DEFAULT_GENERATED, ...options };
  const homes = prepareHomes(dataset);
  const young: number[] = [];
  for (let h = 0; h < homes.count; h++) if (homes.children.children_3_5[h]! > 0) young.push(h);
  const index = young.length > 0 ? new Flatbush(young.length) : null;
  if (index) {
    for (const h of young) index.add(homes.lon[h]!, homes.lat[h]!, homes.lon[h]!, homes.lat[h]!);
    index.finish();
  }
  const nearHomes = (lon: number, lat: number) => {
    if (!index) return false;
    const { dLon, dLat } = degreesAround(o.nearHomesMetres, lat);
    return index.search(lon - dLon, lat - dLat, lon + dLon, lat + dLat).some((i) => greatCircleDistance(lon, lat, homes.lon[young[i]!]!, homes.lat[young[i]!]!) <= o.nearHomesMetres);
  };

  const green = (dataset.layers.green_spaces?.features ?? []).map((f) => ({ at: representativePoint(f.geometry), name: f.properties.name, kind: f.properties.kind })).filter((g) => nearHomes(...g.at));
  const network = dataset.layers.roads ? buildWalkingNetwork(dataset.layers.roads.features) : null;
  let spacing = Math.max(10, o.spacing);
  let points: [number, number][] = [];
  for (;;) {
    points = network ? alongNetwork(network, spacing).filter(([lon, lat]) => nearHomes(lon, lat)) : [];
    if (points.length + green.length <= o.maxCandidates || points.length === 0) break;
    spacing *= 1.5;
  }
  const features: ContractFeature[] = [];
  const add = (at: [number, number], properties: Record<string, unknown>) => {
    const id = `gen-${features.length + 1}`;
    features.push({ type: 'Feature', id, geometry: { type: 'Point', coordinates: at }, properties: { id, capacity: o.capacity, generated: true, ...properties } });
  };
  for (const g of green) add(g.at, { name: typeof g.name === 'string' ? `${g.name}（绿地）` : `绿地 green space`, basis: `green space (${String(g.kind ?? 'unknown')})` });
  for (const p of points) add(p, { name: `路网点 network point ${features.length + 1}`, basis: `walking network, every ${Math.round(spacing)} m` });
  return { features, spacing, fromNetwork: points.length, fromGreen: green.length };
}

/** Points every `spacing` metres along each edge, thinned to one per grid cell of that size. */
function alongNetwork(network: ReturnType<typeof buildWalkingNetwork>, spacing: number): [number, number][] {
  const seen = new Set<string>();
  const out: [number, number][] = [];
  const lat0 = network.nodeCount > 0 ? network.nodeLat[0]! : 0;
  const { dLon, dLat } = degreesAround(spacing, lat0);
  for (let e = 0; e < network.edgeCount; e++) {
    const ax = network.nodeLon[network.edgeFrom[e]!]!;
    const ay = network.nodeLat[network.edgeFrom[e]!]!;
    const bx = network.nodeLon[network.edgeTo[e]!]!;
    const by = network.nodeLat[network.edgeTo[e]!]!;
    const steps = Math.max(1, Math.ceil(network.edgeLength[e]! / spacing));
    for (let s = 0; s <= steps; s++) {
      const x = ax + ((bx - ax) * s) / steps;
      const y = ay + ((by - ay) * s) / steps;
      const cell = `${Math.floor(x / dLon)},${Math.floor(y / dLat)}`;
      if (seen.has(cell)) continue;
      seen.add(cell);
      out.push([x, y]);
    }
  }
  return out;
}
