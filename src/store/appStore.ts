/**
 * The app's state: one Zustand store built from slices that keep their actions beside their state
 * (the dataset in datasetSlice.ts, imports in importSlice.ts, saving in storageSlice.ts).
 */
import { bbox } from '@turf/turf';
import { createStore, useStore, type StoreApi } from 'zustand';
import type { Dataset, FeatureId, ValidationReport } from '../core/types';
import type { LayerName } from '../core/layers';
import type { Lang } from '../core/messages';
import type { DistanceMode } from '../core/access';
import type { Report } from '../core/report/report';
import type { Evaluation } from '../core/report/evaluation/model';
import { COVERAGE_KINDS, DEFAULT_TARGETS, parseTargets, type CoverageKind, type Targets } from '../core/targets';
import type { CoverageFigure } from '../core/livingCircleCoverage';
import { cancelAnalysis, cancelJob, JobCancelled, prepareAnalysis, proxy, runAnalysis, type CoverageResult, type DrowningView } from '../worker/client';
import { importSlice, type ImportSlice } from './importSlice';
import type { Mitigation } from '../core/drowningHazards';
import type { FixRecord, WaterEdits } from '../core/scenario';
import type { KindergartenSeats } from '../core/kindergartenSeats';
import type { SitingRunOptions, SitingView } from '../worker/analysis.worker';
import type { Indicator } from '../core/report/report';
import type { ContractFeature } from '../core/types';
import { applyFacilityEdit, type EditableLayer, type FacilityEdit } from '../core/facilityEdits';
import { persistence, type SavedSettings } from './persistence';
import { datasetSlice, type DatasetSlice } from './datasetSlice';
import { storageSlice, tracked, type StorageSlice } from './storageSlice';
import { landSlice, type LandSlice } from './landSlice';
import { monitoringKeyOf, monitorSlice, type MonitorSlice } from './monitorSlice';
import { currentIndicators, routesKeyOf, routesSlice, type RoutesSlice } from './routesSlice';

export type { ImportMode, LoadJob } from './datasetSlice';
export type Panel = 'none' | 'import' | 'report' | 'settings' | 'evaluation' | 'guide';
export type SidebarTab = 'layers' | 'coverage' | 'provision' | 'drowning' | 'sites' | 'land' | 'routes' | 'monitor';

export type AnalysisJob =
  | { status: 'idle' }
  | { status: 'running'; stage: string; progress: number }
  | { status: 'error'; message: string };

/** The layer whose features are the facilities of a coverage kind. */
export const COVERAGE_LAYER: Record<CoverageKind, LayerName> = {
  kindergarten: 'kindergartens', childcare: 'childcare', primary: 'schools', middle: 'schools', playground: 'playgrounds',
};

interface CoverageSlice {
  sidebarTab: SidebarTab;
  /** The dataset version the map has finished drawing. */
  mapDrawnFor: number;
  coverageDistance: DistanceMode;
  /** Which kind colours the homes on the map. */
  coverageKind: CoverageKind;
  radii: Record<CoverageKind, number>;
  coverageTargets: Record<CoverageKind, number>;
  analysisJob: AnalysisJob;
  coverage: CoverageResult | null;
  /** The coverage figures by the other distance, for comparison; computed after `coverage`. */
  coverageCompare: Record<CoverageKind, CoverageFigure> | null;
  /** The dataset version `coverage` was computed for. */
  coverageFor: number;
  serviceArea: { kind: CoverageKind; facilityId: FeatureId; radius: number; area: GeoJSON.MultiLineString; point: [number, number] } | null;
  /** A request to the map to show these bounds; `n` makes repeated requests distinct. */
  zoomRequest: { bounds: [number, number, number, number]; n: number } | null;
  communityTableOpen: boolean;
  setSidebarTab(tab: SidebarTab): void;
  mapDrawn(version: number): void;
  setCoverageDistance(distance: DistanceMode): void;
  setCoverageKind(kind: CoverageKind): void;
  setRadius(kind: CoverageKind, metres: number): void;
  setCoverageTarget(kind: CoverageKind, share: number): void;
  resetCoverageSettings(): void;
  runCoverage(): Promise<void>;
  cancelCoverage(): void;
  showServiceArea(kind: CoverageKind, facilityId: FeatureId): Promise<void>;
  exportReport(): Promise<Report | null>;
  /** The monitoring and evaluation report for the current data, settings, fixes and siting proposal. */
  makeEvaluation(): Promise<Evaluation | null>;
  /** The whole dataset (with recorded water fixes) as a zipped contract folder. */
  exportDataset(): Promise<Uint8Array | null>;
  zoomTo(bounds: [number, number, number, number]): void;
  setCommunityTableOpen(open: boolean): void;
}

