/**
 * Importer timings for `npm run bench`: an OpenStreetMap extract (XML and Overpass JSON), a CSV point
 * list in GCJ-02, and the dataset zip export, each through to the loader's report, at district and
 * city sizes. The inputs are made here, seeded, so the figures are comparable between runs.
 */
import seedrandom from 'seedrandom';
import { csvToRawLayer } from '../src/core/import/csvPoints';
import { readCsvTable } from '../src/core/import/csvTable';
import { zipDataset } from '../src/core/import/datasetFolder';
import { guessFieldMapping, mapRawLayer } from '../src/core/import/fieldMapping';
import { loadImported } from '../src/core/import/loadImported';
import { importOsm } from '../src/core/import/osm';
import type { Dataset } from '../src/core/types';

type El = Record<string, unknown>;

/** A grid of residential buildings (5-node ways) along residential streets, plus schools and ponds. */
export function syntheticOsm(buildings: number, seed = 1): { json: string; xml: string; elements: number } {
  const random = seedrandom(String(seed));
  const els: El[] = [];
  let id = 1;
  const node = (lon: number, lat: number, tags?: Record<string, string>) => {
    const n = id++;
    els.push({ type: 'node', id: n, lat: +lat.toFixed(7), lon: +lon.toFixed(7), ...(tags ? { tags } : {}) });
    return n;
  };
  const side = Math.ceil(Math.sqrt(buildings));
  const step = 0.0006; // about 50 m
  for (let i = 0; i < buildings; i++) {
    const x = 124.3 + (i % side) * step;
    const y = 43.1 + Math.floor(i / side) * step;
    const w = step * (0.3 + random() * 0.3);
    const a = node(x, y), b = node(x + w, y), c = node(x + w, y + w * 0.7), d = node(x, y + w * 0.7);
    els.push({ type: 'way', id: id++, nodes: [a, b, c, d, a], tags: { building: 'apartments', 'building:levels': String(3 + Math.floor(random() * 15)) } });
    if (i % 60 === 0) node(x + step / 2, y + step / 2, { amenity: 'kindergarten', name: `幼儿园${i}` });
    if (i % 400 === 0) node(x + step / 2, y + step / 3, { amenity: 'school', name: `第${i}小学` });
  }
  for (let r = 0; r <= side; r++) {
    const row = Array.from({ length: side + 1 }, (_, k) => node(124.3 + k * step - step / 4, 43.1 + r * step - step / 4));
    els.push({ type: 'way', id: id++, nodes: row, tags: { highway: 'residential' } });
  }
  const json = JSON.stringify({ elements: els });
  const tags = (t?: Record<string, string>) => Object.entries(t ?? {}).map(([k, v]) => `<tag k="${k}" v="${v}"/>`).join('');
  const xml = `<?xml version="1.0"?><osm version="0.6">${els
    .map((e) =>
      e.type === 'node'
        ? `<node id="${e.id}" lat="${e.lat}" lon="${e.lon}">${tags(e.tags as Record<string, string>)}</node>`
        : `<way id="${e.id}">${(e.nodes as number[]).map((n) => `<nd ref="${n}"/>`).join('')}${tags(e.tags as Record<string, string>)}</way>`,
    )
    .join('')}</osm>`;
  return { json, xml, elements: els.length };
}

export function syntheticCsv(rows: number, seed = 1): Uint8Array {
  const random = seedrandom(String(seed));
  const lines = ['名称,经度,纬度,学位,普惠'];
  for (let i = 0; i < rows; i++) lines.push(`幼儿园${i},${(124.2 + random() * 0.3).toFixed(6)},${(43.0 + random() * 0.3).toFixed(6)},${60 + Math.floor(random() * 300)},${random() < 0.5 ? '是' : '否'}`);
  return new TextEncoder().encode(lines.join('\r\n'));
}

const time = <T>(fn: () => T): [T, number] => {
  const t = performance.now();
  const r = fn();
  return [r, performance.now() - t];
};

export function benchImport(quick: boolean, datasets: [string, Dataset][]): string[] {
  const rows: string[] = [];
  for (const n of quick ? [5_000] : [5_000, 50_000]) {
    const osm = syntheticOsm(n);
    for (const [format, text] of [['Overpass JSON', osm.json], ['.osm XML', osm.xml]] as const) {
      const [converted, convertMs] = time(() => importOsm('bench', text));
      const [loaded, loadMs] = time(() => loadImported(converted.files, converted.notes));
      const homes = loaded.dataset.layers.residential?.features.length ?? 0;
      rows.push(`| OpenStreetMap, ${format} | ${osm.elements.toLocaleString('en')} elements (${(text.length / 1048576).toFixed(1)} MB) → ${homes.toLocaleString('en')} homes | ${convertMs.toFixed(0)} | ${loadMs.toFixed(0)} | **${(convertMs + loadMs).toFixed(0)}** |`);
    }
  }
  for (const n of quick ? [10_000] : [10_000, 100_000]) {
    const bytes = syntheticCsv(n);
    const [raw, convertMs] = time(() => {
      const table = readCsvTable('bench.csv', bytes);
      const layer = csvToRawLayer(table, { lng: '经度', lat: '纬度', crs: 'GCJ-02' });
      return mapRawLayer(layer, 'kindergartens', guessFieldMapping('kindergartens', layer.attributes));
    });
    const [loaded, loadMs] = time(() => loadImported([raw.file], raw.notes));
    rows.push(`| CSV, GCJ-02 → WGS84 | ${n.toLocaleString('en')} rows (${(bytes.length / 1048576).toFixed(1)} MB) → ${loaded.dataset.layers.kindergartens!.features.length.toLocaleString('en')} kindergartens | ${convertMs.toFixed(0)} | ${loadMs.toFixed(0)} | **${(convertMs + loadMs).toFixed(0)}** |`);
  }
  for (const [name, ds] of datasets) {
    const [zip, ms] = time(() => zipDataset(ds));
    rows.push(`| dataset zip export | ${name} (${(zip.length / 1048576).toFixed(1)} MB zipped) | ${ms.toFixed(0)} | — | **${ms.toFixed(0)}** |`);
  }
  return rows;
}
