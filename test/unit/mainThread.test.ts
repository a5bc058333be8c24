/**
 * The app's main thread (store, UI, map) must not import the parsers and projection libraries the
 * importers use: they belong in the dataset worker, and would add some 200 kB to the first load.
 * Type-only imports are fine (they vanish in the build).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const WORKER_ONLY = ['core/import/osm', 'core/import/csvTable', 'core/import/shapefile', 'core/import/featureService', 'core/import/projection', 'core/import/loadImported', 'core/crs', 'core/loadDataset'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : []));
}

describe('main-thread imports', () => {
  const files = ['src/store', 'src/ui', 'src/map'].flatMap(sources);
  it.each(files)('%s imports no worker-only module', (file) => {
    const imports = [...readFileSync(file, 'utf8').matchAll(/^import\s+(?!type\s)[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
    const heavy = imports.filter((i) => WORKER_ONLY.some((w) => i.endsWith(w)));
    expect(heavy).toEqual([]);
  });
});