interface DrowningSlice {
  drowningBands: [number, number, number];
  /** Fixes recorded on water hazards, and the states before each, for undo. Saved with the dataset. */
  waterEdits: WaterEdits;
  editHistory: WaterEdits[];
  drowning: DrowningView | null;
  /** What `drowning` was computed for (dataset version, bands, edits). */
  drowningKey: string;
  selectedHazard: FeatureId | null;
  setDrowningBands(bands: [number, number, number]): void;
  recordFix(water: FeatureId, fixes: readonly Mitigation[], record?: FixRecord): void;
  undoFix(): void;
  runDrowning(): Promise<void>;
  selectHazard(id: FeatureId | null): void;
}

export type SitingJob =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; result: SitingView; options: SitingRunOptions }
  | { status: 'error'; message: string };

/** A proposal accepted into the data, with what it replaced, so it can be compared and undone. */
export interface AcceptedProposal {
  name: string;
  sites: string[];
  before: Indicator[];
  previous: { dataset: Dataset; report: ValidationReport };
}

/** The hand-editing tool: what a click on the map does while it is on. */
export interface EditTool {
  layer: EditableLayer;
  action: 'add' | 'move' | 'delete' | 'capacity';
  name: string;
  capacity: number | null;
  /** For `move`: the feature picked by the first click. */
  picked?: FeatureId;
}

interface SitesSlice {
  editTool: EditTool | null;
  setEditTool(tool: EditTool | null): void;
  /** A map click while the edit tool is on: returns true when it was used. */
  editAt(at: [number, number], hit: { layer: LayerName; id: FeatureId } | null): boolean;
  seats: KindergartenSeats | null;
  seatsKey: string;
  sitingJob: SitingJob;
  accepted: AcceptedProposal[];
  runSeats(): Promise<void>;
  runSiting(options: SitingRunOptions): Promise<void>;
  /** Children 3–5 within reach now, and at most with every candidate site open (shares 0–1). */
  sitingReach(options: Pick<SitingRunOptions, 'candidates' | 'spacing'>): Promise<{ before: number; max: number } | null>;
  acceptProposal(name: string): Promise<void>;
  undoProposal(): Promise<void>;
  /** Any change to the data as a scenario step (a development, a proposal): compared and undone like the others. */
  scenarioStep(name: string, dataset: Dataset): Promise<void>;
}

interface SettingsSlice extends SavedSettings {
  setLang(lang: Lang): void;
  setBasemapUrl(url: string): void;
  toggleLayer(layer: LayerName): void;
}

interface SelectionSlice {
  selected: { layer: LayerName; id: FeatureId } | null;
  select(selected: { layer: LayerName; id: FeatureId } | null): void;
}

interface PanelSlice {
  panel: Panel;
  /** The guide section to open at ("how is this computed"). */
  guideAnchor: 'methods' | null;
  openGuide(anchor?: 'methods'): void;
  /** Files dropped or picked, waiting in the import dialog. */
  pendingFiles: File[];
  openPanel(panel: Panel): void;
  openImport(files: File[]): void;
}

export type AppState = DatasetSlice & StorageSlice & SettingsSlice & SelectionSlice & PanelSlice & CoverageSlice & DrowningSlice & SitesSlice & ImportSlice & LandSlice & MonitorSlice & RoutesSlice;
type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];

