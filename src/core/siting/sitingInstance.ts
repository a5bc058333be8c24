/**
 * Siting instances: from a dataset (children 3–5 per home, candidates and existing kindergartens,
 * reach by the analysis's distance) or from a planner's own travel-cost table (costs.csv + demand.csv).
 */
import Papa from 'papaparse';
import { computeAccess, type DistanceMode } from '../access';
import { reachByNetwork, reachByStraightLine, type Reach } from '../catchment';
import { groupDemand, type SitingInstance } from './kindergartenSiting';
import { representativePoint } from '../representativePoint';
import { snapPairs } from '../network/snapToNetwork';
import type { ContractFeature, Dataset } from '../types';
import { DEFAULT_GENERATED, generateCandidates, type GeneratedCandidateOptions } from './generatedCandidates';

export class SitingInputError extends Error {}

/** For every home, the facilities whose reach holds it. */
function invert(reach: Reach, homes: number): number[][] {
  const out = Array.from({ length: homes }, () => [] as number[]);
  for (let f = 0; f < reach.start.length - 1; f++) for (let k = reach.start[f]!; k < reach.start[f + 1]!; k++) out[reach.home[k]!]!.push(f);
  return out;
}

export interface DatasetSitingOptions {
  radius: number;
  distance?: DistanceMode;
  offNetworkMetres?: number;
  /**
   * Which sites to choose among: the `candidates` layer, generated ones (generatedCandidates.ts), or
   * `auto` (default): the layer where the dataset has one, else generated.
   */
  candidates?: 'layer' | 'generated' | 'auto';
  generated?: GeneratedCandidateOptions;
}

export interface DatasetSiting extends SitingInstance {
  distance: DistanceMode;
  candidateSource: 'layer' | 'generated';
  /** The generated sites (empty when the layer was used), so a chosen one can be drawn and built. */
  generated: ContractFeature[];
  /** What the planner must be told about the sites, or null. */
  candidateNote: string | null;
  /** Per candidate: the homes (residential order) within the radius that no kindergarten reaches now. */
  newlyReached: number[][];
  /** Per home: its representative point, and children 3–5 (for describing a site's catchment). */
  homePoints: [number, number][];
  homeChildren: ArrayLike<number>;
}

export function sitingFromDataset(dataset: Dataset, options: DatasetSitingOptions): DatasetSiting {
  const wanted = options.candidates ?? 'auto';
  const useLayer = wanted === 'layer' || (wanted === 'auto' && (dataset.layers.candidates?.features.length ?? 0) > 0);
  if (wanted === 'layer' && !dataset.layers.candidates) throw new SitingInputError('the dataset has no candidates layer (预留教育用地): use generated candidates instead');
  const made = useLayer ? null : generateCandidates(dataset, options.generated);
  const candidates = useLayer ? (dataset.layers.candidates?.features ?? []) : made!.features;
  const kindergartens = dataset.layers.kindergartens?.features ?? [];
  if (!dataset.layers.residential) throw new SitingInputError('the dataset has no residential layer: no children to serve');
  const access = computeAccess(dataset, { distance: options.distance, offNetworkMetres: options.offNetworkMetres });
  const points = (fs: typeof candidates) => fs.map((f) => representativePoint(f.geometry));
  const reachOf = (pts: [number, number][]) => {
    if (access.context) {
      const net = access.context.network;
      return reachByNetwork(net, snapPairs(net, pts, options.offNetworkMetres), access.context.homeSnaps, options.radius);
    }
    return reachByStraightLine(pts, Array.from({ length: access.homes.count }, (_, h) => [access.homes.lon[h]!, access.homes.lat[h]!] as [number, number]), options.radius);
  };
  const candidateReach = reachOf(points(candidates));
  const byCandidate = invert(candidateReach, access.homes.count);
  const byExisting = invert(reachOf(points(kindergartens)), access.homes.count);
  const newlyReached = Array.from({ length: candidates.length }, (_, f) => {
    const homes: number[] = [];
    for (let k = candidateReach.start[f]!; k < candidateReach.start[f + 1]!; k++) if (byExisting[candidateReach.home[k]!]!.length === 0) homes.push(candidateReach.home[k]!);
    return homes;
  });
  const weights = access.homes.children.children_3_5;
  const capacity = (v: unknown) => (typeof v === 'number' ? v : null);
  return {
    distance: access.distance,
    candidateSource: useLayer ? 'layer' : 'generated',
    generated: made?.features ?? [],
    candidateNote: made
      ? `no candidates layer${wanted === 'generated' ? ' used' : ''}: ${made.features.length} candidate sites generated (${made.fromGreen} green spaces, ${made.fromNetwork} points along the walking network every ${Math.round(made.spacing)} m near homes with children 3–5, ${made.features[0]?.properties.capacity ?? DEFAULT_GENERATED.capacity} places each); check the chosen ones against the land-use plan`
      : null,
    candidates: candidates.map((f) => ({ id: f.id, capacity: capacity(f.properties.capacity) })),
    existing: kindergartens.map((f) => ({ id: f.id, capacity: capacity(f.properties.capacity) })),
    groups: groupDemand(weights, (h) => byCandidate[h]!, (h) => byExisting[h]!),
    demandTotal: weights.reduce((s, w) => s + w, 0),
    newlyReached,
    homePoints: Array.from({ length: access.homes.count }, (_, h) => [access.homes.lon[h]!, access.homes.lat[h]!] as [number, number]),
    homeChildren: weights,
  };
}

