/**
 * The loaded dataset: loading through the worker, restoring what was saved, and undoing an import.
 * Whatever happens in the worker, the dataset already on the map is kept until a usable new one has
 * arrived; a layer is replaced only by one with features, and every import can be undone.
 */
import type { StoreApi } from 'zustand';
import { isDatasetDescription } from '../core/layers';
import { appendLayers, combineImport, type CombinedImport, type LayerChange } from '../core/import/mergeImport';
import type { Dataset, ValidationReport } from '../core/types';
import { JobCancelled, loadInWorker, type FileSource, type ImportRequest } from '../worker/client';
import { rememberLayerBytes } from '../worker/layerBytes';
import type { AcceptedProposal, AppState } from './appStore';
import { persistence } from './persistence';
import { SAMPLE_NAME, sampleSources } from './sampleDataset';
import { tracked } from './storageSlice';
import { checkEdits, checkSavedDataset, checkScenarios, checkSettings, checkYears, type Dropped } from './storedState';
import type { WaterEdits } from '../core/scenario';

export type LoadJob =
  | { status: 'idle' }
  | { status: 'running'; stage: 'reading' | 'converting' | 'validating'; progress: number; file: string }
  | { status: 'error'; message: string }
  | { status: 'cancelled' };

export type ImportMode = 'replace' | 'merge';

/** What the last import changed, and what it replaced (kept in memory for undo). */
export interface ImportOutcome {
  changes: LayerChange[];
  previous: { dataset: Dataset; report: ValidationReport; source: 'sample' | 'imported'; waterEdits: WaterEdits; editHistory: WaterEdits[]; accepted: AcceptedProposal[] } | null;
}

/** A merge that would shrink loaded layers, held until the planner says replace, append or cancel. */
export interface PendingImport {
  combined: CombinedImport;
  shrinking: LayerChange[];
  origin: 'sample' | 'imported';
}

export interface DatasetSlice {
  dataset: Dataset | null;
  /** The report of the last load (which may have been unusable while the old dataset stays). */
  report: ValidationReport | null;
  source: 'sample' | 'imported' | null;
  /** Bumped whenever `dataset` changes, so views can skip work when nothing changed. */
  datasetVersion: number;
  /**
   * Bumped when a different dataset arrives (a load, an import, its undo, a restore) — not for a
   * scenario step or an edit: the map frames the data anew only then, and otherwise keeps its view.
   */
  datasetLoads: number;
  job: LoadJob;
  lastImport: ImportOutcome | null;
  pendingImport: PendingImport | null;
  /** The planner's answer to a merge that would shrink layers. */
  resolvePendingImport(choice: 'replace' | 'append' | 'cancel'): Promise<void>;
  restore(): Promise<void>;
  loadSample(): Promise<void>;
  importFiles(sources: FileSource[], mode: ImportMode): Promise<void>;
  /** Loads an import request (files, OpenStreetMap extracts, mapped layers) through the worker. */
  loadRequest(request: ImportRequest, mode: ImportMode, fallbackName: string): Promise<void>;
  /** Puts back the dataset the last import replaced (with its fixes and scenario steps). */
  undoImport(): Promise<void>;
  /** Makes a dataset already loaded (a monitoring year) the current one, as an import would (undoable). */
  openDataset(dataset: Dataset, report: ValidationReport): Promise<void>;
  dismissImportOutcome(): void;
  resetToSample(): Promise<void>;
  cancelLoad(): void;
  dismissJob(): void;
}

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];

