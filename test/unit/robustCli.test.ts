/**
 * Issue 12, command-line and service cases: no command overwrites its input, leaves half a file,
 * ignores a wrong option, hangs on a service, or unpacks what nobody reads.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchFeatureService } from '../../src/core/import/featureService';
import { readZip } from '../../src/core/import/shapefile';
import { zipDataset, folderName } from '../../src/core/import/datasetFolder';
import { loadDataset } from '../../src/core/loadDataset';
import { readDatasetFolder } from '../../scripts/readDatasetFolder';

const REPO = join(import.meta.dirname, '..', '..');
const cli = (script: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join('scripts', `${script}.ts`), ...args], { cwd: REPO, encoding: 'utf8' });
/** Runs a command line without blocking the test's own servers (spawnSync would stall them). */
function cliAsync(script: string, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join('scripts', `${script}.ts`), ...args], { cwd: REPO });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
const temp = (name: string) => mkdtempSync(join(tmpdir(), `${name}-`));
const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const kg = (id: string, lon = 124.35) => ({ type: 'Feature', properties: { id, name: `幼儿园${id}` }, geometry: { type: 'Point', coordinates: [lon, 43.17] } });

/** A small copy of the sample: three layers are enough to run the whole analysis. */
function smallDataset(): string {
  const dir = temp('ds');
  for (const f of ['dataset.json', 'residential.geojson', 'kindergartens.geojson', 'roads.geojson']) cpSync(join(REPO, 'data', 'tiexi', f), join(dir, f));
  return dir;
}

describe('analyze never overwrites its input and writes whole files (case 5)', () => {
  it('refuses --out or --csv naming an input layer or the targets file, before any work', () => {
    const dir = smallDataset();
    const before = readFileSync(join(dir, 'residential.geojson'), 'utf8');
    for (const args of [['--out', join(dir, 'residential.geojson')], ['--out', join(dir, 'r.json'), '--csv', join(dir, 'kindergartens.geojson')]]) {
      const run = cli('analyze', dir, ...args);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/is one of the input files; refusing to overwrite it/);
    }
    // Through a symlink too.
    const link = join(temp('l2'), 'out.json');
    symlinkSync(join(dir, 'roads.geojson'), link);
    expect(cli('analyze', dir, '--out', link).status).toBe(2);
    expect(readFileSync(join(dir, 'residential.geojson'), 'utf8')).toBe(before);
    const targets = join(dir, '..', `t-${Date.now()}.json`);
    cpSync(join(REPO, 'src', 'core', 'targets.ts'), targets);
    expect(cli('analyze', dir, '--out', targets, '--targets', targets).status).toBe(2);
  });
  it('does not follow a planted *.partial symlink nor write through a symlink at the output name', () => {
    const dir = smallDataset();
    const outDir = temp('out');
    const victim = join(temp('victim'), 'precious.txt');
    writeFileSync(victim, 'keep me');
    symlinkSync(victim, join(outDir, 'report.json.partial'));
    symlinkSync(victim, join(outDir, 'access.csv'));
    const run = cli('analyze', dir, '--out', join(outDir, 'report.json'), '--csv', join(outDir, 'access.csv'), '--distance', 'euclidean');
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(lstatSync(join(outDir, 'access.csv')).isSymbolicLink()).toBe(false);
    expect(JSON.parse(readFileSync(join(outDir, 'report.json'), 'utf8')).indicators.length).toBeGreaterThan(0);
    // No temporary file is left behind.
    expect(readdirSync(outDir).filter((f) => f.endsWith('.partial') && f !== 'report.json.partial')).toEqual([]);
  });
  it('a missing --out folder is refused at once, before the analysis', () => {
    const run = cli('analyze', smallDataset(), '--out', join(temp('x'), 'no', 'such', 'r.json'));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/folder .* does not exist/);
    expect(run.stdout).toBe('');
  });
});

