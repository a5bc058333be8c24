/**
 * What is read back from the browser's storage is checked before the app uses it: a value written by
 * an older version, cut short by a full disk or edited by hand must not give a white screen. Each
 * piece is checked on its own; only what is broken is dropped, and what was dropped is said.
 * Pure functions: no storage, no React.
 */
import { COVERAGE_KINDS, parseTargets, type CoverageKind } from '../core/targets';
import { LAYER_NAMES, type LayerName } from '../core/layers';
import { MITIGATIONS } from '../core/drowningHazards';
import { POINT_CRS } from '../core/import/csvPoints';
import { DEFAULT_OSM_OPTIONS, type OsmImportOptions } from '../core/import/osmOptions';
import type { WaterEdits } from '../core/scenario';
import type { ContractFeature, Dataset, ValidationReport } from '../core/types';
import type { AcceptedProposal } from './appStore';
import type { MonitorYear } from './monitorSlice';
import type { RememberedMapping, SavedDataset, SavedEdits, SavedSettings } from './persistence';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isGeometry = (g: unknown) => isObj(g) && typeof g.type === 'string' && Array.isArray(g.coordinates);
const isFeature = (f: unknown): f is ContractFeature =>
  isObj(f) && f.type === 'Feature' && (typeof f.id === 'string' || isNum(f.id)) && isObj(f.properties) && isGeometry(f.geometry);

/** What was left out, for the planner: `settings.lang`, `dataset`, `scenarios[2]` … */
export type Dropped = string[];