const settingsOf = (s: AppState): SavedSettings => ({
  lang: s.lang, basemapUrl: s.basemapUrl, hiddenLayers: s.hiddenLayers,
  coverageDistance: s.coverageDistance, radii: s.radii, coverageTargets: s.coverageTargets, drowningBands: s.drowningBands,
  fieldMappings: s.fieldMappings, osmOptions: s.osmOptions, landSettings: s.landSettings, routeSettings: s.routeSettings,
});

export const drowningKey = (s: Pick<AppState, 'datasetVersion' | 'drowningBands' | 'waterEdits'>) => JSON.stringify([s.datasetVersion, s.drowningBands, s.waterEdits]);

const seatsKeyOf = (s: AppState) => JSON.stringify([s.datasetVersion, s.coverageDistance, s.radii.kindergarten]);

function sitesSlice(set: Set, get: Get): SitesSlice {
  const job = <T>(channel: string, call: Parameters<typeof runAnalysis<T>>[4]) => {
    const s = get();
    return runAnalysis(channel, s.datasetVersion, s.dataset!, s.report!, call);
  };
  /** Replaces the dataset with a scenario's, as a new version (saved, figures recomputed). */
  const replaceDataset = async (dataset: Dataset, report: ValidationReport) => {
    set((s) => ({ dataset, report, datasetVersion: s.datasetVersion + 1, selected: null, sitingJob: { status: 'idle' } }));
    const save = tracked(set, get);
    await save('dataset', () => persistence.saveDataset({ dataset, report, source: get().source ?? 'imported' }));
    await save('scenarios', () => persistence.saveScenarios(get().accepted));
  };
  /** One step of the scenario: a new dataset, with what it replaced kept for comparison and undo. */
  const step = async (name: string, sites: string[], dataset: Dataset) => {
    const s = get();
    set({ accepted: [...s.accepted, { name, sites, before: currentIndicators(s) ?? [], previous: { dataset: s.dataset!, report: s.report! } }] });
    await replaceDataset(dataset, s.report!);
  };
  const describe = (edit: FacilityEdit) =>
    edit.action === 'add' ? `+ ${edit.name || edit.layer}` : edit.action === 'move' ? `↔ ${String(edit.id)}` : edit.action === 'capacity' ? `${String(edit.id)} = ${edit.capacity ?? '?'}` : `− ${String(edit.id)}`;
  return {
    editTool: null,
    setEditTool: (editTool) => set({ editTool }),
    editAt(at, hit) {
      const s = get();
      if (s.routesClick(at) || s.addDevelopmentCorner(at)) return true;
      const tool = s.editTool;
      if (!tool || !s.dataset) return false;
      let edit: FacilityEdit | null = null;
      if (tool.action === 'add') edit = { action: 'add', layer: tool.layer, at, name: tool.name, capacity: tool.capacity };
      else if (tool.action === 'delete' && hit?.layer === tool.layer) edit = { action: 'delete', layer: tool.layer, id: hit.id };
      else if (tool.action === 'capacity' && hit?.layer === tool.layer) edit = { action: 'capacity', layer: tool.layer, id: hit.id, capacity: tool.capacity };
      else if (tool.action === 'move' && tool.picked === undefined && hit?.layer === tool.layer) {
        set({ editTool: { ...tool, picked: hit.id } });
        return true;
      } else if (tool.action === 'move' && tool.picked !== undefined) {
        edit = { action: 'move', layer: tool.layer, id: tool.picked, to: at };
        set({ editTool: { ...tool, picked: undefined } });
      }
      if (!edit) return true; // a click that does nothing in this mode still does not select
      void step(describe(edit), [], applyFacilityEdit(s.dataset, edit));
      return true;
    },
    seats: null,
    seatsKey: '',
    sitingJob: { status: 'idle' },
    accepted: [],
    async runSeats() {
      const s = get();
      if (!s.dataset || !s.report) return;
      const key = seatsKeyOf(s);
      try {
        const seats = await job('seats', (api) => api.seats(s.coverageDistance, currentTargets(s)));
        set({ seats, seatsKey: key });
      } catch (e) {
        if (!(e instanceof JobCancelled)) set({ analysisJob: { status: 'error', message: e instanceof Error ? e.message : String(e) } });
      }
    },
    async sitingReach(options) {
      const s = get();
      if (!s.dataset || !s.report) return null;
      try {
        return await job('siting-reach', (api) => api.sitingReach(options, s.coverageDistance, currentTargets(s)));
      } catch {
        return null;
      }
    },
    async runSiting(options) {
      const s = get();
      if (!s.dataset || !s.report) return;
      set({ sitingJob: { status: 'running' } });
      try {
        const result = await job('siting', (api) => api.site(options, s.coverageDistance, currentTargets(s)));
        set({ sitingJob: { status: 'done', result, options } });
      } catch (e) {
        if (e instanceof JobCancelled) set({ sitingJob: { status: 'idle' } });
        else set({ sitingJob: { status: 'error', message: e instanceof Error ? e.message : String(e) } });
      }
    },
    async acceptProposal(name) {
      const s = get();
      if (s.sitingJob.status !== 'done' || !s.dataset || !s.report) return;
      const chosen = new Set(s.sitingJob.result.chosen.map((c) => String(c.id)));
      const candidates = [...(s.dataset.layers.candidates?.features ?? []), ...s.sitingJob.result.generated];
      // Each chosen site becomes a kindergarten with the places reserved for it.
      const built: ContractFeature[] = candidates.filter((c) => chosen.has(String(c.id))).map((c) => ({
        ...c,
        properties: { ...c.properties, name: (c.properties.name as string | undefined) ?? `新建幼儿园 ${String(c.id)}`, proposal: name },
      }));
      const layers = { ...s.dataset.layers };
      layers.kindergartens = { type: 'FeatureCollection', features: [...(layers.kindergartens?.features ?? []), ...built] };
      if (layers.candidates) layers.candidates = { type: 'FeatureCollection', features: layers.candidates.features.filter((c) => !chosen.has(String(c.id))) };
      await step(name, [...chosen], { ...s.dataset, layers });
    },
    scenarioStep: (name, dataset) => step(name, [], dataset),
    async undoProposal() {
      const last = get().accepted.at(-1);
      if (!last) return;
      set((s) => ({ accepted: s.accepted.slice(0, -1) }));
      await replaceDataset(last.previous.dataset, last.previous.report);
    },
  };
}

