/**
 * The one thread boundary for bringing data in. This file holds no logic: it reads files (with
 * progress), fetches map services, and hands everything to src/core — the importers and the one
 * loader. Heavy parsing and validation never run on the UI thread.
 */
import * as Comlink from 'comlink';
import { DEFAULT_MAX_FILE_BYTES } from '../core/loadDataset';
import { loadImported } from '../core/import/loadImported';
import { importOsm } from '../core/import/osm';
import type { OsmImportOptions } from '../core/import/osmOptions';
import { readZip, type ShapefileOptions } from '../core/import/shapefile';
import { readCsvTable } from '../core/import/csvTable';
import type { CsvTable } from '../core/import/csvPoints';
import { mapRawLayer, type FieldMapping } from '../core/import/fieldMapping';
import { fetchFeatureService, type FeatureServiceResult } from '../core/import/featureService';
import type { RawLayer } from '../core/import/rawLayer';
import type { InputFile, Issue, LoadResult } from '../core/types';
import type { LayerName } from '../core/layers';
import { encodeLayers, type LayerBytes } from './layerBytes';

/** A load's result, with its layers also as JSON bytes (see layerBytes.ts). */
export type LoadedInWorker = LoadResult & { layerBytes: LayerBytes };

/**
 * A file to load: a Blob picked or dropped by the user, or a URL of the embedded sample. `layer`
 * says what it is when its name does not: a contract layer, dataset.json, an OpenStreetMap extract,
 * or a zip (a dataset folder; zipped Shapefiles go through `inspect` and a field mapping first).
 */
export interface FileSource {
  name: string;
  blob?: Blob;
  url?: string;
  layer?: LayerName | 'dataset' | 'osm' | 'zip';
}

/** A source whose fields the planner has mapped to a contract layer (Shapefile, CSV, map service). */
export interface MappedSource {
  raw: RawLayer;
  layer: LayerName;
  mapping: FieldMapping;
}

export interface ImportRequest {
  sources: FileSource[];
  mapped?: MappedSource[];
  osm?: OsmImportOptions;
}

/** What a file needing a mapping holds, for the mapping step and its preview. */
export type Inspection =
  | { kind: 'shapefile'; layers: RawLayer[] }
  | { kind: 'csv'; table: CsvTable }
  | { kind: 'dataset' }
  | { kind: 'error'; detail: string; issue?: Issue };

export type Progress = (stage: 'reading' | 'converting' | 'validating', done: number, file: string) => void;

async function readBytes(source: FileSource, onBytes: (bytes: number) => void): Promise<Uint8Array> {
  const blob = source.blob ?? (await (await fetch(source.url!)).blob());
  const reader = blob.stream().getReader();
  const parts: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    length += value.byteLength;
    onBytes(value.byteLength);
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return bytes;
}

async function readText(source: FileSource, onBytes: (bytes: number) => void): Promise<string> {
  return new TextDecoder('utf-8').decode(await readBytes(source, onBytes));
}

const isZip = (s: FileSource) => s.layer === 'zip' || (s.layer === undefined && /\.zip$/i.test(s.name));

const api = {
  async load(request: ImportRequest, fallbackName: string, onProgress: Progress, maxFileBytes = DEFAULT_MAX_FILE_BYTES): Promise<LoadedInWorker> {
    const { sources } = request;
    const total = sources.reduce((s, f) => s + (f.blob?.size ?? 0), 0) || 1;
    let read = 0;
    const onBytes = (name: string) => (bytes: number) => {
      read += bytes;
      onProgress('reading', Math.min(1, read / total), name);
    };
    const files: InputFile[] = [];
    const notes: Issue[] = [];
    for (const source of sources) {
      const size = source.blob?.size;
      const layer = source.layer === 'osm' || source.layer === 'zip' ? undefined : source.layer;
      if (size !== undefined && size > maxFileBytes) {
        files.push({ name: source.name, text: '', bytes: size, layer });
        continue;
      }
      onProgress('reading', read / total, source.name);
      if (isZip(source)) {
        const zip = readZip(source.name, await readBytes(source, onBytes(source.name)));
        if (zip.kind === 'dataset') {
          files.push(...zip.files.map((f) => ({ name: f.name, text: new TextDecoder().decode(f.bytes), bytes: f.bytes.byteLength })));
          notes.push(...zip.skipped);
        }
        else if (zip.kind === 'error') notes.push(zip.issue);
        else notes.push({ severity: 'error', code: 'import_failed', layer: 'dataset', file: source.name, params: { detail: 'Shapefiles need their fields mapped first' } });
      } else if (source.layer === 'osm') {
        const text = await readText(source, onBytes(source.name));
        onProgress('converting', 0, source.name);
        const osm = importOsm(source.name, text, request.osm);
        files.push(...osm.files);
        notes.push(...osm.notes);
      } else {
        files.push({ name: source.name, text: await readText(source, onBytes(source.name)), bytes: size, layer });
      }
    }
    for (const item of request.mapped ?? []) {
      const mapped = mapRawLayer(item.raw, item.layer, item.mapping);
      files.push(mapped.file);
      notes.push(...mapped.notes);
    }
    const loaded = loadImported(files, notes, { fallbackName, maxFileBytes, onProgress: (done, file) => onProgress('validating', done, file) });
    // The layers also as text: the map and the analysis worker take those without the UI thread copying objects.
    const layerBytes = encodeLayers(loaded.dataset);
    return Comlink.transfer({ ...loaded, layerBytes }, Object.values(layerBytes) as ArrayBuffer[]);
  },

  /** Reads a CSV or a zip for the field-mapping step, in the encoding (and for a Shapefile, the system) the planner chose. */
  async inspect(source: FileSource, options: ShapefileOptions = {}, maxFileBytes = DEFAULT_MAX_FILE_BYTES): Promise<Inspection> {
    const size = source.blob?.size ?? 0;
    if (size > maxFileBytes) {
      const params = { sizeMB: Math.round(size / 1048576), limitMB: Math.round(maxFileBytes / 1048576) };
      return { kind: 'error', detail: source.name, issue: { severity: 'error', code: 'file_too_large', layer: 'dataset', file: source.name, params } };
    }
    const bytes = await readBytes(source, () => undefined);
    if (isZip(source)) {
      const zip = readZip(source.name, bytes, options);
      return zip.kind === 'dataset' ? { kind: 'dataset' } : zip;
    }
    return { kind: 'csv', table: readCsvTable(source.name, bytes, options.encoding ?? 'auto') };
  },

  fetchService(url: string, allowOtherHosts: boolean, onPage: (pages: number, features: number) => void): Promise<FeatureServiceResult> {
    return fetchFeatureService(url, { onPage, allowOtherHosts });
  },
};

export type DatasetWorkerApi = typeof api;
Comlink.expose(api);
