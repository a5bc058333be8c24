/** Pure functions from the dataset to what the map draws: tested as data, not pixels. */
import { bbox } from '@turf/turf';
import type { FeatureCollection } from 'geojson';
import type { Dataset } from '../core/types';
import { DRAW_ORDER } from './layerStyles';
import type { LayerName } from '../core/layers';

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** One GeoJSON source per contract layer; a layer the dataset lacks draws nothing. */
export function mapSources(dataset: Dataset | null): Record<LayerName, FeatureCollection> {
  return Object.fromEntries(DRAW_ORDER.map((layer) => [layer, dataset?.layers[layer] ?? EMPTY])) as Record<LayerName, FeatureCollection>;
}

/** [west, south, east, north] of everything in the dataset, or null when it holds nothing. */
export function datasetBounds(dataset: Dataset | null): [number, number, number, number] | null {
  let box: [number, number, number, number] | null = null;
  for (const collection of Object.values(dataset?.layers ?? {})) {
    if (!collection || collection.features.length === 0) continue;
    const [w, s, e, n] = bbox(collection) as [number, number, number, number];
    box = box ? [Math.min(box[0], w), Math.min(box[1], s), Math.max(box[2], e), Math.max(box[3], n)] : [w, s, e, n];
  }
  return box;
}

/** A basemap URL is used only when it is an http(s) XYZ template. */
export function isTileUrlTemplate(url: string): boolean {
  return /^https?:\/\/\S+$/i.test(url) && ['{x}', '{y}', '{z}'].every((p) => url.includes(p));
}
