/** The embedded Tiexi sample: deterministic, valid, and holding the findings it promises. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { distance, pointToLineDistance, centroid, polygonToLine } from '@turf/turf';
import { loadDataset } from '../../src/core/loadDataset';
import { LAYER_NAMES } from '../../src/core/layers';
import type { Feature } from 'geojson';
import { earlierYear, makeTiexiSample, SAMPLE_DIR, SAMPLE_YEARS, serialise } from '../../scripts/make-sample-data';

const generated = makeTiexiSample();
const files = Object.entries(generated).map(([name, value]) => ({ name, text: serialise(value) }));
const { dataset, report } = loadDataset(files);

describe('the Tiexi sample generator', () => {
  it('writes the same files every run, and the committed files are its output', () => {
    const again = makeTiexiSample();
    for (const [name, value] of Object.entries(generated)) {
      expect(serialise(again[name]), name).toBe(serialise(value));
      expect(readFileSync(join(SAMPLE_DIR, name), 'utf8'), `${name} is stale: run npm run make-sample`).toBe(serialise(value));
    }
  });

  it('writes the earlier monitoring years from the 2025 sample, with fewer kindergartens, children\'s homes and homes', () => {
    for (const year of SAMPLE_YEARS) {
      const earlier = earlierYear(generated, year);
      for (const [name, value] of Object.entries(earlier)) {
        expect(readFileSync(join(`${SAMPLE_DIR}-${year}`, name), 'utf8'), `tiexi-${year}/${name} is stale: run npm run make-sample`).toBe(serialise(value));
      }
      const count = (layer: string) => (earlier[`${layer}.geojson`] as { features: unknown[] }).features.length;
      const back = 2025 - year;
      expect(count('kindergartens')).toBe(dataset.layers.kindergartens!.features.length - 2 * back);
      expect(count('childrens_homes')).toBe(dataset.layers.childrens_homes!.features.length - 3 * back);
      expect(count('residential')).toBeLessThan(dataset.layers.residential!.features.length);
      expect((earlier['dataset.json'] as { year: number }).year).toBe(year);
    }
  });

  it('gives a different city for a different seed', () => {
    expect(serialise(makeTiexiSample('other')['residential.geojson'])).not.toBe(serialise(generated['residential.geojson']));
  });

  it('has every layer of the contract, all valid', () => {
    expect(report.usable).toBe(true);
    // Tiexi has drawn no living circles: its communities are the land allocation's units.
    expect(report.layers.planning_units).toBeUndefined();
    for (const layer of LAYER_NAMES.filter((l) => l !== 'planning_units')) {
      const lr = report.layers[layer];
      expect(lr, layer).toBeDefined();
      expect(lr!.rejected, layer).toBe(0);
      expect(lr!.features, layer).toBeGreaterThan(0);
    }
    expect(dataset.meta.synthetic).toBe(true);
  });

  it('sits at Tiexi’s real place', () => {
    for (const f of dataset.layers.residential!.features) {
      const [lon, lat] = centroid(f).geometry.coordinates as [number, number];
      expect(lon).toBeGreaterThan(124.28);
      expect(lon).toBeLessThan(124.39);
      expect(lat).toBeGreaterThan(43.14);
      expect(lat).toBeLessThan(43.21);
    }
  });

  it('models a district of a few hundred thousand people in a few thousand blocks', () => {
    const homes = dataset.layers.residential!.features;
    const population = homes.reduce((s, f) => s + (f.properties.population as number), 0);
    expect(homes.length).toBeGreaterThan(2000);
    expect(population).toBeGreaterThan(250_000);
    expect(population).toBeLessThan(400_000);
    // Some homes lack age bands, so the estimate from age_shares gets exercised.
    expect(homes.some((f) => f.properties.children_3_5 === undefined)).toBe(true);
  });

  it('has roads a child may not walk along, urban and rural communities', () => {
    expect(dataset.layers.roads!.features.some((f) => f.properties.walkable === false)).toBe(true);
    const kinds = new Set(dataset.layers.communities!.features.map((f) => f.properties.kind));
    expect(kinds).toEqual(new Set(['urban', 'rural']));
    expect(new Set(dataset.layers.schools!.features.map((f) => f.properties.level))).toEqual(new Set(['primary', 'middle', 'nine_year', 'high', 'complete']));
  });

  const pointOf = (f: Feature) => centroid(f);
  it('plants an unfenced, freezing pond within 200 m of a kindergarten', () => {
    const ponds = dataset.layers.water!.features.filter((w) => w.properties.kind === 'pond' && w.properties.fenced === false && w.properties.freezes === true);
    const near = ponds.some((p) => dataset.layers.kindergartens!.features.some((k) => pointToLineDistance(pointOf(k), polygonToLine(p as never) as never, { units: 'meters' }) < 200));
    expect(near).toBe(true);
  });

  it('plants an internet café within 200 m of a primary school', () => {
    const cafes = dataset.layers.venues!.features.filter((v) => v.properties.kind === 'internet_cafe');
    const primaries = dataset.layers.schools!.features.filter((s) => s.properties.level === 'primary' && s.geometry.type === 'Polygon');
    expect(cafes.some((c) => primaries.some((s) => pointToLineDistance(pointOf(c), polygonToLine(s as never) as never, { units: 'meters' }) < 200))).toBe(true);
  });

  it('leaves homes more than 300 m from every kindergarten', () => {
    const kgs = dataset.layers.kindergartens!.features.map(pointOf);
    const far = dataset.layers.residential!.features.filter((h) => kgs.every((k) => distance(pointOf(h), k, { units: 'meters' }) > 300));
    expect(far.length).toBeGreaterThan(50);
  });
});
