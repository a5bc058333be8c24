/**
 * Monitoring years: datasets of the same district in earlier years, kept beside the current one (in
 * the browser's store, under their own key), and the monitoring report computed over all of them with
 * the current dataset as its year. Adding, renaming and deleting a year is saved at once; a refused
 * save is said like any other (StorageBanner) and nothing in memory is lost.
 */
import type { StoreApi } from 'zustand';
import type { MonitoringReport } from '../core/monitoring/monitor';
import type { Dataset, ValidationReport } from '../core/types';
import { JobCancelled, loadInWorker, runAnalysis } from '../worker/client';
import type { WaterEdits } from '../core/scenario';
import type { AcceptedProposal, AppState } from './appStore';
import { currentTargets } from './appStore';
import { persistence } from './persistence';
import { SAMPLE_YEAR_SOURCES } from './sampleDataset';
import { tracked } from './storageSlice';

export interface MonitorYear {
  id: string;
  label: string;
  year: number;
  dataset: Dataset;
  report: ValidationReport;
  /** The year's own scenario steps and recorded water fixes: a scenario belongs to its year. */
  accepted?: AcceptedProposal[];
  waterEdits?: WaterEdits;
}

export interface MonitorSlice {
  /** Earlier (or other) years; the current dataset is always a year of its own on top. */
  monitorYears: MonitorYear[];
  monitoring: MonitoringReport | null;
  /** What `monitoring` was computed for. */
  monitoringKey: string;
  /** The pair of years whose changes the map shows, by index into `monitoring.changes`. */
  changeIndex: number;
  monitorMessage: string | null;
  /** Keeps a copy of the current dataset as a monitoring year (its dataset.json year, or the one given). */
  keepCurrentAsYear(year?: number): Promise<void>;
  /** The sample's 2021 and 2023, for the Tiexi sample. */
  addSampleYears(): Promise<void>;
  renameYear(id: string, label: string): Promise<void>;
  /** Makes a kept year the current dataset; the current one is kept as its year first, so nothing is lost. */
  openYear(id: string): Promise<void>;
  deleteYear(id: string): Promise<void>;
  setChangeIndex(i: number): void;
  runMonitoring(): Promise<void>;
}

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];

export const monitoringKeyOf = (s: AppState) => JSON.stringify([s.datasetVersion, s.monitorYears.map((y) => [y.id, y.year, y.label]), s.coverageDistance, s.radii, s.coverageTargets, s.landSettings, s.routeSettings]);

/** The years the report runs over: the kept ones, and the current dataset as its own year (it wins a tie). */
export function yearsForMonitoring(s: Pick<AppState, 'monitorYears' | 'dataset' | 'report'>): { year: number; label: string; dataset: Dataset; report: ValidationReport }[] {
  const current = s.dataset && s.report && s.dataset.meta.year !== null ? [{ year: s.dataset.meta.year, label: s.dataset.meta.name, dataset: s.dataset, report: s.report }] : [];
  const kept = s.monitorYears.filter((y) => !current.some((c) => c.year === y.year));
  return [...kept, ...current].sort((a, b) => a.year - b.year);
}

export const monitorSlice = (set: Set, get: Get): MonitorSlice => {
  const save = (years: MonitorYear[]) => tracked(set, get)('years', () => persistence.saveYears(years));
  const put = async (years: MonitorYear[]) => {
    const sorted = [...years].sort((a, b) => a.year - b.year);
    set({ monitorYears: sorted });
    await save(sorted);
  };
  return {
    monitorYears: [],
    monitoring: null,
    monitoringKey: '',
    changeIndex: 0,
    monitorMessage: null,
    async keepCurrentAsYear(year) {
      const s = get();
      if (!s.dataset || !s.report) return;
      const y = year ?? s.dataset.meta.year;
      if (y === null || y === undefined || !Number.isInteger(y)) {
        set({ monitorMessage: 'noYear' });
        return;
      }
      const dataset = { ...s.dataset, meta: { ...s.dataset.meta, year: y } };
      const entry: MonitorYear = { id: `${y}-${Date.now().toString(36)}`, label: s.dataset.meta.name, year: y, dataset, report: s.report, accepted: s.accepted, waterEdits: s.waterEdits };
      set({ monitorMessage: null });
      // One dataset per year: a year kept again replaces the earlier copy.
      await put([...s.monitorYears.filter((m) => m.year !== y), entry]);
    },
    async addSampleYears() {
      const loaded: MonitorYear[] = [];
      for (const { year, sources } of SAMPLE_YEAR_SOURCES) {
        const r = await loadInWorker({ sources }, `tiexi-${year}`, () => undefined);
        loaded.push({ id: `sample-${year}`, label: r.dataset.meta.name, year, dataset: r.dataset, report: r.report });
      }
      await put([...get().monitorYears.filter((m) => !loaded.some((l) => l.year === m.year)), ...loaded]);
    },
    async renameYear(id, label) {
      await put(get().monitorYears.map((m) => (m.id === id ? { ...m, label } : m)));
    },
    async openYear(id) {
      const s = get();
      const target = s.monitorYears.find((m) => m.id === id);
      if (!target) return;
      // The current year is kept first, with its scenario steps and fixes (or they are updated in its entry).
      const current = s.dataset?.meta.year;
      if (s.dataset && current !== null && current !== undefined) {
        const kept = s.monitorYears.find((m) => m.year === current);
        if (!kept) await get().keepCurrentAsYear();
        else await put(s.monitorYears.map((m) => (m === kept ? { ...m, accepted: s.accepted, waterEdits: s.waterEdits } : m)));
      }
      await get().openDataset(target.dataset, target.report);
      // The opened year comes back with its own steps and fixes.
      set({ accepted: target.accepted ?? [], waterEdits: target.waterEdits ?? {} });
      const after = get();
      await tracked(set, get)('scenarios', () => persistence.saveScenarios(after.accepted));
      await tracked(set, get)('edits', () => persistence.saveEdits({ edits: after.waterEdits, history: after.editHistory }));
    },
    async deleteYear(id) {
      await put(get().monitorYears.filter((m) => m.id !== id));
    },
    setChangeIndex: (changeIndex) => set({ changeIndex }),
    async runMonitoring() {
      const s = get();
      if (!s.dataset || !s.report) return;
      const key = monitoringKeyOf(s);
      const years = yearsForMonitoring(s);
      try {
        const monitoring = await runAnalysis('monitor', s.datasetVersion, s.dataset, s.report, (api) => api.monitor(years, currentTargets(s), s.coverageDistance));
        set({ monitoring, monitoringKey: key, changeIndex: Math.max(0, monitoring.changes.length - 1) });
      } catch (e) {
        if (!(e instanceof JobCancelled)) set({ analysisJob: { status: 'error', message: e instanceof Error ? e.message : String(e) } });
      }
    },
  };
};
