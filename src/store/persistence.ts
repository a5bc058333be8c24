/**
 * What survives closing the tab: the loaded dataset with its validation report, and the settings.
 * IndexedDB (via idb-keyval) because a dataset can be far larger than localStorage allows.
 */
import { clear, createStore, del, entries, get, set } from 'idb-keyval';
import type { Dataset, ValidationReport } from '../core/types';
import type { LayerName } from '../core/layers';
import type { Lang } from '../core/messages';
import type { DistanceMode } from '../core/access';
import type { CoverageKind } from '../core/targets';
import type { WaterEdits } from '../core/scenario';
import type { AcceptedProposal } from './appStore';
import type { MonitorYear } from './monitorSlice';
import type { FieldMapping } from '../core/import/fieldMapping';
import type { CsvPointOptions } from '../core/import/csvPoints';
import type { OsmImportOptions } from '../core/import/osmOptions';

export interface SavedDataset {
  dataset: Dataset;
  report: ValidationReport;
  source: 'sample' | 'imported';
}
export interface SavedSettings {
  lang: Lang;
  basemapUrl: string;
  hiddenLayers: LayerName[];
  /** Added after the first release: older saved settings lack them. */
  coverageDistance?: DistanceMode;
  radii?: Record<CoverageKind, number>;
  coverageTargets?: Record<CoverageKind, number>;
  drowningBands?: [number, number, number];
  /** Field mappings the planner confirmed, by the attribute set they were made for (see mappingKey). */
  fieldMappings?: Record<string, RememberedMapping>;
  osmOptions?: OsmImportOptions;
  /** The land allocation settings over the defaults, in the target file's shape. */
  landSettings?: Record<string, unknown>;
  /** The school routes settings over the defaults, in the target file's shape. */
  routeSettings?: Record<string, unknown>;
}

export interface RememberedMapping {
  layer: LayerName;
  mapping: FieldMapping;
  csv?: CsvPointOptions;
}

export interface SavedEdits {
  edits: WaterEdits;
  history: WaterEdits[];
}

const db = createStore('child-friendly-planner', 'state');

/**
 * Reads return `unknown`: what comes back may be from an older version, cut short or edited by hand,
 * and is checked (storedState.ts) before use. A read that fails is `undefined` (nothing saved).
 * Saves reject when the browser refuses (storage full, blocked, private mode): the store says so.
 */
const read = (key: string): Promise<unknown> => get<unknown>(key, db).catch(() => undefined);

export const persistence = {
  loadDataset: () => read('dataset'),
  saveDataset: (saved: SavedDataset) => set('dataset', saved, db),
  clearDataset: () => del('dataset', db),
  loadSettings: () => read('settings'),
  saveSettings: (settings: SavedSettings) => set('settings', settings, db),
  loadYears: () => read('years'),
  saveYears: (years: MonitorYear[]) => set('years', years, db),
  loadScenarios: () => read('scenarios'),
  saveScenarios: (steps: AcceptedProposal[]) => set('scenarios', steps, db),
  loadEdits: () => read('edits'),
  saveEdits: (edits: SavedEdits) => set('edits', edits, db),
  /** Everything stored, as far as it can be read: the backup taken before a reset. */
  readAll: async (): Promise<Record<string, unknown>> => {
    try {
      return Object.fromEntries((await entries(db)).map(([k, v]) => [String(k), v]));
    } catch {
      const out: Record<string, unknown> = {};
      for (const key of ['settings', 'dataset', 'scenarios', 'edits', 'years']) out[key] = await read(key);
      return out;
    }
  },
  clearAll: () => clear(db),
};
