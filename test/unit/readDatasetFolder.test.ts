/** The command line's folder reader takes ASCII files byte for byte: the text must be what UTF-8 decoding gives. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDatasetFolder } from '../../scripts/readDatasetFolder';

describe('readDatasetFolder', () => {
  it('reads ASCII, UTF-8 with Chinese text, a BOM and a broken byte exactly as UTF-8 decoding does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'folder-'));
    const files: Record<string, Buffer> = {
      'schools.geojson': Buffer.from('{"type":"FeatureCollection","features":[]}'),
      'kindergartens.geojson': Buffer.from('{"type":"FeatureCollection","features":[{"properties":{"name":"铁西幼儿园"}}]}'),
      'roads.geojson': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"type":"FeatureCollection","features":[]}')]),
      'water.geojson': Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff]), Buffer.from('"}')]),
    };
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
    const read = readDatasetFolder(dir).files;
    for (const name of Object.keys(files)) expect(read.find((f) => f.name === name)!.text, name).toBe(readFileSync(join(dir, name), 'utf8'));
  });
});