/**
 * costs.csv: a header of candidate ids (first cell names the demand column), then one row per demand
 * id with its distances in metres; demand.csv: `id,weight`. No existing facilities in this form.
 */
export function sitingFromMatrix(costsCsv: string, demandCsv: string, radius: number, capacities: Record<string, number> = {}): SitingInstance {
  const parse = (text: string, name: string) => {
    const r = Papa.parse<string[]>(text.replace(/^\ufeff/, '').trim(), { skipEmptyLines: true });
    if (r.errors.length > 0) throw new SitingInputError(`${name}: ${r.errors[0]!.message} (row ${r.errors[0]!.row})`);
    return r.data;
  };
  const costs = parse(costsCsv, 'costs.csv');
  const header = costs[0];
  if (!header || header.length < 2) throw new SitingInputError('costs.csv: the first row must name the candidates');
  const candidateIds = header.slice(1).map((s) => s.trim());
  const demandRows = parse(demandCsv, 'demand.csv');
  const start = /^id$/i.test(demandRows[0]?.[0]?.trim() ?? '') ? 1 : 0;
  const weightOf = new Map<string, number>();
  demandRows.slice(start).forEach((row, i) => {
    const w = Number(row[1]);
    if (row.length < 2 || !Number.isFinite(w) || w < 0) throw new SitingInputError(`demand.csv row ${i + start + 1}: expected "id,weight" with a weight ≥ 0, got ${JSON.stringify(row)}`);
    weightOf.set(row[0]!.trim(), w);
  });
  const weights: number[] = [];
  const reached: number[][] = [];
  costs.slice(1).forEach((row, i) => {
    const id = row[0]!.trim();
    if (row.length !== header.length) throw new SitingInputError(`costs.csv row ${i + 2} (${id}): ${row.length - 1} distances for ${candidateIds.length} candidates`);
    const w = weightOf.get(id);
    if (w === undefined) throw new SitingInputError(`costs.csv row ${i + 2}: demand ${id} is not in demand.csv`);
    const within: number[] = [];
    row.slice(1).forEach((cell, j) => {
      const d = cell.trim() === '' ? Infinity : Number(cell);
      if (Number.isNaN(d)) throw new SitingInputError(`costs.csv row ${i + 2}, column ${candidateIds[j]}: not a number (${cell})`);
      if (d <= radius) within.push(j);
    });
    weights.push(w);
    reached.push(within);
  });
  return {
    candidates: candidateIds.map((id) => ({ id, capacity: capacities[id] ?? null })),
    existing: [],
    groups: groupDemand(weights, (i) => reached[i]!, () => []),
    demandTotal: weights.reduce((s, w) => s + w, 0),
  };
}
