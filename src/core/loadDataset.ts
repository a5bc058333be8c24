/**
 * The one way a dataset comes in: a set of files (a folder, or files dropped on the map) becomes a
 * Dataset of validated WGS84 layers and a ValidationReport. The app's worker, the CLI and the tests
 * all call this.
 */
import { resolveCrs, WGS84, type CoordinateSystem } from './crs';
import { AGE_BANDS, isDatasetDescription, layerFromFileName, type LayerName } from './layers';
import { parseJson } from './parseJson';
import { preview } from './readGeometry';
import type { Dataset, DatasetMeta, ExcludedByRule, InputFile, Issue, LoadResult, ValidationReport } from './types';
import { validateLayer } from './validateLayer';

/** Files above this size are refused with a message rather than risking the tab's memory. */
export const DEFAULT_MAX_FILE_BYTES = 300 * 1024 * 1024;

export interface LoadOptions {
  /** Dataset name when dataset.json gives none (e.g. the folder's name). */
  fallbackName?: string;
  maxFileBytes?: number;
  /** Progress over all files, 0–1, with the file being read. */
  onProgress?: (done: number, file: string) => void;
}

function readMeta(file: InputFile | undefined, fallbackName: string, issues: Issue[]): { meta: DatasetMeta; crs: CoordinateSystem | null } {
  const meta: DatasetMeta = { name: fallbackName, year: null, crs: 'EPSG:4326', ageShares: {}, synthetic: false };
  if (!file) return { meta, crs: WGS84 };
  const fieldIssue = (field: string, value: unknown) =>
    issues.push({ severity: 'warning', code: 'dataset_field_invalid', layer: 'dataset', file: file.name, field, params: { value: preview(value) } });

  if (file.unreadable) {
    issues.push({ severity: 'error', code: 'dataset_json_invalid', layer: 'dataset', file: file.name, params: { detail: file.unreadable } });
    return { meta, crs: null };
  }
  const parsed = parseJson(file.text);
  if (!parsed.ok || !parsed.value || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    issues.push({ severity: 'error', code: 'dataset_json_invalid', layer: 'dataset', file: file.name, params: { detail: parsed.ok ? 'not a JSON object' : parsed.detail } });
    return { meta, crs: null };
  }
  const json = parsed.value as Record<string, unknown>;
  if (typeof json.name === 'string' && json.name.trim()) meta.name = json.name.trim();
  else if (json.name !== undefined) fieldIssue('name', json.name);
  if (Number.isInteger(json.year)) meta.year = json.year as number;
  else if (json.year !== undefined) fieldIssue('year', json.year);
  if (typeof json.birth_rate_per_1000 === 'number' && Number.isFinite(json.birth_rate_per_1000) && json.birth_rate_per_1000 >= 0 && json.birth_rate_per_1000 <= 100) meta.birthRatePer1000 = json.birth_rate_per_1000;
  else if (json.birth_rate_per_1000 !== undefined) fieldIssue('birth_rate_per_1000', json.birth_rate_per_1000);
  if (typeof json.synthetic === 'boolean') meta.synthetic = json.synthetic;
  else if (json.synthetic !== undefined) fieldIssue('synthetic', json.synthetic);
  if (json.age_shares !== undefined) {
    const shares = json.age_shares;
    if (shares && typeof shares === 'object' && !Array.isArray(shares)) {
      for (const band of AGE_BANDS) {
        const v = (shares as Record<string, unknown>)[band];
        if (v === undefined) continue;
        if (typeof v === 'number' && v >= 0 && v <= 1) meta.ageShares[band] = v;
        else fieldIssue(`age_shares.${band}`, v);
      }
    } else fieldIssue('age_shares', shares);
  }

  if (typeof json.converted_from === 'string' && json.converted_from.trim()) meta.convertedFrom = json.converted_from.trim();
  if (json.import_excluded !== undefined) {
    const list = Array.isArray(json.import_excluded) ? json.import_excluded : null;
    const valid = list?.filter((e): e is ExcludedByRule => !!e && typeof e === 'object' && typeof e.rule === 'string' && Number.isInteger(e.count) && e.count >= 0);
    if (valid && valid.length === list!.length) meta.importExcluded = valid.map((e) => ({ rule: e.rule, count: e.count, ...(typeof e.zh === 'string' ? { zh: e.zh } : {}), ...(typeof e.en === 'string' ? { en: e.en } : {}) }));
    else fieldIssue('import_excluded', json.import_excluded);
  }

  if (json.crs === undefined) return { meta, crs: WGS84 };
  const resolved = resolveCrs(json.crs);
  if (!resolved.ok) {
    issues.push({ severity: 'error', code: 'crs_unsupported', layer: 'dataset', file: file.name, field: 'crs', params: { crs: preview(json.crs) } });
    return { meta, crs: null };
  }
  meta.crs = resolved.crs.name;
  if (resolved.crs.toWgs84) {
    issues.push({ severity: 'warning', code: 'crs_converted', layer: 'dataset', file: file.name, field: 'crs', params: { crs: resolved.crs.name } });
  }
  return { meta, crs: resolved.crs };
}

