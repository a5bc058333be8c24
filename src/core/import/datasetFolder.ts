/**
 * A dataset as the contract's folder: `dataset.json` and one `<layer>.geojson` per layer, zipped so
 * a planner can version it, mail it, and drop it back on the map. Coordinates are WGS84 once loaded,
 * so the description says EPSG:4326 whatever the files were first written in.
 */
import { zipSync, strToU8 } from 'fflate';
import { LAYER_NAMES } from '../layers';
import type { Dataset } from '../types';

export function datasetFiles(dataset: Dataset): Record<string, string> {
  const { meta } = dataset;
  const description: Record<string, unknown> = { name: meta.name, crs: 'EPSG:4326', synthetic: meta.synthetic };
  if (meta.year !== null) description.year = meta.year;
  if (Object.keys(meta.ageShares).length > 0) description.age_shares = meta.ageShares;
  if (meta.birthRatePer1000 !== undefined) description.birth_rate_per_1000 = meta.birthRatePer1000;
  // What the figures rest on survives the round trip: where the coordinates came from, what an import left out.
  const from = meta.crs !== 'EPSG:4326' && meta.crs !== 'EPSG:4490' ? meta.crs : meta.convertedFrom;
  if (from) description.converted_from = from;
  if (meta.importExcluded?.length) description.import_excluded = meta.importExcluded;
  const files: Record<string, string> = { 'dataset.json': `${JSON.stringify(description, null, 2)}\n` };
  for (const layer of LAYER_NAMES) {
    const collection = dataset.layers[layer];
    if (!collection) continue;
    // One feature per line: diffs of a versioned dataset stay readable.
    const lines = collection.features.map((f) => JSON.stringify({ type: 'Feature', id: f.id, properties: f.properties, geometry: f.geometry }));
    files[`${layer}.geojson`] = `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
  }
  return files;
}

/**
 * A file-system-safe folder name from the dataset's name (Chinese kept). Leading and trailing dots go
 * too: a dataset named `..` must not put its files in the folder above when the zip is unpacked.
 */
export function folderName(name: string): string {
  return name.replace(/[\\/:*?"<>|\s\u0000-\u001f]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 80) || 'dataset';
}

export function zipDataset(dataset: Dataset): Uint8Array {
  const folder = folderName(dataset.meta.name);
  const entries: Record<string, Uint8Array> = {};
  for (const [name, text] of Object.entries(datasetFiles(dataset))) entries[`${folder}/${name}`] = strToU8(text);
  return zipSync(entries, { level: 6 });
}