export function datasetSlice(set: Set, get: Get, cancelJob: () => void): DatasetSlice {
  const save = tracked(set, get);
  /** The dataset and everything saved with it, after a new one arrived or an old one came back. */
  const saveAll = async () => {
    const s = get();
    if (!s.dataset || !s.report) return;
    await save('dataset', () => persistence.saveDataset({ dataset: s.dataset!, report: s.report!, source: s.source ?? 'imported' }));
    await save('edits', () => persistence.saveEdits({ edits: s.waterEdits, history: s.editHistory }));
    await save('scenarios', () => persistence.saveScenarios(s.accepted));
  };

  let latestRun = 0;
  async function run(request: ImportRequest, fallbackName: string, mode: ImportMode, origin: 'sample' | 'imported') {
    const { sources } = request;
    // Only the latest load may touch the state; progress messages can also trail its result.
    const runId = ++latestRun;
    let finished = false;
    set({ job: { status: 'running', stage: 'reading', progress: 0, file: sources[0]?.name ?? request.mapped?.[0]?.raw.source ?? '' } });
    try {
      const { layerBytes, ...result } = await loadInWorker(request, fallbackName, (stage, progress, file) => {
        if (!finished && runId === latestRun) set({ job: { status: 'running', stage, progress, file } });
      });
      finished = true;
      if (runId !== latestRun) return;
      rememberLayerBytes(result.dataset, layerBytes);
      const previous = get();
      if (!result.report.usable) {
        // Nothing usable: show why, keep what the planner already had.
        set({ report: result.report, job: { status: 'idle' }, panel: origin === 'imported' ? 'report' : previous.panel });
        return;
      }
      const takeMeta = sources.some(isDatasetDescription) || sources.some((f) => f.layer === 'osm' || /\.zip$/i.test(f.name));
      const combined = combineImport(previous.dataset, previous.report, result, previous.dataset ? mode : 'replace', takeMeta);
      const shrinking = combined.changes.filter((c) => !c.kept && c.after < c.before);
      if (mode === 'merge' && previous.dataset && shrinking.length > 0) {
        // Asked before anything changes: replace the layer, add to it, or keep things as they are.
        set({ pendingImport: { combined, shrinking, origin }, report: combined.report, job: { status: 'idle' } });
        return;
      }
      await apply(combined, origin);
    } catch (e) {
      finished = true;
      if (runId !== latestRun) return;
      if (e instanceof JobCancelled) set({ job: { status: 'cancelled' } });
      else set({ job: { status: 'error', message: e instanceof Error ? e.message : String(e) } });
    }
  }

  /** Puts a combined import in force, keeping what it replaced for undo. */
  async function apply({ dataset, report, changes }: CombinedImport, origin: 'sample' | 'imported') {
    const previous = get();
    const before = previous.dataset && previous.report
      ? { dataset: previous.dataset, report: previous.report, source: previous.source ?? 'imported', waterEdits: previous.waterEdits, editHistory: previous.editHistory, accepted: previous.accepted }
      : null;
    set({
      dataset,
      report,
      source: origin,
      datasetVersion: previous.datasetVersion + 1,
      datasetLoads: previous.datasetLoads + 1,
      selected: null,
      selectedHazard: null,
      // Fixes and accepted proposals belong to the old data: a new dataset starts without them.
      waterEdits: {},
      accepted: [],
      sitingJob: { status: 'idle' },
      editHistory: [],
      job: { status: 'idle' },
      lastImport: origin === 'imported' ? { changes, previous: before } : null,
      pendingImport: null,
      panel: origin === 'imported' ? 'report' : previous.panel,
    });
    // Saving copies the whole dataset on this thread: in a task of its own, after the map has had a frame.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await saveAll();
  }

  return {
    dataset: null,
    report: null,
    source: null,
    datasetVersion: 0,
    datasetLoads: 0,
    job: { status: 'idle' },
    lastImport: null,
    pendingImport: null,
    async resolvePendingImport(choice) {
      const pending = get().pendingImport;
      if (!pending) return;
      if (choice === 'cancel') {
        set({ pendingImport: null });
        return;
      }
      const previous = get().dataset!;
      await apply(choice === 'append' ? appendLayers(previous, pending.combined, pending.shrinking.map((c) => c.layer)) : pending.combined, pending.origin);
    },
    async restore() {
      const dropped: Dropped = [];
      const [rawSettings, rawSaved] = await Promise.all([persistence.loadSettings(), persistence.loadDataset()]);
      const settings = checkSettings(rawSettings, dropped);
      const s = get();
      set({
        ...(settings.lang ? { lang: settings.lang } : {}),
        ...(settings.basemapUrl !== undefined ? { basemapUrl: settings.basemapUrl } : {}),
        ...(settings.hiddenLayers ? { hiddenLayers: settings.hiddenLayers } : {}),
        ...(settings.radii ? { radii: { ...s.radii, ...settings.radii } } : {}),
        ...(settings.coverageTargets ? { coverageTargets: { ...s.coverageTargets, ...settings.coverageTargets } } : {}),
        ...(settings.coverageDistance ? { coverageDistance: settings.coverageDistance } : {}),
        ...(settings.drowningBands ? { drowningBands: settings.drowningBands } : {}),
        ...(settings.fieldMappings ? { fieldMappings: settings.fieldMappings } : {}),
        ...(settings.osmOptions ? { osmOptions: { ...s.osmOptions, ...settings.osmOptions } } : {}),
        ...(settings.landSettings ? { landSettings: settings.landSettings } : {}),
        ...(settings.routeSettings ? { routeSettings: settings.routeSettings } : {}),
      });
      const saved = checkSavedDataset(rawSaved, dropped);
      set({ monitorYears: checkYears(await persistence.loadYears(), dropped) });
      if (saved) {
        const edits = checkEdits(await persistence.loadEdits(), dropped);
        const scenarios = checkScenarios(await persistence.loadScenarios(), dropped);
        set({ dataset: saved.dataset, report: saved.report, source: saved.source, datasetVersion: get().datasetVersion + 1, datasetLoads: get().datasetLoads + 1, accepted: scenarios ?? [], waterEdits: edits?.edits ?? {}, editHistory: edits?.history ?? [] });
      }
      if (dropped.length > 0) set({ restoreDropped: dropped });
      if (!saved) await get().loadSample();
      // What was dropped is not written back until the planner changes something: the stored copy
      // stays for the backup the error page offers.
    },
    loadSample: () => run({ sources: sampleSources() }, SAMPLE_NAME, 'replace', 'sample'),
    importFiles: (sources, mode) => run({ sources }, sources.length === 1 ? sources[0]!.name : 'imported', mode, 'imported'),
    loadRequest: (request, mode, fallbackName) => run(request, fallbackName, mode, 'imported'),
    async openDataset(dataset, report) {
      const previous = get();
      await apply(combineImport(previous.dataset, previous.report, { dataset, report }, 'replace', true), 'imported');
      // Not an import the planner made: no validation report pops up.
      set({ panel: previous.panel });
    },
    async undoImport() {
      const previous = get().lastImport?.previous;
      if (!previous) return;
      set((s) => ({ ...previous, datasetVersion: s.datasetVersion + 1, datasetLoads: s.datasetLoads + 1, selected: null, selectedHazard: null, sitingJob: { status: 'idle' }, lastImport: null }));
      await saveAll();
    },
    dismissImportOutcome: () => set({ lastImport: null }),
    async resetToSample() {
      await persistence.clearDataset().catch(() => undefined);
      await get().loadSample();
    },
    cancelLoad: cancelJob,
    dismissJob: () => set({ job: { status: 'idle' } }),
  };
}
