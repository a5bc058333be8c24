/**
 * Every importer ends here: its contract files go through the one loader, and the notes it made
 * while reading (encoding, conversion, rows left out) join the same validation report, under the
 * layer they concern. A row the importer could not read counts as a rejected feature of that layer.
 */
import { loadDataset, type LoadOptions } from '../loadDataset';
import type { InputFile, Issue, LoadResult } from '../types';

export function loadImported(files: readonly InputFile[], notes: readonly Issue[], options: LoadOptions = {}): LoadResult {
  const fatal = notes.find((n) => n.severity === 'error' && n.code === 'import_failed' && n.layer === 'dataset');
  const result = files.length > 0 ? loadDataset(files, options) : null;
  if (!result) {
    const dataset = { meta: { name: options.fallbackName ?? 'Unnamed dataset', year: null, crs: 'EPSG:4326', ageShares: {}, synthetic: false }, layers: {} };
    return { dataset, report: { crsIn: 'EPSG:4326', usable: false, dataset: [...notes, ...(fatal ? [] : [{ severity: 'error' as const, code: 'nothing_usable' as const, layer: 'dataset' as const, params: {} }])], layers: {} } };
  }
  const { report } = result;
  for (const note of notes) {
    const layerReport = note.layer !== 'dataset' ? report.layers[note.layer] : undefined;
    if (!layerReport) {
      report.dataset.push(note);
      continue;
    }
    layerReport.issues.push(note);
    if (note.severity === 'error') layerReport.rejected++;
  }
  return result;
}
