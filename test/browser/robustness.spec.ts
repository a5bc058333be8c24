/**
 * Issue 12 in the app: nothing the planner did is lost without a word, a broken saved state never
 * locks the planner out, an import never empties a good layer, and Cancel stops a map service.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { unzipSync, zipSync } from 'fflate';
import { downloadedText, importFixture, Planner, REPO } from './driver';

const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const school = (id: string, level: string, lon = 124.35) => ({ type: 'Feature', properties: { id, name: `学校${id}`, level }, geometry: { type: 'Point', coordinates: [lon, 43.17] } });

/** Writes raw values into the app's IndexedDB store, as a damaged or hand-edited profile would hold them. */
async function writeStored(page: Page, values: Record<string, unknown>): Promise<void> {
  await page.evaluate(
    (values) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('child-friendly-planner');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('state', 'readwrite');
          for (const [k, v] of Object.entries(values)) tx.objectStore('state').put(v, k);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
    values,
  );
}

async function mergeSchools(planner: Planner, features: unknown[], alongside: { name: string; content: string }[] = []): Promise<void> {
  await planner.dropFiles([{ name: 'schools.geojson', content: fc(features) }, ...alongside]);
  await planner.page.getByTestId('import-mode-merge').check();
  await planner.page.getByTestId('import-load').click();
  // Either the report (the import is in force) or the question before a layer shrinks.
  await expect(planner.page.getByTestId('validation-report').or(planner.page.getByTestId('import-confirm'))).toBeVisible({ timeout: 30_000 });
  if (await planner.page.getByTestId('validation-report').isVisible()) await planner.closeReport();
}

/** A merge leaving one school, confirmed: the sample's schools are replaced by it. */
async function replaceSchools(planner: Planner): Promise<void> {
  await mergeSchools(planner, [school('s1', 'primary')]);
  await planner.page.getByTestId('import-confirm-replace').click();
  await planner.waitForMapDrawn();
  await planner.closeReport();
}

test('a merge whose schools are all rejected keeps the loaded schools and says so; a shrinking one can be undone', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  const before = await planner.legendCount('schools');
  expect(before).toMatch(/\d/);
  // Schools that all fail, beside a playground that loads: the import is usable, its schools are not.
  const playground = { name: 'playgrounds.geojson', content: fc([{ type: 'Feature', properties: { id: 'p1', name: '新场地' }, geometry: { type: 'Point', coordinates: [124.35, 43.17] } }]) };
  await mergeSchools(planner, [school('s1', 'university'), school('s2', 'kindergarten')], [playground]);
  // One playground would replace many: asked first; the schools, kept whole, are not in the question.
  await expect(page.getByTestId('import-confirm-playgrounds')).toBeVisible();
  await expect(page.getByTestId('import-confirm-schools')).toHaveCount(0);
  await page.getByTestId('import-confirm-append').click();
  await planner.waitForMapDrawn();
  await planner.closeReport();
  await expect(page.getByTestId('import-outcome')).toContainText('导入的要素全部无法使用，保留原有的');
  expect(await planner.legendCount('schools')).toBe(before);
  await planner.reload();
  expect(await planner.legendCount('schools')).toBe(before); // what was saved is the kept layer

  // A merge that would shrink the layer asks first (issue 14): cancel changes nothing.
  await mergeSchools(planner, [school('s1', 'primary')]);
  await expect(page.getByTestId('import-confirm-schools')).toContainText('→ 导入后 1 个');
  await page.getByTestId('import-confirm-cancel').click();
  await expect(page.getByTestId('import-confirm')).toHaveCount(0);
  expect(await planner.legendCount('schools')).toBe(before);
  // Append keeps the loaded schools and adds the new one.
  await mergeSchools(planner, [school('s1', 'primary')]);
  await page.getByTestId('import-confirm-append').click();
  await planner.waitForMapDrawn();
  await planner.closeReport();
  await expect(page.getByTestId('legend-count-schools')).toHaveText(`${Number(before.replace(/\D/g, '')) + 1} 个要素`);
  await expect(page.getByTestId('import-outcome')).toContainText('追加后');
  await page.getByTestId('import-undo').click();
  await planner.waitForMapDrawn();
  expect(await planner.legendCount('schools')).toBe(before);
  // Replace: the layer shrinks, said in the notice, and undoable.
  await mergeSchools(planner, [school('s1', 'primary')]);
  await page.getByTestId('import-confirm-replace').click();
  await planner.waitForMapDrawn();
  await planner.closeReport();
  await expect(page.getByTestId('import-outcome')).toContainText('→ 1 个要素');
  await expect(page.getByTestId('legend-count-schools')).toHaveText('1 个要素');
  await page.getByTestId('import-undo').click();
  await planner.waitForMapDrawn();
  expect(await planner.legendCount('schools')).toBe(before);
  await expect(page.getByTestId('import-outcome')).toHaveCount(0);
  await planner.reload();
  expect(await planner.legendCount('schools')).toBe(before); // the undo was saved too
});

