/**
 * Bringing in data that needs the planner's word first: zipped Shapefiles, CSV point lists and map
 * services become "mapping items" (which layer, which attribute is which field, for a CSV which
 * columns and coordinate system), drawn on the map as a preview. Nothing changes in the loaded
 * dataset until the planner accepts; then everything goes through the worker's one load.
 */
import type { FeatureCollection } from 'geojson';
import type { StoreApi } from 'zustand';
import { assumePointCrs, csvToRawLayer, findCoordinateColumns, type CsvPointOptions, type CsvTable } from '../core/import/csvPoints';
import { guessFieldMapping, layerFromSourceName, mappingKey, type FieldMapping } from '../core/import/fieldMapping';
import { DEFAULT_OSM_OPTIONS, type OsmImportOptions } from '../core/import/osmOptions';
import { rawBounds, type RawLayer } from '../core/import/rawLayer';
import type { TextEncodingChoice } from '../core/import/textEncoding';
import type { LayerName } from '../core/layers';
import type { Issue } from '../core/types';
import { cancelJob, fetchServiceInWorker, inspectInWorker, JobCancelled, type FileSource } from '../worker/client';
import type { AppState, ImportMode } from './appStore';
import type { RememberedMapping } from './persistence';

export interface MappingItem {
  key: string;
  kind: 'shapefile' | 'csv' | 'service';
  /** WGS84 features with the source's attribute names (for a CSV: made from `table` and `csv`). */
  raw: RawLayer;
  layer: LayerName | '';
  mapping: FieldMapping;
  table?: CsvTable;
  csv?: CsvPointOptions;
  /** The file, so a CSV or a Shapefile can be read again in another encoding or system. */
  file?: FileSource;
  /** A Shapefile's encoding and system as the planner chose them (`auto` / '' : from its own files). */
  shapefile?: { encoding: TextEncodingChoice; crs: string };
}

export interface MappingStep {
  items: MappingItem[];
  /** Files that need no mapping (GeoJSON, OpenStreetMap, zipped datasets), loaded together with the items. */
  sources: FileSource[];
  mode: ImportMode;
}

export type InspectJob =
  | { status: 'idle' }
  | { status: 'running'; what: string; pages?: number; features?: number }
  | { status: 'error'; message: string; issue?: Issue };

export interface ImportSlice {
  mappingStep: MappingStep | null;
  importPreview: { features: FeatureCollection; bounds: [number, number, number, number] | null } | null;
  inspectJob: InspectJob;
  fieldMappings: Record<string, RememberedMapping>;
  osmOptions: OsmImportOptions;
  setOsmOptions(options: OsmImportOptions): void;
  /** The import dialog's Load: files needing a mapping open the mapping step, the rest load at once. */
  startImport(sources: FileSource[], mode: ImportMode): Promise<void>;
  fetchService(url: string, mode: ImportMode, allowOtherHosts?: boolean): Promise<void>;
  /** Stops reading a file or a map service (the worker is ended, so its requests stop with it). */
  cancelInspect(): void;
  updateMappingItem(key: string, patch: Partial<Pick<MappingItem, 'layer' | 'mapping' | 'csv'>>): void;
  setCsvEncoding(key: string, encoding: TextEncodingChoice): Promise<void>;
  /** Reads a zipped Shapefile again with the planner's encoding or coordinate system. */
  setShapefileOptions(key: string, options: { encoding: TextEncodingChoice; crs: string }): Promise<void>;
  removeMappingItem(key: string): void;
  setMappingMode(mode: ImportMode): void;
  acceptMapping(): Promise<void>;
  cancelMapping(): void;
}

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];

const needsMapping = (s: FileSource) => s.layer === 'zip' || /\.(zip|csv|txt|tsv)$/i.test(s.name);

let nextKey = 1;

/** The layer and mapping to start from: remembered for this attribute set, else guessed from the source's name. */
function startingMapping(source: string, attributes: readonly string[], remembered: Record<string, RememberedMapping>): Pick<MappingItem, 'layer' | 'mapping'> {
  const known = remembered[mappingKey(attributes)];
  if (known) return { layer: known.layer, mapping: known.mapping };
  const layer = layerFromSourceName(source);
  return { layer: layer ?? '', mapping: layer ? guessFieldMapping(layer, attributes) : {} };
}

