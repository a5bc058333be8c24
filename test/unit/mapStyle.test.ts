/** The map's style as data: valid against the MapLibre style spec, one style per contract layer. */
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { LAYER_NAMES } from '../../src/core/layers';
import { baseStyle, DRAW_ORDER, styleLayerIds, SWATCHES } from '../../src/map/layerStyles';
import { datasetBounds, isTileUrlTemplate, mapSources } from '../../src/map/mapSources';
import type { Dataset } from '../../src/core/types';

describe('map style', () => {
  it('is valid MapLibre style spec, and needs nothing from the internet', () => {
    const style = baseStyle();
    expect(validateStyleMin(style as never)).toEqual([]);
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    // Labels only, drawn with local fonts: no glyph server, no sprite.
    expect(style.layers.filter((l) => l.type === 'symbol').map((l) => l.id)).toEqual(['label-communities', 'label-water', 'label-schools', 'label-kindergartens', 'label-roads']);
  });

  it('draws every contract layer, each with its own legend swatch', () => {
    expect([...DRAW_ORDER].sort()).toEqual([...LAYER_NAMES].sort());
    for (const layer of LAYER_NAMES) {
      expect(styleLayerIds(layer).length, layer).toBeGreaterThan(0);
      expect(styleLayerIds(layer).every((id) => id.startsWith(`${layer}-`))).toBe(true);
      expect(SWATCHES[layer]).toBeDefined();
    }
    const colours = new Set(LAYER_NAMES.map((l) => `${SWATCHES[l].shape}:${SWATCHES[l].color}`));
    expect(colours.size).toBe(LAYER_NAMES.length);
  });
});

describe('mapSources', () => {
  const dataset: Dataset = {
    meta: { name: 't', year: null, crs: 'EPSG:4326', ageShares: {}, synthetic: false },
    layers: {
      kindergartens: { type: 'FeatureCollection', features: [{ type: 'Feature', id: 'k1', properties: { id: 'k1' }, geometry: { type: 'Point', coordinates: [124.3, 43.1] } }] },
      roads: { type: 'FeatureCollection', features: [{ type: 'Feature', id: 'r', properties: { id: 'r' }, geometry: { type: 'LineString', coordinates: [[124.2, 43.0], [124.4, 43.2]] } }] },
    },
  };
  it('gives every layer a source, empty where the dataset lacks it', () => {
    const sources = mapSources(dataset);
    expect(sources.kindergartens.features).toHaveLength(1);
    expect(sources.schools.features).toHaveLength(0);
    expect(Object.keys(sources).sort()).toEqual([...LAYER_NAMES].sort());
  });
  it('bounds the whole dataset, or nothing when it is empty', () => {
    expect(datasetBounds(dataset)).toEqual([124.2, 43.0, 124.4, 43.2]);
    expect(datasetBounds({ ...dataset, layers: {} })).toBeNull();
  });
  it('accepts only http(s) XYZ templates as a basemap', () => {
    expect(isTileUrlTemplate('https://t0.tianditu.gov.cn/vec_w/wmts?TILECOL={x}&TILEROW={y}&TILEMATRIX={z}&tk=abc')).toBe(true);
    expect(isTileUrlTemplate('https://tile.example/{z}/{x}.png')).toBe(false);
    expect(isTileUrlTemplate('javascript:alert(1)//{x}{y}{z}')).toBe(false);
  });
});