/** Validates and loads a dataset from its files. Never throws on bad data. */
export function loadDataset(files: readonly InputFile[], options: LoadOptions = {}): LoadResult {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const datasetIssues: Issue[] = [];
  const metaFile = files.find(isDatasetDescription);
  const { meta, crs } = readMeta(metaFile, options.fallbackName ?? 'Unnamed dataset', datasetIssues);
  const dataset: Dataset = { meta, layers: {} };
  const report: ValidationReport = { crsIn: meta.crs, usable: false, dataset: datasetIssues, layers: {} };
  if (!crs) return { dataset, report };

  const layerFiles: { file: InputFile; layer: LayerName }[] = [];
  for (const file of files) {
    if (isDatasetDescription(file)) continue;
    const layer = (file.layer as LayerName | undefined) ?? layerFromFileName(file.name);
    if (!layer && file.unreadable) {
      datasetIssues.push({ severity: 'warning', code: 'file_unreadable', layer: 'dataset', file: file.name, params: { detail: file.unreadable } });
    } else if (!layer) {
      datasetIssues.push({ severity: 'warning', code: 'file_unknown_layer', layer: 'dataset', file: file.name, params: {} });
    } else if (layerFiles.some((l) => l.layer === layer)) {
      datasetIssues.push({ severity: 'warning', code: 'file_duplicate_layer', layer, file: file.name, params: {} });
    } else {
      layerFiles.push({ file, layer });
    }
  }
  if (layerFiles.length === 0) {
    datasetIssues.push({ severity: 'error', code: 'no_layers', layer: 'dataset', params: {} });
    return { dataset, report };
  }

  layerFiles.forEach(({ file, layer }, i) => {
    const progress = (done: number) => options.onProgress?.((i + done) / layerFiles.length, file.name);
    progress(0);
    const fail = (code: Issue['code'], params: Issue['params']) => {
      report.layers[layer] = { file: file.name, features: 0, rejected: 1, failed: true, issues: [{ severity: 'error', code, layer, file: file.name, params }] };
    };
    if (file.unreadable) {
      fail('file_unreadable', { detail: file.unreadable });
      return;
    }
    // Without a byte count, UTF-16 length stands in: it only has to catch the absurd.
    const size = file.bytes ?? file.text.length;
    if (size > maxBytes) {
      fail('file_too_large', { sizeMB: Math.round(size / 1048576), limitMB: Math.round(maxBytes / 1048576) });
      return;
    }
    const parsed = parseJson(file.text);
    if (!parsed.ok) {
      fail('file_not_json', { detail: parsed.detail });
      return;
    }
    const { collection, report: layerReport } = validateLayer(parsed.value, layer, file.name, { crs, onProgress: progress });
    if (parsed.repairedNaN) layerReport.issues.unshift({ severity: 'warning', code: 'nan_tokens_replaced', layer, file: file.name, params: {} });
    report.layers[layer] = layerReport;
    if (collection) dataset.layers[layer] = collection;
  });

  checkCommunityReferences(dataset, report);
  report.usable = Object.values(dataset.layers).some((c) => c.features.length > 0);
  if (!report.usable) datasetIssues.push({ severity: 'error', code: 'nothing_usable', layer: 'dataset', params: {} });
  options.onProgress?.(1, '');
  return { dataset, report };
}

/** A `community` that names no community is kept (the home still counts) but reported. */
function checkCommunityReferences(dataset: Dataset, report: ValidationReport): void {
  const communities = dataset.layers.communities;
  if (!communities) return;
  const known = new Set(communities.features.map((f) => String(f.id)));
  for (const layer of ['residential', 'childrens_homes'] as const) {
    const collection = dataset.layers[layer];
    const layerReport = report.layers[layer];
    if (!collection || !layerReport) continue;
    collection.features.forEach((f) => {
      const ref = f.properties.community;
      if (ref !== undefined && !known.has(String(ref))) {
        layerReport.issues.push({ severity: 'warning', code: 'unknown_community', layer, file: layerReport.file, featureId: f.id, field: 'community', params: { value: String(ref) } });
      }
    });
  }
}
