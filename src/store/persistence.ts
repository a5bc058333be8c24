/**
 * What survives closing the tab: the loaded dataset with its validation report, and the settings.
 * IndexedDB (via idb-keyval) because a dataset can be far larger than localStorage allows.
 */
import { createStore, del, get, set } from 'idb-keyval';
import type { Dataset, ValidationReport } from '../core/types';
import type { LayerName } from '../core/layers';
import type { Lang } from '../core/messages';
import type { DistanceMode } from '../core/access';
import type { CoverageKind } from '../core/targets';
import type { WaterEdits } from '../core/scenario';
import type { AcceptedProposal } from './appStore';
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

export const persistence = {
  loadDataset: () => get<SavedDataset>('dataset', db).catch(() => undefined),
  saveDataset: (saved: SavedDataset) => set('dataset', saved, db),
  clearDataset: () => del('dataset', db),
  loadSettings: () => get<SavedSettings>('settings', db).catch(() => undefined),
  saveSettings: (settings: SavedSettings) => set('settings', settings, db),
  loadScenarios: () => get<AcceptedProposal[]>('scenarios', db).catch(() => undefined),
  saveScenarios: (steps: AcceptedProposal[]) => set('scenarios', steps, db),
  loadEdits: () => get<SavedEdits>('edits', db).catch(() => undefined),
  saveEdits: (edits: SavedEdits) => set('edits', edits, db),
};
