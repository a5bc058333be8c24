/**
 * The analysis side of the thread boundary: keeps the dataset and the distances computed for it, so
 * a change of radius or target only rebuilds the figures. No logic of its own beyond that cache.
 */
import * as Comlink from 'comlink';
import { computeAccess, type DistanceMode } from '../core/access';
import type { FacilityKind } from '../core/facilities';
import { coverageFigure, type CommunityCoverage, type CoverageFigure } from '../core/livingCircleCoverage';
import type { PlaygroundProvision } from '../core/playgroundProvision';
import { buildReport, buildReportParts, explainMissingLayers, routesIndicator, schoolRoutesInput, type CommunityRow, type Indicator, type Report } from '../core/report/report';
import { schoolRoutes } from '../core/routes/schoolRoutes';
import type { DataQualityFinding } from '../core/report/dataQuality';
import { serviceArea } from '../core/serviceArea';
import type { LandAllocation } from '../core/landAllocation/landAllocation';
import type { SchoolRoutes } from '../core/routes/schoolRoutes';
import { monitorYears, type MonitorInput, type MonitoringReport } from '../core/monitoring/monitor';
import { developmentImpact, type Development, type DevelopmentImpact } from '../core/landAllocation/development';
import { snapToNetwork } from '../core/network/snapToNetwork';
import { COVERAGE_KINDS, type CoverageKind, type Targets } from '../core/targets';
import type { ContractFeature, Dataset, FeatureId, ValidationReport } from '../core/types';
import { booleanPointInPolygon, buffer } from '@turf/turf';
import type { Feature, FeatureCollection } from 'geojson';
import { drowningHazards, RISK_BANDS, type DrowningResult } from '../core/drowningHazards';
import { applyWaterEdits, type WaterEdits } from '../core/scenario';
import { zipDataset } from '../core/import/datasetFolder';
import { buildEvaluation, type Evaluation, type SitingSummary } from '../core/report/evaluation/model';
import type { Lang } from '../core/messages';
import loadHighs from 'highs';
import highsWasmUrl from 'highs/runtime?url';
import { kindergartenSeats, type KindergartenSeats } from '../core/kindergartenSeats';
import { sitingReach, solveSiting, type Highs, type SitingOptions, type SitingResult } from '../core/siting/kindergartenSiting';
import { sitingFromDataset } from '../core/siting/sitingInstance';
import type { LayerName } from '../core/layers';
import { decodeLayer, type LayerBytes } from './layerBytes';

/** A siting run as the app asks for it: the model, and which candidate sites. */
export interface SitingRunOptions extends SitingOptions {
  candidates?: 'auto' | 'layer' | 'generated';
  /** Metres between generated sites along the network. */
  spacing?: number;
}

/** What one proposed site adds: children 3–5 newly within reach, the communities they live in, their homes. */
export interface SiteCatchment {
  id: FeatureId;
  children: number;
  homes: number;
  communities: string[];
  /** Homes newly reached, for the map. */
  points: [number, number][];
}

/** A siting answer with where its sites came from; `generated` holds the chosen generated sites. */
export interface SitingView extends SitingResult {
  candidateSource: 'layer' | 'generated';
  candidateNote: string | null;
  candidateCount: number;
  generated: ContractFeature[];
  catchments: SiteCatchment[];
}

let highs: Promise<Highs> | null = null;
/** The solver's WebAssembly is fetched on the first siting run only. */
const solver = () => (highs ??= loadHighs({ locateFile: () => highsWasmUrl }) as unknown as Promise<Highs>);

export interface CoverageSettings {
  distance: DistanceMode;
  targets: Targets;
  /** Scenario edits recorded on top of the data (fixes to water hazards). */
  edits: WaterEdits;
}

export type { MonitorInput } from '../core/monitoring/monitor';

export interface DrowningView {
  result: DrowningResult;
  /** Risk bands drawn around each water feature, for the map only. */
  rings: FeatureCollection;
}