function drowningSlice(set: Set, get: Get): DrowningSlice {
  const save = tracked(set, get);
  const saveEdits = () => void save('edits', () => persistence.saveEdits({ edits: get().waterEdits, history: get().editHistory }));
  return {
    drowningBands: [...DEFAULT_TARGETS.drowning.bands_m] as [number, number, number],
    waterEdits: {},
    editHistory: [],
    drowning: null,
    drowningKey: '',
    selectedHazard: null,
    setDrowningBands: (drowningBands) => set({ drowningBands }),
    recordFix(water, fixes, record) {
      const s = get();
      const key = String(water);
      const fix = { ...s.waterEdits[key] };
      for (const m of fixes) fix[m] = true;
      if (record) fix.recorded = record;
      set({ waterEdits: { ...s.waterEdits, [key]: fix }, editHistory: [...s.editHistory, s.waterEdits] });
      saveEdits();
    },
    undoFix() {
      const s = get();
      if (s.editHistory.length === 0) return;
      set({ waterEdits: s.editHistory[s.editHistory.length - 1]!, editHistory: s.editHistory.slice(0, -1) });
      saveEdits();
    },
    async runDrowning() {
      const s = get();
      if (!s.dataset || !s.report) return;
      const key = drowningKey(s);
      try {
        const view = await runAnalysis('drowning', s.datasetVersion, s.dataset, s.report, (api) => api.drowning(s.drowningBands, s.waterEdits));
        set({ drowning: view, drowningKey: key });
      } catch (e) {
        if (!(e instanceof JobCancelled)) set({ analysisJob: { status: 'error', message: e instanceof Error ? e.message : String(e) } });
      }
    },
    selectHazard(id) {
      set({ selectedHazard: id });
      const s = get();
      if (id === null) return;
      s.select({ layer: 'water', id });
      const w = s.dataset?.layers.water?.features.find((f) => f.id === id);
      const ring = s.drowning?.rings.features.filter((f) => f.properties?.water === id && f.properties?.band === 'low');
      const target = ring && ring.length > 0 ? ring[0]! : w;
      if (target) s.zoomTo(bbox(target as never) as [number, number, number, number]);
    },
  };
}

