/**
 * data_quality on a seeded city whose counts are known by construction: two road grids 1 km apart
 * that never meet, facilities only on the western one, a hamlet far from any road, estimated
 * population, facilities without capacity, a playground of unknown size, assumed coordinates.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze';
import { buildWalkingNetwork } from '../../src/core/network/walkingNetwork';
import { networkComponents } from '../../src/core/network/networkComponents';
import type { ContractFeature, LoadResult } from '../../src/core/types';
import { dataset, point, road, seeded } from './fixtures';

/** A grid of streets every 100 m over [x0, x0+size] × [0, size], a vertex at every crossing. */
function grid(prefix: string, x0: number, size: number): ContractFeature[] {
  const roads: ContractFeature[] = [];
  const steps = Array.from({ length: size / 100 + 1 }, (_, i) => i * 100);
  for (const k of steps) {
    roads.push(road(`${prefix}-h${k}`, steps.map((s) => [x0 + s, k] as [number, number])));
    roads.push(road(`${prefix}-v${k}`, steps.map((s) => [x0 + k, s] as [number, number])));
  }
  return roads;
}

function city(seed: number) {
  const rand = seeded(seed);
  const roads = [...grid('w', 0, 1000), ...grid('e', 2000, 600)];
  const residential: ContractFeature[] = [];
  let westChildren = 0;
  let eastChildren = 0;
  let estimatedHomes = 0;
  for (let i = 0; i < 40; i++) {
    const east = i % 4 === 0;
    const xy: [number, number] = east ? [2000 + rand() * 600, rand() * 600] : [rand() * 1000, rand() * 1000];
    const bands = { children_0_2: Math.floor(rand() * 5), children_3_5: Math.floor(rand() * 5), children_6_11: Math.floor(rand() * 9), children_12_14: Math.floor(rand() * 5), children_15_17: Math.floor(rand() * 5) };
    const children = Object.values(bands).reduce((s, v) => s + v, 0);
    const estimated = i % 5 === 1;
    if (estimated) estimatedHomes++;
    if (east) eastChildren += children;
    else westChildren += children;
    residential.push(point(`r${i}`, xy, { population: 100, ...bands, ...(estimated ? { population_estimated: true } : {}) }));
  }
  // A hamlet 800 m south of every road.
  residential.push(point('hamlet', [500, -800], { population: 30, children_0_2: 1, children_3_5: 1, children_6_11: 2, children_12_14: 1, children_15_17: 0 }));
  const layers = {
    roads,
    residential,
    kindergartens: [point('k1', [500, 500], { name: '甲', capacity: 90 }), point('k2', [100, 900], { name: '乙' })],
    childcare: [point('c1', [300, 300], { name: '丙' })],
    schools: [point('s1', [800, 200], { name: '丁小学', level: 'primary', crs_assumed: true }), point('s2', [200, 200], { name: '戊中学', level: 'middle', crs_assumed: true })],
    playgrounds: [point('p1', [600, 600], { name: '场地' })],
  };
  return { layers, westChildren, eastChildren, estimatedHomes };
}

const load = (d: ReturnType<typeof dataset>): LoadResult => ({ dataset: d, report: { crsIn: 'EPSG:4326', usable: true, dataset: [], layers: {} } });

describe('data_quality', () => {
  for (const seed of [1, 2, 3]) {
    it(`counts separate networks, cut-off and off-network homes by construction (seed ${seed})`, () => {
      const c = city(seed);
      const d = dataset(c.layers);
      d.meta.importExcluded = [{ rule: 'building_non_residential_use', count: 7, zh: '非居住用途建筑', en: 'buildings of a non-residential use' }];
      const report = analyze(load(d));
      const q = Object.fromEntries(report.data_quality.map((f) => [f.id, f]));

      expect(q['network.components']).toMatchObject({ value: 2, homes: 10, children: c.eastChildren, severity: 'warning' });
      expect(q['network.homes_cut_off']).toMatchObject({ value: 10, homes: 10, children: c.eastChildren });
      expect(q['network.off_network']).toMatchObject({ value: 1, homes: 1, children: 5 });
      expect(q['population.estimated']).toMatchObject({ value: c.estimatedHomes, homes: c.estimatedHomes });
      expect(q['facilities.capacity_unknown']).toMatchObject({ value: 2 });
      expect(q['playgrounds.size_unknown']).toMatchObject({ value: 1 });
      expect(q['crs.assumed']).toMatchObject({ value: 2, severity: 'warning' });
      expect(q['crs.assumed']!.message.en).toContain('EPSG:4326');
      expect(q['import.excluded']).toMatchObject({ value: 7 });
      expect(q['import.excluded']!.message.zh).toContain('非居住用途建筑');
      // Assumed coordinates are said first.
      expect(report.data_quality[0]!.id).toBe('crs.assumed');
      for (const f of report.data_quality) expect(f.message.zh.length * f.message.en.length).toBeGreaterThan(0);

      // Each coverage reason says when a material share of its children are cut off.
      const kg = report.indicators.find((i) => i.id === 'coverage.kindergarten')!;
      expect(kg.reason).toMatch(/% of these children live off the walking network or on a separate piece/);
      // Every eastern and hamlet home reaches nothing.
      for (const row of report.access) {
        if (row.id === 'hamlet' || Number(String(row.id).slice(1)) % 4 === 0) expect(row.nearest.kindergarten).toBeNull();
      }
    });
  }

  it('says nothing when there is nothing to say', () => {
    const d = dataset({
      roads: grid('w', 0, 300),
      residential: [point('r1', [100, 100], { population: 10, children_0_2: 1, children_3_5: 1, children_6_11: 1, children_12_14: 1, children_15_17: 1 })],
      kindergartens: [point('k1', [200, 200], { name: '甲', capacity: 30 })],
    });
    expect(analyze(load(d)).data_quality).toEqual([]);
  });

  it('finds components as a brute-force search over shared coordinates does', () => {
    for (const seed of [4, 5, 6, 7]) {
      const rand = seeded(seed);
      // Random short segments on a coarse lattice: many meet, some do not.
      const roads: ContractFeature[] = Array.from({ length: 60 }, (_, i) => {
        const x = Math.floor(rand() * 10) * 100;
        const y = Math.floor(rand() * 10) * 100;
        const horizontal = rand() < 0.5;
        return road(`x${i}`, [[x, y], horizontal ? [x + 100, y] : [x, y + 100]]);
      });
      const network = buildWalkingNetwork(roads);
      const components = networkComponents(network);
      // Brute force: repeated relaxation of labels over the edge list until nothing changes.
      const label = Array.from({ length: network.nodeCount }, (_, n) => n);
      for (let changed = true; changed; ) {
        changed = false;
        for (let e = 0; e < network.edgeCount; e++) {
          const a = network.edgeFrom[e]!;
          const b = network.edgeTo[e]!;
          const m = Math.min(label[a]!, label[b]!);
          if (label[a] !== m || label[b] !== m) {
            label[a] = m;
            label[b] = m;
            changed = true;
          }
        }
      }
      expect(components.count).toBe(new Set(label).size);
      for (let a = 0; a < network.nodeCount; a++) {
        for (let b = a + 1; b < network.nodeCount; b++) expect(components.ofNode[a] === components.ofNode[b]).toBe(label[a] === label[b]);
      }
      const sizes = new Map<number, number>();
      for (const l of label) sizes.set(l, (sizes.get(l) ?? 0) + 1);
      expect(components.nodes[components.largest]).toBe(Math.max(...sizes.values()));
    }
  });
});