describe('command lines are strict (case 18)', () => {
  const dir = smallDataset();
  it.each([
    ['site', ['--distance', 'foo'], /--distance must be network or euclidean, not foo/],
    ['site', ['--k', '1.5'], /--k must be a whole number/],
    ['site', ['--k=-1'], /--k must be a whole number/],
    ['site', ['--frobnicate', '1'], /Unknown option '--frobnicate'/],
    ['analyze', ['--distnce', 'network'], /Unknown option '--distnce'/],
    ['analyze', ['--distance', 'walking'], /--distance must be network or euclidean/],
    ['validate', ['--jsn'], /Unknown option '--jsn'/],
    ['validate', ['--lang', 'fr'], /--lang must be zh or en/],
  ] as const)('%s %j is refused with exit 2', (script, extra, message) => {
    const out = join(temp('o'), 'r.json');
    const run = cli(script, dir, ...(script === 'validate' ? [] : ['--out', out]), ...extra);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });
  it('import refuses an unknown option', () => {
    const run = cli('import', 'csv', 'x.csv', '--out', temp('o'), '--lyer', 'schools');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Unknown option '--lyer'/);
  });
  it('a folder named x.geojson or a dangling link is named in the report; the rest loads', () => {
    const ds = smallDataset();
    mkdirSync(join(ds, 'schools.geojson'));
    symlinkSync(join(ds, 'nowhere.geojson'), join(ds, 'water.geojson'));
    const v = cli('validate', ds, '--lang', 'en');
    expect(v.status, v.stderr).toBe(0);
    expect(v.stdout).toMatch(/schools \(Schools\) — schools.geojson: NOT LOADED/);
    expect(v.stdout).toMatch(/cannot be read \(it is a folder, not a file\)/);
    expect(v.stdout).toMatch(/cannot be read \(it is a link to a file that does not exist\)/);
    expect(v.stderr).not.toMatch(/EISDIR|ENOENT|at .*\.ts/);
    const a = cli('analyze', ds, '--out', join(temp('o'), 'r.json'), '--distance', 'euclidean');
    expect(a.status, a.stderr).toBe(0);
  });
  it('validate and import say why they failed on stderr', () => {
    const ds = temp('bad');
    writeFileSync(join(ds, 'kindergartens.geojson'), '{"type":"FeatureCollection","features":[');
    const v = cli('validate', ds, '--lang', 'en');
    expect(v.status).toBe(1);
    expect(v.stderr).toMatch(/kindergartens.geojson: .*not a valid JSON file/);
    const csv = join(temp('c'), 'schools.csv');
    writeFileSync(csv, 'name,lng,lat,level\nA,abc,def,primary\n');
    const i = cli('import', 'csv', csv, '--out', join(temp('o'), 'x'), '--lang', 'en');
    expect(i.status).toBe(1);
    expect(i.stderr).toMatch(/nothing written .*: /);
  });
});

describe('import never empties a good layer (case 1) nor writes WGS84 into a projected folder (case 2)', () => {
  it('a layer whose features are all rejected leaves the folder’s layer as it was', () => {
    const out = temp('fold');
    writeFileSync(join(out, 'kindergartens.geojson'), fc([kg('a'), kg('b', 124.36)]));
    const before = readFileSync(join(out, 'kindergartens.geojson'), 'utf8');
    const csv = join(temp('c'), 'kindergartens.csv');
    writeFileSync(csv, 'name,lng,lat\nA,xx,yy\nB,,\n');
    const run = cli('import', 'csv', csv, '--out', out, '--lang', 'en');
    expect(run.status).toBe(1);
    expect(readFileSync(join(out, 'kindergartens.geojson'), 'utf8')).toBe(before);
  });
  it('a shrinking replacement is said and the previous file kept', () => {
    const out = temp('fold');
    writeFileSync(join(out, 'kindergartens.geojson'), fc([kg('a'), kg('b', 124.36), kg('c', 124.37)]));
    const before = readFileSync(join(out, 'kindergartens.geojson'), 'utf8');
    const csv = join(temp('c'), 'kindergartens.csv');
    writeFileSync(csv, 'name,lng,lat\nA,124.35,43.17\n');
    const run = cli('import', 'csv', csv, '--out', out, '--crs', 'WGS84', '--lang', 'en');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/kindergartens: 3 → 1 features; the previous file is kept as kindergartens.geojson.previous/);
    expect(readFileSync(join(out, 'kindergartens.geojson.previous'), 'utf8')).toBe(before);
  });
  it('refuses a folder whose dataset.json declares a projected system, writing nothing', () => {
    const out = temp('gk');
    writeFileSync(join(out, 'dataset.json'), JSON.stringify({ name: 'gk', crs: 'EPSG:4529' }));
    const csv = join(temp('c'), 'kindergartens.csv');
    writeFileSync(csv, 'name,lng,lat\nA,124.35,43.17\n');
    const run = cli('import', 'csv', csv, '--out', out, '--crs', 'WGS84');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/declares coordinates in EPSG:4529/);
    expect(readdirSync(out)).toEqual(['dataset.json']);
  });
});