const defaultCoverageTargets = () =>
  Object.fromEntries(COVERAGE_KINDS.map((k) => [k, DEFAULT_TARGETS.indicators[`coverage.${k}`]?.target ?? 1])) as Record<CoverageKind, number>;

/** The shipped targets with the planner's own radii and coverage targets over them. */
export function currentTargets(s: Pick<AppState, 'radii' | 'coverageTargets'> & Partial<Pick<AppState, 'drowningBands' | 'landSettings' | 'routeSettings'>>): Targets {
  const indicators = { ...DEFAULT_TARGETS.indicators };
  for (const k of COVERAGE_KINDS) indicators[`coverage.${k}`] = { ...indicators[`coverage.${k}`]!, target: s.coverageTargets[k] };
  const edited = COVERAGE_KINDS.some((k) => s.radii[k] !== DEFAULT_TARGETS.radii_m[k] || s.coverageTargets[k] !== defaultCoverageTargets()[k]);
  const bands = s.drowningBands ?? DEFAULT_TARGETS.drowning.bands_m;
  const bandsEdited = bands.some((b, i) => b !== DEFAULT_TARGETS.drowning.bands_m[i]);
  // Land settings are checked as a target file would be; saved ones were checked on loading.
  const land = s.landSettings && Object.keys(s.landSettings).length > 0 ? parseTargets({ land_allocation: s.landSettings }) : null;
  const routes = s.routeSettings && Object.keys(s.routeSettings).length > 0 ? parseTargets({ school_routes: s.routeSettings }) : null;
  return {
    ...DEFAULT_TARGETS,
    id: edited || bandsEdited || (land?.ok ?? false) || (routes?.ok ?? false) ? `${DEFAULT_TARGETS.id}+edited` : DEFAULT_TARGETS.id,
    radii_m: { ...s.radii },
    indicators,
    drowning: { risk_distance_m: bands[2]!, bands_m: [...bands] },
    land_allocation: land?.ok ? land.targets.land_allocation : DEFAULT_TARGETS.land_allocation,
    school_routes: routes?.ok ? routes.targets.school_routes : DEFAULT_TARGETS.school_routes,
  };
}