function newItem(kind: MappingItem['kind'], raw: RawLayer, remembered: Record<string, RememberedMapping>): MappingItem {
  return { key: `m${nextKey++}`, kind, raw, ...startingMapping(raw.source, raw.attributes, remembered) };
}

function csvItem(table: CsvTable, file: FileSource, remembered: Record<string, RememberedMapping>): MappingItem {
  const known = remembered[mappingKey(table.columns)];
  const found = findCoordinateColumns(table.columns);
  const csv: CsvPointOptions = known?.csv && table.columns.includes(known.csv.lng) && table.columns.includes(known.csv.lat)
    ? known.csv
    : { lng: found.lng ?? table.columns[0] ?? '', lat: found.lat ?? table.columns[1] ?? '', ...assumePointCrs(table.source, table.columns) };
  const raw = csvToRawLayer(table, csv);
  // A CSV is remembered by its columns (the coordinate columns included); its fields by the rest.
  const start = known ? { layer: known.layer, mapping: known.mapping } : startingMapping(table.source, raw.attributes, {});
  return { key: `m${nextKey++}`, kind: 'csv', raw, table, csv, file, ...start };
}

function previewOf(items: readonly MappingItem[]): ImportSlice['importPreview'] {
  if (items.length === 0) return null;
  const features = items.flatMap((i) => i.raw.features.filter((f) => f.geometry !== null).map((f) => ({ type: 'Feature' as const, geometry: f.geometry!, properties: { item: i.key } })));
  let bounds: [number, number, number, number] | null = null;
  for (const item of items) {
    const b = rawBounds(item.raw);
    if (!b) continue;
    bounds = bounds ? [Math.min(bounds[0], b[0]), Math.min(bounds[1], b[1]), Math.max(bounds[2], b[2]), Math.max(bounds[3], b[3])] : b;
  }
  // Off-the-globe values (metres read as degrees) must not send the map to nowhere.
  if (bounds && (bounds[0] < -180 || bounds[2] > 180 || bounds[1] < -85 || bounds[3] > 85)) bounds = null;
  return { features: { type: 'FeatureCollection', features }, bounds };
}

