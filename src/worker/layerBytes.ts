/**
 * A loaded layer also as the JSON text the dataset worker wrote for it. Handing a city of 100,000
 * homes to the analysis worker as objects makes the UI thread copy a million objects (about half a
 * second with the map frozen); as bytes it is a memory copy, and the worker parses them itself.
 * Kept per collection object: a layer changed by an edit or a merge is a new object, has no bytes,
 * and travels as objects as before. (MapLibre gains nothing from a URL: its worker sends the parsed
 * data back to this thread, so the map is given objects.)
 */
import type { FeatureCollection } from 'geojson';
import type { LayerName } from '../core/layers';
import type { Dataset } from '../core/types';

export type LayerBytes = Partial<Record<LayerName, ArrayBuffer>>;

/** Written in the dataset worker: each layer of a loaded dataset as UTF-8 JSON. */
export function encodeLayers(dataset: Dataset): LayerBytes {
  const encoder = new TextEncoder();
  const out: LayerBytes = {};
  for (const [layer, collection] of Object.entries(dataset.layers) as [LayerName, FeatureCollection][]) {
    if (collection) out[layer] = encoder.encode(JSON.stringify(collection)).buffer as ArrayBuffer;
  }
  return out;
}

/** Read in the analysis worker. */
export function decodeLayer(bytes: ArrayBuffer): FeatureCollection {
  return JSON.parse(new TextDecoder().decode(bytes)) as FeatureCollection;
}

interface Entry {
  bytes: ArrayBuffer;
  load: number;
}

const registry = new Map<FeatureCollection, Entry>();
let loads = 0;

/** Remembers the bytes of a load's layers; entries older than the previous load are let go. */
export function rememberLayerBytes(dataset: Dataset, bytes: LayerBytes): void {
  loads++;
  for (const [layer, buffer] of Object.entries(bytes) as [LayerName, ArrayBuffer][]) {
    const collection = dataset.layers[layer];
    if (collection) registry.set(collection, { bytes: buffer, load: loads });
  }
  // The previous load stays (an import can be undone); anything older goes.
  for (const [collection, entry] of registry) {
    if (entry.load < loads - 1) registry.delete(collection);
  }
}

/** A copy of the layer's bytes, to transfer to a worker; null when the layer has none. */
export function layerBytesCopy(collection: FeatureCollection): ArrayBuffer | null {
  return registry.get(collection)?.bytes.slice(0) ?? null;
}