function coverageSlice(set: Set, get: Get): CoverageSlice {
  const job = async <T>(channel: string, call: Parameters<typeof runAnalysis<T>>[4]): Promise<T | null> => {
    const s = get();
    if (!s.dataset || !s.report) return null;
    return runAnalysis(channel, s.datasetVersion, s.dataset, s.report, call);
  };
  return {
    sidebarTab: 'layers',
    mapDrawnFor: -1,
    coverageDistance: 'network',
    coverageKind: 'kindergarten',
    radii: { ...DEFAULT_TARGETS.radii_m },
    coverageTargets: defaultCoverageTargets(),
    analysisJob: { status: 'idle' },
    coverage: null,
    coverageCompare: null,
    coverageFor: -1,
    serviceArea: null,
    zoomRequest: null,
    communityTableOpen: false,
    setSidebarTab: (sidebarTab) => set({ sidebarTab }),
    mapDrawn: (mapDrawnFor) => set({ mapDrawnFor }),
    setCoverageDistance: (coverageDistance) => set({ coverageDistance, serviceArea: null }),
    setCoverageKind: (coverageKind) => set({ coverageKind, serviceArea: null }),
    setRadius: (kind, metres) => set((s) => ({ radii: { ...s.radii, [kind]: metres }, serviceArea: null })),
    setCoverageTarget: (kind, share) => set((s) => ({ coverageTargets: { ...s.coverageTargets, [kind]: share } })),
    resetCoverageSettings: () => set({ radii: { ...DEFAULT_TARGETS.radii_m }, coverageTargets: defaultCoverageTargets(), serviceArea: null }),
    async runCoverage() {
      const s = get();
      if (!s.dataset) return;
      const version = s.datasetVersion;
      const settings = { distance: s.coverageDistance, targets: currentTargets(s), edits: s.waterEdits };
      set({ analysisJob: { status: 'running', stage: '', progress: 0 }, coverageCompare: null });
      try {
        const result = await job('coverage', (api) => api.coverage(settings, proxy((progress: number, stage: string) => {
          if (get().analysisJob.status === 'running') set({ analysisJob: { status: 'running', stage, progress } });
        })));
        if (!result) return;
        set({ coverage: result, coverageFor: version, analysisJob: { status: 'idle' } });
        const compare = await job('coverage-compare', (api) => api.compareFigures(settings));
        if (get().coverage === result) set({ coverageCompare: compare });
      } catch (e) {
        if (e instanceof JobCancelled) return; // a newer run, or the planner's cancel, owns the state now
        set({ analysisJob: { status: 'error', message: e instanceof Error ? e.message : String(e) } });
      }
    },
    cancelCoverage() {
      cancelAnalysis();
      set({ analysisJob: { status: 'idle' } });
    },
    async showServiceArea(kind, facilityId) {
      const s = get();
      const radius = s.radii[kind];
      try {
        const found = await job('service-area', (api) => api.serviceArea(kind, facilityId, radius, currentTargets(s)));
        set({ serviceArea: found ? { kind, facilityId, radius, area: found.area, point: found.point } : null });
      } catch (e) {
        if (!(e instanceof JobCancelled)) set({ analysisJob: { status: 'error', message: e instanceof Error ? e.message : String(e) } });
      }
    },
    exportReport: () => {
      const s = get();
      return job('export', (api) => api.report({ distance: s.coverageDistance, targets: currentTargets(s), edits: s.waterEdits }));
    },
    makeEvaluation: () => {
      const s = get();
      const done = s.sitingJob.status === 'done' ? s.sitingJob : null;
      const siting = done ? { chosen: done.result.chosen, before: done.result.before, after: done.result.after, radius: s.radii.kindergarten } : null;
      const date = new Date().toISOString().slice(0, 10);
      // The trend section when the monitoring years have been compared for the data as it is now.
      const monitoring = s.monitoring && s.monitoringKey === monitoringKeyOf(s) ? s.monitoring : null;
      return job('evaluation', (api) => api.evaluation({ distance: s.coverageDistance, targets: currentTargets(s), edits: s.waterEdits }, s.lang, date, siting, monitoring));
    },
    exportDataset: () => job('export-dataset', (api) => api.exportDataset(get().waterEdits)),
    zoomTo: (bounds) => set((s) => ({ zoomRequest: { bounds, n: (s.zoomRequest?.n ?? 0) + 1 } })),
    setCommunityTableOpen: (communityTableOpen) => set({ communityTableOpen }),
  };
}

function settingsSlice(set: Set): SettingsSlice {
  return {
    lang: 'zh',
    basemapUrl: '',
    hiddenLayers: [],
    setLang: (lang) => set({ lang }),
    setBasemapUrl: (basemapUrl) => set({ basemapUrl }),
    toggleLayer: (layer) =>
      set((s) => ({ hiddenLayers: s.hiddenLayers.includes(layer) ? s.hiddenLayers.filter((l) => l !== layer) : [...s.hiddenLayers, layer] })),
  };
}