test('when the browser refuses to save, the planner is told at once and can export the work', async ({ page }) => {
  await page.addInitScript(() => {
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  const planner = new Planner(page);
  await planner.open();
  await expect(page.getByTestId('save-failed')).toContainText('无法保存到浏览器存储（QuotaExceededError');
  await expect(page.getByTestId('save-failed')).toContainText('刷新或关闭页面后将丢失');
  // The work is still there, and leaves as a zip.
  expect(await planner.legendCount('residential')).toContain('2,373');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-failed-export').click()]);
  const zip = unzipSync(new Uint8Array(Buffer.concat(await (await download.createReadStream()).toArray())));
  expect(Object.keys(zip).some((n) => n.endsWith('/residential.geojson'))).toBe(true);
});

test('damaged saved values are dropped one by one and named; the rest is restored', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  // An imported layer, so the restored dataset can be told from the sample.
  await replaceSchools(planner);
  await writeStored(page, { settings: { lang: 'xx', basemapUrl: 42, hiddenLayers: 'all' }, scenarios: { not: 'a list' }, edits: 'nope' });
  await planner.reload();
  await expect(page.getByTestId('restore-dropped')).toContainText('settings.lang、settings.basemapUrl、settings.hiddenLayers、edits、scenarios');
  await expect(page.getByTestId('legend-count-schools')).toHaveText('1 个要素'); // the dataset itself was fine
  await expect(page.getByTestId('tab-coverage')).toHaveText('生活圈覆盖'); // Chinese, as the default

  // A dataset that is not a dataset: dropped, said, and the sample loaded in its place.
  await writeStored(page, { dataset: { dataset: 'not a dataset' }, settings: { lang: 'en' } });
  await planner.reload();
  await expect(page.getByTestId('restore-dropped')).toContainText('dataset');
  expect(await planner.legendCount('residential')).toContain('2,373');
  await expect(page.getByTestId('tab-coverage')).not.toHaveText('生活圈覆盖'); // the valid setting (English) kept
});

test('the error page resets to the sample after downloading a backup of what could be read', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await replaceSchools(planner);
  // A state no check foresaw breaks the page.
  await page.evaluate(() => window.__plannerStore!.setState({ dataset: { meta: { name: { not: 'text' }, year: null, crs: 'EPSG:4326', ageShares: {}, synthetic: false }, layers: {} } as never }));
  await expect(page.getByTestId('fatal-error')).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('fatal-reset').click()]);
  const backup = JSON.parse(await downloadedText(download)) as { dataset: { dataset: { layers: { schools: { features: unknown[] } } } } };
  expect(backup.dataset.dataset.layers.schools.features).toHaveLength(1); // the imported work, kept in the backup
  const fresh = new Planner(page); // the page has reloaded: its counts start again
  await fresh.waitForMapDrawn();
  expect(await fresh.legendCount('schools')).not.toBe('1 个要素');
  expect(await fresh.legendCount('residential')).toContain('2,373');
});

test('Cancel stops a map service that pages forever', async ({ page }) => {
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const n = Number(url.searchParams.get('n') ?? 0);
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Content-Type', 'application/geo+json');
    // Slow enough that the dialog is still reading when Cancel is pressed.
    setTimeout(() => res.end(JSON.stringify({ type: 'FeatureCollection', features: [school(`s${n}`, 'primary')], links: [{ rel: 'next', href: `${url.pathname}?n=${n + 1}` }] })), 100);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const planner = new Planner(page);
    await planner.open();
    await page.getByTestId('open-import').click();
    await page.getByTestId('service-url').fill(`http://127.0.0.1:${(server.address() as AddressInfo).port}/ogc/collections/schools/items`);
    await page.getByTestId('service-fetch').click();
    await expect(page.getByTestId('inspect-progress')).toContainText('5', { timeout: 15_000 });
    await page.getByTestId('import-cancel').click();
    await expect(page.getByTestId('import-dialog')).toHaveCount(0);
    const atCancel = requests;
    await page.waitForTimeout(1500);
    expect(requests - atCancel).toBeLessThanOrEqual(1);
    expect(await page.evaluate(() => window.__plannerStore!.getState().inspectJob.status)).toBe('idle');
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('a zip of 200 Shapefiles shows its mapping page by page', async ({ page }) => {
  const source = unzipSync(readFileSync(join(REPO, 'test', 'fixtures', 'import', 'schools-utf8-nocpg.zip')));
  const entries: Record<string, Uint8Array> = {};
  for (let i = 0; i < 200; i++) for (const [n, bytes] of Object.entries(source)) if (/\.(shp|dbf|shx)$/i.test(n)) entries[`layer${i}${n.slice(n.lastIndexOf('.'))}`] = bytes;
  const planner = new Planner(page);
  await planner.open();
  await planner.dropFiles([{ ...importFixture('schools-utf8-nocpg.zip', 'many.zip'), bytes: [...zipSync(entries, { level: 0 })] }]);
  await planner.nextToMapping();
  await expect(page.getByTestId('mapping-pager').first()).toContainText('第 1–20 个，共 200 个来源');
  await expect(page.getByTestId('mapping-item-shapefile')).toHaveCount(20);
  await page.getByTestId('mapping-pager').first().getByRole('button', { name: '›' }).click();
  await expect(page.getByTestId('mapping-pager').first()).toContainText('第 21–40 个');
});