export function checkSettings(raw: unknown, dropped: Dropped): Partial<SavedSettings> {
  if (raw === undefined) return {};
  if (!isObj(raw)) {
    dropped.push('settings');
    return {};
  }
  const out: Partial<SavedSettings> = {};
  const take = <K extends keyof SavedSettings>(key: K, ok: boolean, value: SavedSettings[K]) => {
    if (raw[key] === undefined) return;
    if (ok) out[key] = value;
    else dropped.push(`settings.${key}`);
  };
  take('lang', raw.lang === 'zh' || raw.lang === 'en', raw.lang as SavedSettings['lang']);
  take('basemapUrl', typeof raw.basemapUrl === 'string' && (raw.basemapUrl === '' || /^https?:\/\//i.test(raw.basemapUrl)), raw.basemapUrl as string);
  take('hiddenLayers', Array.isArray(raw.hiddenLayers) && raw.hiddenLayers.every((l) => (LAYER_NAMES as readonly unknown[]).includes(l)), raw.hiddenLayers as LayerName[]);
  take('coverageDistance', raw.coverageDistance === 'network' || raw.coverageDistance === 'euclidean', raw.coverageDistance as SavedSettings['coverageDistance']);
  const perKind = (v: unknown, ok: (n: number) => boolean) => isObj(v) && Object.entries(v).every(([k, n]) => (COVERAGE_KINDS as readonly string[]).includes(k) && isNum(n) && ok(n));
  take('radii', perKind(raw.radii, (n) => n > 0 && n <= 100_000), raw.radii as Record<CoverageKind, number>);
  take('coverageTargets', perKind(raw.coverageTargets, (n) => n >= 0 && n <= 1), raw.coverageTargets as Record<CoverageKind, number>);
  const bands = raw.drowningBands;
  take('drowningBands', Array.isArray(bands) && bands.length === 3 && bands.every((b) => isNum(b) && b > 0) && bands[0] < bands[1] && bands[1] < bands[2], bands as [number, number, number]);
  take('landSettings', isObj(raw.landSettings) && parseTargets({ land_allocation: raw.landSettings }).ok, raw.landSettings as Record<string, unknown>);
  take('routeSettings', isObj(raw.routeSettings) && parseTargets({ school_routes: raw.routeSettings }).ok, raw.routeSettings as Record<string, unknown>);
  if (raw.fieldMappings !== undefined) {
    if (!isObj(raw.fieldMappings)) dropped.push('settings.fieldMappings');
    else {
      const kept: Record<string, RememberedMapping> = {};
      for (const [key, m] of Object.entries(raw.fieldMappings)) {
        const ok = isObj(m) && (LAYER_NAMES as readonly unknown[]).includes(m.layer) && isObj(m.mapping) && Object.values(m.mapping).every((a) => a === undefined || typeof a === 'string')
          && (m.csv === undefined || (isObj(m.csv) && typeof m.csv.lng === 'string' && typeof m.csv.lat === 'string' && (POINT_CRS as readonly unknown[]).includes(m.csv.crs)));
        if (ok) kept[key] = m as unknown as RememberedMapping;
        else dropped.push(`settings.fieldMappings[${JSON.stringify(key).slice(0, 40)}]`);
      }
      out.fieldMappings = kept;
    }
  }
  if (raw.osmOptions !== undefined) {
    const o = raw.osmOptions;
    const ok = isObj(o) && Object.entries(o).every(([k, v]) => {
      const expected = DEFAULT_OSM_OPTIONS[k as keyof OsmImportOptions];
      return expected === undefined || (typeof expected === 'number' ? isNum(v) && v >= 0 : typeof v === typeof expected);
    });
    if (ok) out.osmOptions = o as unknown as OsmImportOptions;
    else dropped.push('settings.osmOptions');
  }
  return out;
}

/** A stored dataset: its shape, layer by layer; features that are not features are dropped and counted. */
function checkDatasetValue(raw: unknown): { dataset: Dataset; droppedFeatures: number } | null {
  if (!isObj(raw) || !isObj(raw.meta) || !isObj(raw.layers)) return null;
  const m = raw.meta;
  if (typeof m.name !== 'string' || typeof m.crs !== 'string' || typeof m.synthetic !== 'boolean' || !(m.year === null || isNum(m.year)) || !isObj(m.ageShares)) return null;
  if (!Object.values(m.ageShares).every((v) => isNum(v) && v >= 0 && v <= 1)) return null;
  if (m.birthRatePer1000 !== undefined && !(isNum(m.birthRatePer1000) && m.birthRatePer1000 >= 0)) return null;
  const layers: Dataset['layers'] = {};
  let droppedFeatures = 0;
  for (const [name, collection] of Object.entries(raw.layers)) {
    if (!(LAYER_NAMES as readonly string[]).includes(name)) return null;
    if (!isObj(collection) || collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) return null;
    const features = collection.features.filter(isFeature);
    droppedFeatures += collection.features.length - features.length;
    layers[name as LayerName] = { type: 'FeatureCollection', features };
  }
  return { dataset: { meta: m as unknown as Dataset['meta'], layers }, droppedFeatures };
}

function checkReport(raw: unknown): raw is ValidationReport {
  return isObj(raw) && typeof raw.crsIn === 'string' && typeof raw.usable === 'boolean' && Array.isArray(raw.dataset) && isObj(raw.layers)
    && Object.values(raw.layers).every((l) => isObj(l) && Array.isArray(l.issues) && isNum(l.features) && isNum(l.rejected));
}

/** The report is only a record of the load: a broken one is replaced by an empty one rather than losing the data. */
const emptyReport = (dataset: Dataset): ValidationReport => ({ crsIn: dataset.meta.crs, usable: true, dataset: [], layers: {} });

export function checkSavedDataset(raw: unknown, dropped: Dropped): SavedDataset | undefined {
  if (raw === undefined) return undefined;
  const data = isObj(raw) ? checkDatasetValue(raw.dataset) : null;
  if (!data || !Object.values(data.dataset.layers).some((c) => c!.features.length > 0)) {
    dropped.push('dataset');
    return undefined;
  }
  if (data.droppedFeatures > 0) dropped.push(`dataset: ${data.droppedFeatures} features`);
  const r = raw as Obj;
  let report: ValidationReport;
  if (checkReport(r.report)) report = r.report;
  else {
    dropped.push('dataset.report');
    report = emptyReport(data.dataset);
  }
  return { dataset: data.dataset, report, source: r.source === 'sample' ? 'sample' : 'imported' };
}

/** Stored monitoring years: each a dataset with its year; one that cannot be read is left out and named. */
export function checkYears(raw: unknown, dropped: Dropped): MonitorYear[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    dropped.push('years');
    return [];
  }
  const out: MonitorYear[] = [];
  raw.forEach((y, i) => {
    const data = isObj(y) ? checkDatasetValue(y.dataset) : null;
    if (!data || !isObj(y) || typeof y.id !== 'string' || typeof y.label !== 'string' || !Number.isInteger(y.year)) {
      dropped.push(`years[${i + 1}]`);
      return;
    }
    const accepted = y.accepted === undefined ? undefined : checkScenarios(y.accepted, dropped);
    const waterEdits = y.waterEdits === undefined ? undefined : isWaterEdits(y.waterEdits) ? y.waterEdits : (dropped.push(`years[${i + 1}].waterEdits`), undefined);
    out.push({
      id: y.id, label: y.label, year: y.year as number, dataset: data.dataset, report: checkReport(y.report) ? (y.report as ValidationReport) : emptyReport(data.dataset),
      ...(accepted ? { accepted } : {}), ...(waterEdits ? { waterEdits } : {}),
    });
  });
  return out;
}

const isRecord = (v: unknown) => isObj(v) && typeof v.date === 'string' && typeof v.inspector === 'string' && typeof v.note === 'string';
const isFix = (v: unknown) => isObj(v) && Object.entries(v).every(([k, x]) => ((MITIGATIONS as readonly string[]).includes(k) && x === true) || (k === 'recorded' && isRecord(x)));
const isWaterEdits = (v: unknown): v is WaterEdits => isObj(v) && Object.values(v).every(isFix);

export function checkEdits(raw: unknown, dropped: Dropped): SavedEdits | undefined {
  if (raw === undefined) return undefined;
  if (!isObj(raw) || !isWaterEdits(raw.edits)) {
    dropped.push('edits');
    return undefined;
  }
  const history = Array.isArray(raw.history) ? raw.history.filter(isWaterEdits) : [];
  if (!Array.isArray(raw.history) || history.length !== raw.history.length) dropped.push('edits.history');
  return { edits: raw.edits, history };
}

export function checkScenarios(raw: unknown, dropped: Dropped): AcceptedProposal[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) {
    dropped.push('scenarios');
    return undefined;
  }
  const kept: AcceptedProposal[] = [];
  raw.forEach((step, i) => {
    const previous = isObj(step) && isObj(step.previous) ? checkDatasetValue(step.previous.dataset) : null;
    const ok = isObj(step) && typeof step.name === 'string' && Array.isArray(step.sites) && step.sites.every((s) => typeof s === 'string')
      && Array.isArray(step.before) && previous && previous.droppedFeatures === 0 && checkReport((step.previous as Obj).report);
    // Each step holds the whole dataset it replaced, so the others still undo correctly without it.
    if (ok) kept.push(step as unknown as AcceptedProposal);
    else dropped.push(`scenarios[${i + 1}]`);
  });
  return kept;
}