const selectionSlice = (set: Set, get: Get): SelectionSlice => ({
  selected: null,
  select: (selected) => {
    set({ selected });
    // In the drowning view, water clicked on the map is the register's row too.
    if (selected?.layer === 'water' && get().sidebarTab === 'drowning' && get().selectedHazard !== selected.id) set({ selectedHazard: selected.id });
    // In the coverage view, clicking a facility of the kind on show draws its walking service area.
    const s = get();
    if (selected && s.sidebarTab === 'coverage' && COVERAGE_LAYER[s.coverageKind] === selected.layer) void s.showServiceArea(s.coverageKind, selected.id);
  },
});

const panelSlice = (set: Set): PanelSlice => ({
  panel: 'none',
  guideAnchor: null,
  openGuide: (anchor) => set({ panel: 'guide', guideAnchor: anchor ?? null }),
  pendingFiles: [],
  openPanel: (panel) => set({ panel }),
  openImport: (files) => set({ panel: 'import', pendingFiles: files }),
});

export function createAppStore(): StoreApi<AppState> {
  const store = createStore<AppState>()((set, get) => ({
    ...datasetSlice(set, get, cancelJob),
    ...storageSlice(set),
    ...settingsSlice(set),
    ...selectionSlice(set, get),
    ...panelSlice(set),
    ...importSlice(set, get),
    ...coverageSlice(set, get),
    ...drowningSlice(set, get),
    ...sitesSlice(set, get),
    ...landSlice(set, get),
    ...monitorSlice(set, get),
    ...routesSlice(set, get),
  }));
  /**
   * Each analysis view follows what its figures depend on: while `open(state)` holds, a change of
   * `key(state)` reruns it (after `delay` ms, so typing a radius does not start a run per keystroke).
   */
  const follow = (open: (s: AppState) => boolean, key: (s: AppState) => string, rerun: () => void, delay = 0) => {
    let requested = '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    store.subscribe((s) => {
      if (!open(s) || !s.dataset) return;
      const k = key(s);
      if (k === requested) return;
      requested = k;
      clearTimeout(timer);
      if (delay > 0) timer = setTimeout(rerun, delay);
      else rerun();
    });
  };
  store.subscribe((s, before) => {
    // Once the map has drawn a new dataset, not before: on two cores the distances would slow the drawing.
    if (s.mapDrawnFor !== before.mapDrawnFor && s.mapDrawnFor === s.datasetVersion && s.dataset && s.report) prepareAnalysis(s.datasetVersion, s.dataset, s.report, s.coverageDistance, currentTargets(s));
  });
  follow((s) => s.sidebarTab === 'sites', seatsKeyOf, () => void store.getState().runSeats());
  follow((s) => s.sidebarTab === 'drowning', drowningKey, () => void store.getState().runDrowning());
  follow((s) => s.sidebarTab === 'monitor', monitoringKeyOf, () => void store.getState().runMonitoring());
  // School routes are found when their view is open (after the figures the other views show).
  follow((s) => s.sidebarTab === 'routes', routesKeyOf, () => void store.getState().runRoutes(), 120);
  follow(
    (s) => s.sidebarTab !== 'layers',
    (s) => JSON.stringify([s.datasetVersion, s.coverageDistance, s.radii, s.coverageTargets, s.waterEdits, s.drowningBands, s.landSettings, s.routeSettings]),
    () => void store.getState().runCoverage(),
    120,
  );
  // Settings are saved whenever they change; the dataset is saved by the load that produced it.
  let last = JSON.stringify(settingsOf(store.getState()));
  store.subscribe((s) => {
    const now = JSON.stringify(settingsOf(s));
    if (now !== last) {
      last = now;
      void tracked(store.setState, store.getState)('settings', () => persistence.saveSettings(settingsOf(s)));
    }
  });
  return store;
}

export const appStore = createAppStore();

declare global {
  interface Window {
    /** For browser tests and the browser benchmark: the live store. */
    __plannerStore?: StoreApi<AppState>;
  }
}
if (typeof window !== 'undefined') window.__plannerStore = appStore;

export function useAppStore<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector);
}
