/**
 * How an import meets the data already loaded. A layer is replaced only by one with features: a
 * layer whose every feature was rejected leaves the old one in place. Every layer that shrinks or is
 * kept is listed, so the planner sees it and can undo the import.
 */
import { LAYER_NAMES, type LayerName } from '../layers';
import type { Dataset, LoadResult, ValidationReport } from '../types';

export interface LayerChange {
  layer: LayerName;
  before: number;
  after: number;
  /** The import brought no usable feature for this layer, so the one already loaded was kept. */
  kept: boolean;
  /** The planner chose to add the imported features to the loaded ones. */
  appended?: boolean;
}

export interface CombinedImport extends LoadResult {
  changes: LayerChange[];
}

/**
 * `merge`: the new layers over the old ones; `replace`: the new dataset alone. Either way an empty
 * incoming layer never replaces a loaded one (in `replace` an empty layer is simply not loaded), and
 * `changes` lists layers that were kept or lost features.
 */
export function combineImport(previous: Dataset | null, previousReport: ValidationReport | null, incoming: LoadResult, mode: 'merge' | 'replace', takeMeta: boolean): CombinedImport {
  const layers: Dataset['layers'] = mode === 'merge' && previous ? { ...previous.layers } : {};
  const reportLayers: ValidationReport['layers'] = mode === 'merge' && previous ? { ...previousReport?.layers } : {};
  const changes: LayerChange[] = [];
  const refused: ValidationReport['dataset'] = [];
  for (const layer of LAYER_NAMES) {
    const before = previous?.layers[layer]?.features.length ?? 0;
    const next = incoming.dataset.layers[layer];
    if (!next && !incoming.report.layers[layer]) continue;
    const after = next?.features.length ?? 0;
    if (after === 0) {
      if (mode === 'merge' && before > 0 && previous) {
        // The old layer stays, with its own report (the figures rest on it); why the new one came to
        // nothing is kept among the dataset's findings.
        layers[layer] = previous.layers[layer];
        if (previousReport?.layers[layer]) reportLayers[layer] = previousReport.layers[layer];
        else delete reportLayers[layer];
        refused.push(...(incoming.report.layers[layer]?.issues ?? []));
        changes.push({ layer, before, after: before, kept: true });
      } else {
        if (incoming.report.layers[layer]) reportLayers[layer] = incoming.report.layers[layer];
        if (before > 0) changes.push({ layer, before, after: 0, kept: false });
      }
      continue;
    }
    layers[layer] = next;
    reportLayers[layer] = incoming.report.layers[layer];
    if (after < before) changes.push({ layer, before, after, kept: false });
  }
  const meta = mode === 'merge' && previous && !takeMeta ? previous.meta : incoming.dataset.meta;
  return { dataset: { meta, layers }, report: { ...incoming.report, dataset: [...incoming.report.dataset, ...refused], layers: reportLayers }, changes };
}

/**
 * The other answer to a shrinking layer: keep what was loaded and add the imported features to it.
 * An imported id already in the layer gets a suffix, so both stay traceable.
 */
export function appendLayers(previous: Dataset, combined: CombinedImport, layers: readonly LayerName[]): CombinedImport {
  const out: Dataset['layers'] = { ...combined.dataset.layers };
  const reportLayers = { ...combined.report.layers };
  for (const layer of layers) {
    const old = previous.layers[layer]?.features ?? [];
    const incoming = combined.dataset.layers[layer]?.features ?? [];
    const taken = new Set(old.map((f) => String(f.id)));
    const added = incoming.map((f) => {
      let id = String(f.id);
      if (!taken.has(id)) return f;
      while (taken.has(id)) id = `${id}_imported`;
      taken.add(id);
      return { ...f, id, properties: { ...f.properties, id } };
    });
    out[layer] = { type: 'FeatureCollection', features: [...old, ...added] };
    const r = reportLayers[layer];
    if (r) reportLayers[layer] = { ...r, features: old.length + added.length };
  }
  const changes = combined.changes.map((c) => (layers.includes(c.layer) ? { ...c, after: out[c.layer]!.features.length, appended: true } : c));
  return { dataset: { ...combined.dataset, layers: out }, report: { ...combined.report, layers: reportLayers }, changes };
}