export interface CoverageResult {
  distance: DistanceMode;
  distanceReason: string;
  indicators: Indicator[];
  figures: Record<CoverageKind, CoverageFigure>;
  communities: CommunityCoverage[];
  /** Per home, in residential order: distance to the nearest facility of each kind (Infinity: none). */
  homeDistance: Record<CoverageKind, Float64Array>;
  homeFacility: Record<CoverageKind, (FeatureId | null)[]>;
  offNetworkHomes: FeatureId[];
  facilitiesOffNetwork: Record<FacilityKind, FeatureId[]>;
  /** Playground provision (floating catchment) by the same distance. */
  provision: PlaygroundProvision;
  /** The report's per-community rows: coverage, area per child, children's home, parent school. */
  communityRows: CommunityRow[];
  /** What the figures rest on (the report's data_quality), shown before any figure. */
  dataQuality: DataQualityFinding[];
  /** Places, classes and land per unit now and in the projection years (the report's land_allocation). */
  land: LandAllocation;
  elapsedMs: number;
}

type Progress = (done: number, stage: string) => void;
type Access = ReturnType<typeof computeAccess>;

let dataset: Dataset | null = null;
let validation: ValidationReport | null = null;
const cache = new Map<string, Access>();
let rings: { key: string; value: FeatureCollection } | null = null;

/** Edits touch only the water layer, so distances computed on the loaded data stay valid. */
const edited = (edits: WaterEdits) => applyWaterEdits(dataset!, edits);

function bandRings(bands: readonly number[]): FeatureCollection {
  const key = JSON.stringify(bands);
  if (rings?.key === key) return rings.value;
  const features: Feature[] = [];
  for (const w of dataset!.layers.water?.features ?? []) {
    // Widest first, so the nearer bands draw on top.
    [...RISK_BANDS].reverse().forEach((band, k) => {
      const ring = buffer(w as never, bands[2 - k]!, { units: 'meters', steps: 12 }) as Feature | undefined;
      if (ring) features.push({ type: 'Feature', geometry: ring.geometry, properties: { water: w.id, band } });
    });
  }
  rings = { key, value: { type: 'FeatureCollection', features } };
  return rings.value;
}

function access(distance: DistanceMode, targets: Targets, onProgress?: Progress): Access {
  const key = `${distance}|${targets.off_network_m}|${targets.playground_min_area_m2}`;
  let a = cache.get(key);
  if (!a) {
    // Walking is the default: asked for as the default, so the report gives the real reason (roads or none).
    a = computeAccess(dataset!, { distance: distance === 'network' ? undefined : distance, offNetworkMetres: targets.off_network_m, playgroundMinArea: targets.playground_min_area_m2, onProgress: (d, s) => onProgress?.(d, s) });
    cache.set(key, a);
  }
  return a;
}

/** The siting instance for these settings, kept while the dataset stays (reach, then solve, reuse it). */
let instanceCache: { key: string; value: ReturnType<typeof sitingFromDataset> } | null = null;
function sitingInstance(options: Pick<SitingRunOptions, 'candidates' | 'spacing'>, distance: DistanceMode, targets: Targets) {
  const key = JSON.stringify([options.candidates ?? 'auto', options.spacing, distance, targets.radii_m.kindergarten, targets.off_network_m]);
  if (instanceCache?.key !== key) {
    instanceCache = {
      key,
      value: sitingFromDataset(dataset!, {
        radius: targets.radii_m.kindergarten, distance, offNetworkMetres: targets.off_network_m,
        candidates: options.candidates ?? 'auto', generated: { spacing: options.spacing, nearHomesMetres: targets.radii_m.kindergarten },
      }),
    };
  }
  return instanceCache.value;
}

const figuresOf = (a: Access, targets: Targets) =>
  Object.fromEntries(COVERAGE_KINDS.map((k) => [k, coverageFigure(a, k, targets.radii_m[k])])) as Record<CoverageKind, CoverageFigure>;

