/**
 * The bad-input corpus: each folder under test/corpus is a dataset someone might really drop on the
 * map, with expected.json saying what the loader must report. Run any of them by hand with
 * `npm run validate -- test/corpus/<case>`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/core/loadDataset';
import { formatIssue } from '../../src/core/messages';
import type { Issue } from '../../src/core/types';
import { readDatasetFolder } from '../../scripts/readDatasetFolder';

const CORPUS = join(import.meta.dirname, '..', 'corpus');

interface Expected {
  usable: boolean;
  layers: Record<string, { features: number; rejected: number; failed?: boolean }>;
  issues: { layer: string; code: string; featureId?: string | number; field?: string; en?: string }[];
  coordinates?: Record<string, Record<string, [number, number]>>;
}

describe.each(readdirSync(CORPUS).sort())('corpus case %s', (name) => {
  const folder = join(CORPUS, name);
  const expected = JSON.parse(readFileSync(join(folder, 'expected.json'), 'utf8')) as Expected;
  const files = readDatasetFolder(folder).files.filter((f) => f.name !== 'expected.json');
  const { dataset, report } = loadDataset(files, { fallbackName: name });
  const allIssues: Issue[] = [...report.dataset, ...Object.values(report.layers).flatMap((l) => l.issues)];

  it('is usable or not as expected', () => {
    expect(report.usable).toBe(expected.usable);
  });

  it('counts loaded and rejected features per layer', () => {
    const counts = Object.fromEntries(Object.entries(report.layers).map(([layer, l]) => [layer, { features: l.features, rejected: l.rejected }]));
    const want = Object.fromEntries(Object.entries(expected.layers).map(([layer, l]) => [layer, { features: l.features, rejected: l.rejected }]));
    expect(counts).toEqual(want);
    for (const [layer, l] of Object.entries(expected.layers)) {
      expect(dataset.layers[layer as keyof typeof dataset.layers]?.features.length ?? 0).toBe(l.features);
    }
  });

  it.each(expected.issues.map((i) => [`${i.layer} ${i.code} ${i.featureId ?? ''}`, i] as const))('reports %s', (_, want) => {
    const found = allIssues.find(
      (i) => i.layer === want.layer && i.code === want.code && (want.featureId === undefined || i.featureId === want.featureId) && (want.field === undefined || i.field === want.field),
    );
    expect(found, JSON.stringify(allIssues.map((i) => [i.layer, i.code, i.featureId]))).toBeDefined();
    if (want.en) expect(formatIssue(found!, 'en')).toContain(want.en);
    // Every message exists in Chinese too, and names the feature the same way.
    const zh = formatIssue(found!, 'zh');
    expect(zh.length).toBeGreaterThan(0);
    if (found!.index !== undefined) expect(zh).toContain(`第 ${found!.index + 1} 个要素`);
  });

  it.each(Object.entries(expected.coordinates ?? {}).flatMap(([layer, ids]) => Object.entries(ids).map(([id, xy]) => [layer, id, xy] as const)))(
    'places %s %s within 1 m of the expected position',
    (layer, id, [lon, lat]) => {
      const feature = dataset.layers[layer as 'kindergartens']!.features.find((f) => f.id === id)!;
      const [x, y] = (feature.geometry as { coordinates: number[] }).coordinates as [number, number];
      expect(Math.abs(x - lon) * 81_000).toBeLessThan(1);
      expect(Math.abs(y - lat) * 111_000).toBeLessThan(1);
    },
  );
});