describe('map services are bounded (cases 6–9)', () => {
  let server: Server;
  let base = '';
  let requests = 0;
  const page = (features: unknown[], next?: string) => JSON.stringify({ type: 'FeatureCollection', features, links: next ? [{ rel: 'next', href: next }] : [] });
  beforeAll(async () => {
    server = createServer((req, res) => {
      requests++;
      const url = new URL(req.url ?? '/', base);
      res.setHeader('Content-Type', 'application/geo+json');
      if (url.pathname === '/endless/collections/k/items') {
        // A next link that changes forever.
        const n = Number(url.searchParams.get('n') ?? 0);
        res.end(page([kg(`k${n}`)], `${base}/endless/collections/k/items?n=${n + 1}`));
      } else if (url.pathname === '/silent/collections/k/items') {
        // Never answers.
      } else if (url.pathname === '/drip/collections/k/items') {
        res.writeHead(200);
        const timer = setInterval(() => res.write(' '), 300);
        req.on('close', () => clearInterval(timer));
      } else if (url.pathname === '/elsewhere/collections/k/items') {
        res.end(page([kg('a')], 'http://example.invalid/collections/k/items?page=2'));
      } else if (url.pathname === '/data/collections/k/items') {
        res.end(page([kg('a')], `data:application/json,${encodeURIComponent(page([kg('b')]))}`));
      } else if (url.pathname === '/redirect/collections/k/items') {
        res.writeHead(302, { Location: 'http://127.0.0.2:9/collections/k/items' });
        res.end();
      } else if (url.pathname === '/huge/collections/k/items') {
        res.writeHead(200, { 'Content-Length': String(3 * 1024 * 1024 * 1024) });
        res.write('{"type":"FeatureCollection","features":[');
      } else if (url.pathname === '/many/collections/k/items') {
        res.end(page(Array.from({ length: 30 }, (_, i) => kg(`m${i}`))));
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('a next link that changes forever stops at the page bound, saying so (command line)', async () => {
    requests = 0;
    const run = await cliAsync('import', 'service', `${base}/endless/collections/k/items`, '--layer', 'kindergartens', '--max-pages', '40', '--out', join(temp('o'), 'x'), '--lang', 'en');
    expect(run.status).toBe(1);
    expect(run.stdout + run.stderr).toMatch(/still had more after 40 pages; stopped \(nothing imported\)/);
    expect(requests).toBe(40);
  });
  it('a server that never answers, or drips a byte at a time, times out (command line)', async () => {
    for (const path of ['silent', 'drip']) {
      const run = await cliAsync('import', 'service', `${base}/${path}/collections/k/items`, '--layer', 'kindergartens', '--timeout', '1', '--out', join(temp('o'), 'x'), '--lang', 'en');
      expect(run.status, path).toBe(1);
      expect(run.stdout + run.stderr).toMatch(/did not finish answering .* within 1 s/);
    }
  });
  it('next links and redirects to another host, and data: URLs, are not followed unless allowed', async () => {
    for (const path of ['elsewhere', 'data', 'redirect']) {
      const result = await fetchFeatureService(`${base}/${path}/collections/k/items`, { requestTimeoutMs: 3000 });
      expect(result.ok, path).toBe(false);
      if (!result.ok) expect(result.issue.code, path).toBe('service_other_host');
    }
    const allowed = await fetchFeatureService(`${base}/elsewhere/collections/k/items`, { allowOtherHosts: true, requestTimeoutMs: 3000 });
    expect(allowed.ok).toBe(false);
    if (!allowed.ok) expect(allowed.issue.code).toBe('service_unreachable'); // followed, and the other host is not there
  });
  it('says when the feature or byte cap is hit, and refuses an oversized page before reading it', async () => {
    const capped = await fetchFeatureService(`${base}/many/collections/k/items`, { maxFeatures: 10 });
    expect(capped.ok).toBe(false);
    if (!capped.ok) expect(capped.issue).toMatchObject({ code: 'service_limit', params: { limit: 'features', value: 10 } });
    const huge = await fetchFeatureService(`${base}/huge/collections/k/items`, { requestTimeoutMs: 3000 });
    expect(huge.ok).toBe(false);
    if (!huge.ok) expect(huge.issue).toMatchObject({ code: 'service_limit', params: { limit: 'bytes' } });
  });
  it('stops when cancelled', async () => {
    requests = 0;
    const controller = new AbortController();
    const pending = fetchFeatureService(`${base}/endless/collections/k/items`, { signal: controller.signal, onPage: (pages) => pages === 5 && controller.abort() });
    const result = await pending;
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issue.code).toBe('service_cancelled');
    expect(requests).toBeLessThanOrEqual(6);
  });
});

/** A zip whose central directory declares `size` bytes for `entry` (only the directory is changed). */
function declareSize(zip: Uint8Array, entry: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i < out.length - 46; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(i + 28, true);
    const name = new TextDecoder().decode(out.subarray(i + 46, i + 46 + nameLength));
    if (name === entry) view.setUint32(i + 24, size, true);
  }
  return out;
}

describe('zips (cases 10, 11, 17)', () => {
  const sample = loadDataset(readDatasetFolder(join(REPO, 'data', 'tiexi')).files).dataset;
  it('never unpacks entries nothing reads (2,000 .txt entries declaring 1 GB each)', () => {
    const entries: Record<string, Uint8Array> = { 'd/kindergartens.geojson': strToU8(fc([kg('a')])) };
    for (let i = 0; i < 2000; i++) entries[`d/junk-${i}.txt`] = strToU8('x'.repeat(100));
    let bytes: Uint8Array = zipSync(entries, { level: 9 });
    // Unpacking any of them would allocate its declared gigabyte: 2,000 of them cannot pass unnoticed.
    for (let i = 0; i < 2000; i++) bytes = declareSize(bytes, `d/junk-${i}.txt`, 1024 * 1024 * 1024);
    const zip = readZip('bomb.zip', bytes);
    expect(zip.kind).toBe('dataset');
    if (zip.kind === 'dataset') expect(zip.files.map((f) => f.name)).toEqual(['kindergartens.geojson']);
  });
  it('skips an entry declaring 1 GB, naming it, and loads the zip’s valid layers', () => {
    const entries = { 'd/kindergartens.geojson': strToU8(fc([kg('a')])), 'd/schools.geojson': strToU8(fc([])) };
    const zip = declareSize(zipSync(entries), 'd/schools.geojson', 1024 * 1024 * 1024);
    const read = readZip('big.zip', zip);
    expect(read.kind).toBe('dataset');
    if (read.kind !== 'dataset') return;
    expect(read.files.map((f) => f.name)).toEqual(['kindergartens.geojson']);
    expect(read.skipped[0]).toMatchObject({ code: 'zip_entry_skipped', params: { entry: 'd/schools.geojson', sizeMB: 1024, why: 'entry' } });
    // The command line names it in the report and loads the rest.
    const path = join(temp('z'), 'big.zip');
    writeFileSync(path, zip);
    const run = cli('validate', path, '--lang', 'en');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/schools.geojson: NOT LOADED/);
    expect(run.stdout).toMatch(/unpacks to about 1024 MB/);
    expect(run.stdout).toMatch(/kindergartens .*: 1 loaded/);
  });
  it('caps the total unpacked, naming what is left out', () => {
    const entries = { 'a/kindergartens.geojson': strToU8(fc([kg('a')])), 'a/schools.geojson': strToU8(fc([])) };
    const read = readZip('t.zip', zipSync(entries), {}, { entryBytes: 1e6, totalBytes: 100 });
    expect(read.kind).toBe('dataset');
    if (read.kind === 'dataset') expect(read.skipped.map((s) => s.params.why)).toEqual(['total']);
  });
  it('reads a zip of 10,000 Shapefiles without matching names pair by pair', () => {
    const source = unzipSync(readFileSync(join(REPO, 'test', 'fixtures', 'import', 'schools-utf8-nocpg.zip')));
    const parts = Object.entries(source).filter(([n]) => /\.(shp|dbf|prj)$/i.test(n));
    const entries: Record<string, Uint8Array> = {};
    for (let i = 0; i < 10_000; i++) for (const [n, bytes] of parts) entries[`layer${i}${n.slice(n.lastIndexOf('.'))}`] = bytes;
    const read = readZip('many.zip', zipSync(entries, { level: 0 }));
    expect(read.kind).toBe('shapefile');
    if (read.kind === 'shapefile') {
      expect(read.layers.length).toBe(10_000);
      expect(read.layers[9_999]!.features.length).toBeGreaterThan(0);
    }
  }, 60_000);
  it('a dataset named .. exports into a folder of its own, never above', () => {
    for (const name of ['..', '../..', '.', ' ../x ', 'a/../../b']) {
      const zip = unzipSync(zipDataset({ ...sample, meta: { ...sample.meta, name } }));
      for (const entry of Object.keys(zip)) {
        expect(entry.split('/')).not.toContain('..');
        expect(entry.startsWith('/')).toBe(false);
      }
      expect(folderName(name)).not.toMatch(/^\.|\/|\\/);
    }
  });
});