const api = {
  setDataset({ dataset: next, bytes }: { dataset: Dataset; bytes: LayerBytes }, report: ValidationReport): void {
    for (const [layer, buffer] of Object.entries(bytes) as [LayerName, ArrayBuffer][]) next.layers[layer] = decodeLayer(buffer) as never;
    dataset = next;
    validation = report;
    cache.clear();
    rings = null;
    instanceCache = null;
  },

  /** Measures the distances for these settings ahead of any view asking (kept in the cache). */
  warm(distance: DistanceMode, targets: Targets): void {
    if (dataset) access(distance, targets);
  },

  coverage(settings: CoverageSettings, onProgress: Progress): CoverageResult {
    const start = performance.now();
    const { targets } = settings;
    const active = access(settings.distance, targets, (d, s) => onProgress(d * 0.9, s));
    onProgress(0.9, 'report');
    // The panel reads figures, not the per-home rows: those stay in the arrays.
    // School routes come in their own call (`routes`), after the figures: the coverage panel does not wait for them.
    const { report, provision, communities } = buildReportParts({ dataset: edited(settings.edits), validation: validation!, targets, access: active, context: active.context, omitAccessRows: true, deferRoutes: true });
    const homeFacility = {} as Record<CoverageKind, (FeatureId | null)[]>;
    const homeDistance = {} as Record<CoverageKind, Float64Array>;
    for (const k of COVERAGE_KINDS) {
      const ids = active.facilities[k].ids;
      homeFacility[k] = Array.from(active.nearest[k].facility, (f) => (f < 0 ? null : ids[f]!));
      homeDistance[k] = active.nearest[k].distance.slice();
    }
    onProgress(1, 'report');
    return {
      distance: active.distance,
      distanceReason: active.distanceReason,
      indicators: report.indicators,
      figures: figuresOf(active, targets),
      communities,
      homeDistance,
      homeFacility,
      offNetworkHomes: active.homes.ids.filter((_, h) => active.offNetwork[h]),
      facilitiesOffNetwork: active.facilitiesOffNetwork,
      provision,
      communityRows: report.communities,
      dataQuality: report.data_quality,
      land: report.land_allocation,
      elapsedMs: performance.now() - start,
    };
  },

  /**
   * The same figures by the other distance (straight line when walking, and the reverse), asked for
   * after the coverage itself so that the map does not wait for the comparison. Null without roads.
   */
  compareFigures(settings: CoverageSettings): Record<CoverageKind, CoverageFigure> | null {
    const active = access(settings.distance, settings.targets);
    if (active.distanceReason === 'no_roads' || active.distanceReason === 'no_walkable_roads') return null;
    return figuresOf(access(active.distance === 'network' ? 'euclidean' : 'network', settings.targets), settings.targets);
  },

  /** Children's walks to school and where they cross main roads, with their indicator (asked for after the coverage). */
  routes(settings: CoverageSettings): { routes: SchoolRoutes | null; indicator: Indicator } {
    const a = access(settings.distance, settings.targets);
    const data = edited(settings.edits);
    const drowning = data.layers.water ? drowningHazards(data, { bands_m: settings.targets.drowning.bands_m as [number, number, number] }) : null;
    const { input, reason } = schoolRoutesInput(data, a, a.context, settings.targets, drowning);
    const routes = input ? schoolRoutes(input) : null;
    const indicator = routesIndicator({ result: routes, reason }, data, a, settings.targets);
    if (indicator.reason) indicator.reason = explainMissingLayers(indicator.reason, validation!);
    return { routes, indicator };
  },

  /** The full report contract, for export. */
  report(settings: CoverageSettings): Report {
    const a = access(settings.distance, settings.targets);
    return buildReport({ dataset: edited(settings.edits), validation: validation!, targets: settings.targets, access: a, context: a.context });
  },

  /** The monitoring and evaluation report as data (figures as SVG); the UI renders it to print, Word and Excel. */
  evaluation(settings: CoverageSettings, lang: Lang, date: string, siting: SitingSummary | null, monitoring: MonitoringReport | null = null): Evaluation {
    const a = access(settings.distance, settings.targets);
    const data = edited(settings.edits);
    const parts = buildReportParts({ dataset: data, validation: validation!, targets: settings.targets, access: a, context: a.context });
    return buildEvaluation({ dataset: data, parts, access: a, targets: settings.targets, lang, date, siting, monitoring });
  },

  /** The dataset as the contract's folder, zipped, with the safety office's recorded fixes in it. */
  exportDataset(edits: WaterEdits): Uint8Array {
    const zip = zipDataset(edited(edits));
    return Comlink.transfer(zip, [zip.buffer as ArrayBuffer]);
  },

  /**
   * Several years of the district side by side: each analysed as the report does, then trends to 2030,
   * early warnings and what changed between consecutive years. The years come with the call: the
   * worker holds only the current dataset.
   */
  monitor(years: MonitorInput[], targets: Targets, distance: DistanceMode): MonitoringReport {
    return monitorYears(years, targets, distance === 'network' ? undefined : distance);
  },

  /** What a drawn development adds to its unit's need for places, classes and land (before it is accepted). */
  developmentCheck(development: Development, targets: Targets): DevelopmentImpact {
    return developmentImpact(dataset!, development, targets.land_allocation);
  },

  seats(distance: DistanceMode, targets: Targets): KindergartenSeats {
    const a = access(distance, targets);
    return kindergartenSeats(dataset!, a, a.context, { radius: targets.radii_m.kindergarten, offNetworkMetres: targets.off_network_m });
  },

  /**
   * New kindergarten sites among the candidates (existing ones stay), solved exactly by HiGHS; without
   * a candidates layer (or when asked), among generated sites, the chosen ones returned to be drawn and built.
   */
  async site(options: SitingRunOptions, distance: DistanceMode, targets: Targets): Promise<SitingView> {
    const instance = sitingInstance(options, distance, targets);
    const result = solveSiting(instance, options, await solver());
    const chosen = new Set(result.chosen.map((c) => String(c.id)));
    // Each site's catchment: the homes it newly reaches, and the communities they are in (by name).
    const communities = dataset!.layers.communities?.features ?? [];
    const catchments = result.chosen.map((c) => {
      const j = instance.candidates.findIndex((x) => String(x.id) === String(c.id));
      const homes = j < 0 ? [] : instance.newlyReached[j]!;
      const points = homes.map((h) => instance.homePoints[h]!);
      const served = new Set<string>();
      for (const p of points) {
        const community = communities.find((k) => booleanPointInPolygon(p, k as never));
        if (community) served.add(String(community.properties.name ?? community.id));
      }
      return { id: c.id, children: homes.reduce((s, h) => s + instance.homeChildren[h]!, 0), homes: homes.length, communities: [...served], points };
    });
    return { ...result, candidateSource: instance.candidateSource, candidateNote: instance.candidateNote, candidateCount: instance.candidates.length, generated: instance.generated.filter((f) => chosen.has(String(f.id))), catchments };
  },

  /** Children 3–5 within reach now and at most with every candidate open: what a set-covering target can ask. */
  sitingReach(options: Pick<SitingRunOptions, 'candidates' | 'spacing'>, distance: DistanceMode, targets: Targets): { before: number; max: number } {
    return sitingReach(sitingInstance(options, distance, targets));
  },

  /** The drowning-hazard register with the recorded fixes applied, and the bands for the map. */
  drowning(bands: [number, number, number], edits: WaterEdits): DrowningView {
    return { result: drowningHazards(edited(edits), { bands_m: bands }), rings: bandRings(bands) };
  },

  /** The streets within `radius` walking metres of one facility; null when it is off the network. */
  serviceArea(kind: CoverageKind, facilityId: FeatureId, radius: number, targets: Targets) {
    const a = access('network', targets);
    if (!a.context) return null;
    const f = a.facilities[kind].ids.findIndex((id) => id === facilityId);
    if (f < 0) return null;
    const [lon, lat] = a.facilities[kind].points[f]!;
    const snap = snapToNetwork(a.context.network, lon, lat, targets.off_network_m);
    return snap ? { area: serviceArea(a.context.network, snap, radius), point: [lon, lat] as [number, number] } : null;
  },
};

export type AnalysisWorkerApi = typeof api;
Comlink.expose(api);
