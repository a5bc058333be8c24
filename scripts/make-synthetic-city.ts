/**
 * A seeded synthetic city of any size in the contract's format, for benchmarks and scale tests:
 *
 *   npm run make-city -- --homes 100000 --out /tmp/city100k [--seed 1]
 *
 * A square street grid (150 m blocks, some streets missing, some not walkable), four homes per
 * block as small polygons, facilities of every kind in proportion to the homes, and communities tiling
 * the grid (about 450 homes each).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import seedrandom from 'seedrandom';
import { METRES_PER_DEGREE } from '../src/core/geodesy';
import type { ContractFeature, Dataset } from '../src/core/types';
import { serialise } from './make-sample-data';

const LON0 = 124.0;
const LAT0 = 43.0;
const COS = Math.cos((LAT0 * Math.PI) / 180);
const BLOCK = 150;
const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
const at = (x: number, y: number): [number, number] => [r6(LON0 + x / (METRES_PER_DEGREE * COS)), r6(LAT0 + y / METRES_PER_DEGREE)];

export function makeSyntheticCity(homes: number, seed = 1, candidates = 0): Dataset {
  const rng = seedrandom(`city-${seed}`);
  const side = Math.max(2, Math.ceil(Math.sqrt(homes / 4)));
  const feature = (id: string, properties: Record<string, unknown>, geometry: ContractFeature['geometry']): ContractFeature => ({ type: 'Feature', id, properties: { id, ...properties }, geometry });
  const roads: ContractFeature[] = [];
  const node = (i: number, j: number) => at(i * BLOCK, j * BLOCK);
  for (let line = 0; line <= side; line++) {
    for (const vertical of [false, true]) {
      // Each street in runs of up to 8 blocks; about 5 % of block faces have no street.
      let run: [number, number][] = [];
      const flush = () => {
        if (run.length > 1) roads.push(feature(`road-${roads.length}`, { highway: line % 10 === 0 ? 'primary' : 'residential', ...(line % 25 === 13 && !vertical ? { walkable: false } : {}) }, { type: 'LineString', coordinates: run }));
        run = [];
      };
      for (let k = 0; k <= side; k++) {
        const p = vertical ? node(line, k) : node(k, line);
        if (run.length === 0) run.push(p);
        else if (rng() < 0.05) {
          flush();
          run.push(p);
        } else {
          run.push(p);
          if (run.length > 8) {
            flush();
            run.push(p);
          }
        }
      }
      flush();
    }
  }
  const residential: ContractFeature[] = [];
  for (let h = 0; h < homes; h++) {
    const b = Math.floor(h / 4);
    const i = b % side;
    const j = Math.floor(b / side) % side;
    const q = h % 4;
    const x = i * BLOCK + 25 + (q % 2) * 60 + rng() * 20;
    const y = j * BLOCK + 25 + Math.floor(q / 2) * 60 + rng() * 20;
    const ring = [at(x, y), at(x + 30, y), at(x + 30, y + 20), at(x, y + 20), at(x, y)];
    const population = 50 + Math.floor(rng() * 250);
    residential.push(feature(`r${h}`, { population, children_0_2: Math.round(population * 0.02), children_3_5: Math.round(population * 0.024), children_6_11: Math.round(population * 0.05), children_12_14: Math.round(population * 0.026), children_15_17: Math.round(population * 0.025) }, { type: 'Polygon', coordinates: [ring] }));
  }
  const spot = () => at(rng() * side * BLOCK, rng() * side * BLOCK);
  const points = (prefix: string, n: number, props: () => Record<string, unknown>) =>
    Array.from({ length: Math.max(1, Math.round(n)) }, (_, k) => feature(`${prefix}${k}`, props(), { type: 'Point', coordinates: spot() }));
  const levels = ['primary', 'primary', 'middle', 'nine_year', 'high', 'complete'];
  // Communities tile the grid, about 450 homes each (100k homes: 225), as in a real district.
  const cells = Math.max(1, Math.round(Math.sqrt(homes / 450)));
  const cell = (side * BLOCK) / cells;
  const communities: ContractFeature[] = [];
  for (let cj = 0; cj < cells; cj++) {
    for (let ci = 0; ci < cells; ci++) {
      const [x0, y0, x1, y1] = [ci * cell, cj * cell, (ci + 1) * cell, (cj + 1) * cell];
      const n = cj * cells + ci;
      communities.push(feature(`c${n}`, { name: `社区 ${n}`, kind: n % 3 === 0 ? 'rural' : 'urban', parent_school: n % 4 !== 0 }, { type: 'Polygon', coordinates: [[at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1), at(x0, y0)]] }));
    }
  }
  return {
    meta: { name: `synthetic city ${homes}`, year: 2025, crs: 'EPSG:4326', ageShares: {}, synthetic: true },
    layers: {
      residential: { type: 'FeatureCollection', features: residential },
      roads: { type: 'FeatureCollection', features: roads },
      kindergartens: { type: 'FeatureCollection', features: points('k', homes / 60, () => ({ name: 'k', capacity: 180 })) },
      childcare: { type: 'FeatureCollection', features: points('cc', homes / 200, () => ({ name: 'cc', capacity: 40 })) },
      schools: { type: 'FeatureCollection', features: points('s', homes / 250, () => ({ name: 's', level: levels[Math.floor(rng() * levels.length)] })) },
      playgrounds: { type: 'FeatureCollection', features: points('p', homes / 50, () => ({ area_m2: 100 + Math.floor(rng() * 800) })) },
      childrens_homes: { type: 'FeatureCollection', features: points('ch', homes / 300, () => ({ name: 'ch' })) },
      communities: { type: 'FeatureCollection', features: communities },
      ...(candidates > 0 ? { candidates: { type: 'FeatureCollection', features: points('cand', candidates, () => ({ capacity: 180 + 30 * Math.floor(rng() * 6) })) } } : {}),
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const homes = Number(args[args.indexOf('--homes') + 1]);
  const out = args[args.indexOf('--out') + 1];
  const seed = args.includes('--seed') ? Number(args[args.indexOf('--seed') + 1]) : 1;
  if (!Number.isInteger(homes) || homes <= 0 || !out || !args.includes('--out')) {
    process.stderr.write('usage: npm run make-city -- --homes <n> --out <folder> [--seed <n>]\n');
    process.exit(2);
  }
  const city = makeSyntheticCity(homes, seed);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'dataset.json'), `${JSON.stringify({ name: city.meta.name, year: 2025, crs: 'EPSG:4326', synthetic: true }, null, 2)}\n`);
  for (const [layer, fc] of Object.entries(city.layers)) writeFileSync(join(out, `${layer}.geojson`), serialise(fc));
  process.stdout.write(`wrote ${out}\n`);
}