export function importSlice(set: Set, get: Get): ImportSlice {
  const showItems = (step: MappingStep | null) => set({ mappingStep: step, importPreview: step ? previewOf(step.items) : null });
  const fail = (e: unknown) => {
    if (!(e instanceof JobCancelled)) set({ inspectJob: { status: 'error', message: e instanceof Error ? e.message : String(e) } });
    else set({ inspectJob: { status: 'idle' } });
  };
  return {
    mappingStep: null,
    importPreview: null,
    inspectJob: { status: 'idle' },
    fieldMappings: {},
    osmOptions: DEFAULT_OSM_OPTIONS,
    setOsmOptions: (osmOptions) => set({ osmOptions }),

    async startImport(sources, mode) {
      const direct: FileSource[] = [];
      const items: MappingItem[] = [];
      try {
        for (const source of sources) {
          if (!needsMapping(source)) {
            direct.push(source);
            continue;
          }
          set({ inspectJob: { status: 'running', what: source.name } });
          const found = await inspectInWorker(source);
          if (found.kind === 'dataset') direct.push({ ...source, layer: 'zip' });
          else if (found.kind === 'shapefile') items.push(...found.layers.map((raw) => ({ ...newItem('shapefile', raw, get().fieldMappings), file: source, shapefile: { encoding: 'auto' as const, crs: '' } })));
          else if (found.kind === 'csv') items.push(csvItem(found.table, source, get().fieldMappings));
          else {
            set({ inspectJob: { status: 'error', message: found.detail, issue: found.issue } });
            return;
          }
        }
      } catch (e) {
        fail(e);
        return;
      }
      set({ inspectJob: { status: 'idle' } });
      if (items.length === 0) {
        get().openPanel('none');
        await get().loadRequest({ sources: direct, osm: get().osmOptions }, mode, direct.length === 1 ? direct[0]!.name : 'imported');
        return;
      }
      get().openPanel('none');
      showItems({ items, sources: direct, mode: 'merge' });
    },

    cancelInspect() {
      if (get().inspectJob.status !== 'running') return;
      cancelJob();
      set({ inspectJob: { status: 'idle' } });
    },

    async fetchService(url, mode, allowOtherHosts = false) {
      set({ inspectJob: { status: 'running', what: url } });
      try {
        const result = await fetchServiceInWorker(url, allowOtherHosts, (pages, features) => {
          if (get().inspectJob.status === 'running') set({ inspectJob: { status: 'running', what: url, pages, features } });
        });
        if (!result.ok) {
          set({ inspectJob: { status: 'error', message: '', issue: result.issue } });
          return;
        }
        set({ inspectJob: { status: 'idle' } });
        const step = get().mappingStep;
        get().openPanel('none');
        showItems({ items: [...(step?.items ?? []), newItem('service', result.layer, get().fieldMappings)], sources: step?.sources ?? [], mode: step?.mode ?? mode });
      } catch (e) {
        fail(e);
      }
    },

    updateMappingItem(key, patch) {
      const step = get().mappingStep;
      if (!step) return;
      showItems({
        ...step,
        items: step.items.map((item) => {
          if (item.key !== key) return item;
          const next = { ...item, ...patch };
          // A new layer starts from the guess for it; a planner's own choices then stay.
          if (patch.layer !== undefined && patch.layer !== item.layer && patch.mapping === undefined) next.mapping = patch.layer ? guessFieldMapping(patch.layer, item.raw.attributes) : {};
          if (patch.csv && next.table) next.raw = csvToRawLayer(next.table, patch.csv);
          return next;
        }),
      });
    },

    async setCsvEncoding(key, encoding) {
      const item = get().mappingStep?.items.find((i) => i.key === key);
      if (!item?.file) return;
      try {
        const found = await inspectInWorker(item.file, { encoding });
        if (found.kind !== 'csv') return;
        const step = get().mappingStep;
        if (!step) return;
        const csv = item.csv && found.table.columns.includes(item.csv.lng) && found.table.columns.includes(item.csv.lat) ? item.csv : csvItem(found.table, item.file, {}).csv!;
        showItems({ ...step, items: step.items.map((i) => (i.key === key ? { ...i, table: found.table, csv, raw: csvToRawLayer(found.table, csv) } : i)) });
      } catch (e) {
        fail(e);
      }
    },

    async setShapefileOptions(key, options) {
      const item = get().mappingStep?.items.find((i) => i.key === key);
      if (!item?.file) return;
      try {
        set({ inspectJob: { status: 'running', what: item.raw.source } });
        const found = await inspectInWorker(item.file, { encoding: options.encoding, ...(options.crs ? { crs: options.crs } : {}) });
        set({ inspectJob: { status: 'idle' } });
        const step = get().mappingStep;
        if (found.kind !== 'shapefile' || !step) return;
        const raw = found.layers.find((l) => l.source === item.raw.source);
        if (!raw) return;
        // Attributes may read differently in another encoding: the mapping is guessed again for them.
        const mapping = item.layer && raw.attributes.join('\u001f') !== item.raw.attributes.join('\u001f') ? guessFieldMapping(item.layer, raw.attributes) : item.mapping;
        showItems({ ...step, items: step.items.map((i) => (i.key === key ? { ...i, raw, mapping, shapefile: options } : i)) });
      } catch (e) {
        fail(e);
      }
    },

    removeMappingItem(key) {
      const step = get().mappingStep;
      if (!step) return;
      const items = step.items.filter((i) => i.key !== key);
      showItems(items.length > 0 || step.sources.length > 0 ? { ...step, items } : null);
    },

    setMappingMode(mode) {
      const step = get().mappingStep;
      if (step) set({ mappingStep: { ...step, mode } });
    },

    async acceptMapping() {
      const step = get().mappingStep;
      if (!step) return;
      const ready = step.items.filter((i): i is MappingItem & { layer: LayerName } => i.layer !== '');
      const remembered = { ...get().fieldMappings };
      for (const item of ready) remembered[mappingKey(item.table?.columns ?? item.raw.attributes)] = { layer: item.layer, mapping: item.mapping, ...(item.csv ? { csv: item.csv } : {}) };
      set({ fieldMappings: remembered });
      showItems(null);
      const name = ready.length === 1 && step.sources.length === 0 ? ready[0]!.raw.source : 'imported';
      await get().loadRequest({ sources: step.sources, mapped: ready.map(({ raw, layer, mapping }) => ({ raw, layer, mapping })), osm: get().osmOptions }, step.mode, name);
    },

    cancelMapping: () => showItems(null),
  };
}
