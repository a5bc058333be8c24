/**
 * Issue 15: a loaded layer crosses to the analysis worker as the JSON bytes the dataset worker wrote;
 * what arrives must be the same layer, and only layers of the last two loads are kept.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/core/loadDataset';
import { decodeLayer, encodeLayers, layerBytesCopy, rememberLayerBytes } from '../../src/worker/layerBytes';
import { readDatasetFolder } from '../../scripts/readDatasetFolder';

const tiexi = () => loadDataset(readDatasetFolder(join(__dirname, '..', '..', 'data', 'tiexi')).files, { fallbackName: 'tiexi' }).dataset;

describe('layer bytes', () => {
  it('decode to the very layers that were encoded', () => {
    const dataset = tiexi();
    const bytes = encodeLayers(dataset);
    expect(Object.keys(bytes).sort()).toEqual(Object.keys(dataset.layers).sort());
    for (const [layer, buffer] of Object.entries(bytes)) expect(decodeLayer(buffer)).toEqual(dataset.layers[layer as keyof typeof dataset.layers]);
  });

  it('give a fresh copy per crossing, for the loaded collection only, and forget loads older than the previous one', () => {
    const first = tiexi();
    rememberLayerBytes(first, encodeLayers(first));
    const homes = first.layers.residential!;
    const a = layerBytesCopy(homes)!;
    const b = layerBytesCopy(homes)!;
    expect(a).not.toBe(b); // transferring one never empties the other
    expect(decodeLayer(a)).toEqual(homes);
    // A layer changed by an edit is a new object: it has no bytes and crosses as objects.
    expect(layerBytesCopy({ ...homes, features: homes.features.slice(1) })).toBeNull();
    const second = tiexi();
    rememberLayerBytes(second, encodeLayers(second));
    expect(layerBytesCopy(homes)).not.toBeNull(); // the previous load can still be undone to
    const third = tiexi();
    rememberLayerBytes(third, encodeLayers(third));
    expect(layerBytesCopy(homes)).toBeNull();
    expect(layerBytesCopy(third.layers.residential!)).not.toBeNull();
  });
});
