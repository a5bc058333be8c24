/**
 * The app's state: one Zustand store built from slices that keep their actions beside their state.
 * Loading goes through the worker; whatever happens there, the dataset already on the map is kept
 * until a usable new one has arrived.
 */
import { createStore, useStore, type StoreApi } from 'zustand';
import type { Dataset, FeatureId, ValidationReport } from '../core/types';
import { isDatasetDescription, type LayerName } from '../core/layers';
import type { Lang } from '../core/messages';
import { cancelJob, JobCancelled, loadInWorker, type FileSource } from '../worker/client';
import { persistence, type SavedSettings } from './persistence';
import { SAMPLE_NAME, sampleSources } from './sampleDataset';

export type LoadJob =
  | { status: 'idle' }
  | { status: 'running'; stage: 'reading' | 'validating'; progress: number; file: string }
  | { status: 'error'; message: string }
  | { status: 'cancelled' };

export type ImportMode = 'replace' | 'merge';
export type Panel = 'none' | 'import' | 'report' | 'settings';

interface DatasetSlice {
  dataset: Dataset | null;
  /** The report of the last load (which may have been unusable while the old dataset stays). */
  report: ValidationReport | null;
  source: 'sample' | 'imported' | null;
  /** Bumped whenever `dataset` changes, so views can skip work when nothing changed. */
  datasetVersion: number;
  job: LoadJob;
  restore(): Promise<void>;
  loadSample(): Promise<void>;
  importFiles(sources: FileSource[], mode: ImportMode): Promise<void>;
  resetToSample(): Promise<void>;
  cancelLoad(): void;
  dismissJob(): void;
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
  /** Files dropped or picked, waiting in the import dialog. */
  pendingFiles: File[];
  openPanel(panel: Panel): void;
  openImport(files: File[]): void;
}

export type AppState = DatasetSlice & SettingsSlice & SelectionSlice & PanelSlice;
type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];

const settingsOf = (s: AppState): SavedSettings => ({ lang: s.lang, basemapUrl: s.basemapUrl, hiddenLayers: s.hiddenLayers });

function datasetSlice(set: Set, get: Get): DatasetSlice {
  let latestRun = 0;
  async function run(sources: FileSource[], fallbackName: string, mode: ImportMode, origin: 'sample' | 'imported') {
    // Only the latest load may touch the state; progress messages can also trail its result.
    const runId = ++latestRun;
    let finished = false;
    set({ job: { status: 'running', stage: 'reading', progress: 0, file: sources[0]?.name ?? '' } });
    try {
      const result = await loadInWorker(sources, fallbackName, (stage, progress, file) => {
        if (!finished && runId === latestRun) set({ job: { status: 'running', stage, progress, file } });
      });
      finished = true;
      if (runId !== latestRun) return;
      const previous = get();
      if (!result.report.usable) {
        // Nothing usable: show why, keep what the planner already had.
        set({ report: result.report, job: { status: 'idle' }, panel: origin === 'imported' ? 'report' : previous.panel });
        return;
      }
      let { dataset, report } = result;
      if (mode === 'merge' && previous.dataset) {
        const hasMeta = sources.some(isDatasetDescription);
        dataset = { meta: hasMeta ? dataset.meta : previous.dataset.meta, layers: { ...previous.dataset.layers, ...dataset.layers } };
        report = { ...report, layers: { ...previous.report?.layers, ...report.layers } };
      }
      set({
        dataset,
        report,
        source: origin,
        datasetVersion: previous.datasetVersion + 1,
        selected: null,
        job: { status: 'idle' },
        panel: origin === 'imported' ? 'report' : previous.panel,
      });
      await persistence.saveDataset({ dataset, report, source: origin }).catch(() => undefined);
    } catch (e) {
      finished = true;
      if (runId !== latestRun) return;
      if (e instanceof JobCancelled) set({ job: { status: 'cancelled' } });
      else set({ job: { status: 'error', message: e instanceof Error ? e.message : String(e) } });
    }
  }

  return {
    dataset: null,
    report: null,
    source: null,
    datasetVersion: 0,
    job: { status: 'idle' },
    async restore() {
      const [settings, saved] = await Promise.all([persistence.loadSettings(), persistence.loadDataset()]);
      if (settings) set({ lang: settings.lang, basemapUrl: settings.basemapUrl, hiddenLayers: settings.hiddenLayers });
      if (saved) {
        set({ dataset: saved.dataset, report: saved.report, source: saved.source, datasetVersion: get().datasetVersion + 1 });
      } else {
        await get().loadSample();
      }
    },
    loadSample: () => run(sampleSources(), SAMPLE_NAME, 'replace', 'sample'),
    importFiles: (sources, mode) => run(sources, sources.length === 1 ? sources[0]!.name : 'imported', mode, 'imported'),
    async resetToSample() {
      await persistence.clearDataset().catch(() => undefined);
      await get().loadSample();
    },
    cancelLoad: cancelJob,
    dismissJob: () => set({ job: { status: 'idle' } }),
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

const selectionSlice = (set: Set): SelectionSlice => ({ selected: null, select: (selected) => set({ selected }) });

const panelSlice = (set: Set): PanelSlice => ({
  panel: 'none',
  pendingFiles: [],
  openPanel: (panel) => set({ panel }),
  openImport: (files) => set({ panel: 'import', pendingFiles: files }),
});

export function createAppStore(): StoreApi<AppState> {
  const store = createStore<AppState>()((set, get) => ({
    ...datasetSlice(set, get),
    ...settingsSlice(set),
    ...selectionSlice(set),
    ...panelSlice(set),
  }));
  // Settings are saved whenever they change; the dataset is saved by the load that produced it.
  let last = JSON.stringify(settingsOf(store.getState()));
  store.subscribe((s) => {
    const now = JSON.stringify(settingsOf(s));
    if (now !== last) {
      last = now;
      void persistence.saveSettings(settingsOf(s)).catch(() => undefined);
    }
  });
  return store;
}

export const appStore = createAppStore();

export function useAppStore<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector);
}
