import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { Planner } from './driver';

/** Screen points around a community's centre, `metres` apart: the corners of a development to draw. */
async function cornersAround(page: Page, community: string, metres: number): Promise<{ x: number; y: number }[]> {
  return page.evaluate(
    ({ community, metres }) => {
      const map = window.__plannerMap!;
      const c = window.__plannerStore!.getState().dataset!.layers.communities!.features.find((f) => f.id === community)!;
      const ring = (c.geometry as { coordinates: number[][][] }).coordinates[0]!;
      const lon = ring.reduce((s, p) => s + p[0]!, 0) / ring.length;
      const lat = ring.reduce((s, p) => s + p[1]!, 0) / ring.length;
      const dLat = metres / 111_320;
      const dLon = dLat / Math.cos((lat * Math.PI) / 180);
      const box = map.getCanvas().getBoundingClientRect();
      return [[-1, -1], [1, -1], [1, 1], [-1, 1]].map(([i, j]) => {
        const p = map.project([lon + (i! * dLon) / 2, lat + (j! * dLat) / 2]);
        return { x: box.left + p.x, y: box.top + p.y };
      });
    },
    { community, metres },
  );
}

test('a planner sees places and land each community needs now and in 2030, worst first, on the map and in a CSV', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await page.getByTestId('tab-land').click();
  const district = page.getByTestId('land-district');
  await expect(district).toContainText('幼儿园', { timeout: 30_000 });
  // Tiexi 2025, kindergartens (first column): 6,981 children 3–5 → 6,632 places needed, 5,280 there, 46 classes, 20,700 m² of land.
  const kindergarten = (measure: string) => district.locator(`tr[data-measure="${measure}"] td`).nth(1);
  await expect(kindergarten('required_places')).toHaveText('6,632');
  await expect(kindergarten('classes_needed')).toHaveText('46');
  await expect(kindergarten('land_needed_m2')).toHaveText('20,700');
  await expect(page.getByTestId('land-units').locator('tbody tr')).toHaveCount(56);
  // Worst first: the first row is short of land, and the map paints the short units red.
  await expect(page.getByTestId('land-units').locator('tbody tr').first()).toHaveAttribute('data-status', 'short');
  const shortOnMap = () => page.evaluate(() => window.__plannerMap!.querySourceFeatures('land-units').filter((f) => f.properties.status === 'short').length);
  await expect.poll(shortOnMap).toBeGreaterThan(0);
  const shortRows = await page.getByTestId('land-units').locator('tbody tr[data-status="short"]').count();
  await expect.poll(async () => new Set(await page.evaluate(() => window.__plannerMap!.querySourceFeatures('land-units').filter((f) => f.properties.status === 'short').map((f) => f.properties.id))).size).toBe(shortRows);

  // 2030: fewer children 3–5 (births at 7 ‰), so fewer classes.
  await page.getByTestId('land-year').selectOption('2030');
  await expect(kindergarten('required_places')).toHaveText('5,967');
  // Parcels and what fits on them.
  await expect(page.getByTestId('land-parcels').locator('tbody tr')).toHaveCount(14);

  const download = page.waitForEvent('download');
  await page.getByTestId('land-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/用地配置.*\.csv$/);
  const csv = readFileSync((await file.path())!, 'utf8');
  expect(csv.split('\n')[0]).toContain('学位缺口');
  // District and 56 communities, two years, four levels.
  expect(csv.trim().split('\n')).toHaveLength(1 + 57 * 2 * 4);
  // Leaving the view takes the colours off.
  await page.getByTestId('tab-layers').click();
  await expect.poll(shortOnMap).toBe(0);
});

test('a planner draws a development, sees what it adds to its community, accepts it as a step and undoes it', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await page.getByTestId('tab-land').click();
  await expect(page.getByTestId('land-district')).toContainText('幼儿园', { timeout: 30_000 });
  // A community already short of kindergarten places: every child the development brings adds to the gap.
  const community = await page.evaluate(() => String(window.__plannerStore!.getState().coverage!.land.units.find((u) => u.years['2025']!.kindergarten.gap_places! > 50)!.id));
  await page.getByTestId('dev-start').click();
  const corners = await cornersAround(page, community, 120);
  for (const c of corners) await page.mouse.click(c.x, c.y);
  await expect(page.getByTestId('dev-hint')).toContainText('已点 4 个');
  await expect.poll(() => page.evaluate(() => window.__plannerMap!.querySourceFeatures('development-draft').length)).toBeGreaterThan(0);
  await page.getByTestId('dev-name').fill('新楼盘');
  await page.getByTestId('dev-dwellings').fill('2000');
  await page.getByTestId('dev-check').click();
  const impact = page.getByTestId('dev-impact');
  // 2,000 dwellings × 2.62 persons.
  await expect(impact).toContainText('5,240 人', { timeout: 30_000 });
  const kgRow = impact.locator('tbody tr').first();
  await expect(kgRow).toContainText('幼儿园');
  // About 5,240 × 0.022 × 0.95 ≈ 110 more places: 4 classes of 30.
  await expect(kgRow.locator('td').nth(2)).toHaveText(/^1\d\d\.\d$/);
  await expect(kgRow.locator('td').nth(3)).toHaveText('4');

  await page.getByTestId('dev-accept').click();
  await expect(page.getByTestId('scenario-compare')).toContainText('+ 新楼盘', { timeout: 30_000 });
  await page.getByTestId('tab-layers').click();
  await expect(page.getByTestId('legend-count-residential')).toHaveText('2,374 个要素');
  await page.getByTestId('tab-land').click();
  await page.getByTestId('siting-undo').click();
  await page.getByTestId('tab-layers').click();
  await expect(page.getByTestId('legend-count-residential')).toHaveText('2,373 个要素');
});

test('a development drawn elsewhere is imported from GeoJSON, its hostile name kept as text', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await page.getByTestId('tab-land').click();
  await expect(page.getByTestId('land-district')).toContainText('幼儿园', { timeout: 30_000 });
  const ring = await page.evaluate(() => {
    const c = window.__plannerStore!.getState().dataset!.layers.communities!.features[10]!;
    const r = (c.geometry as { coordinates: number[][][] }).coordinates[0]!;
    const lon = r.reduce((s, p) => s + p[0]!, 0) / r.length;
    const lat = r.reduce((s, p) => s + p[1]!, 0) / r.length;
    return [[lon, lat], [lon + 0.001, lat], [lon + 0.001, lat + 0.001], [lon, lat + 0.001], [lon, lat]];
  });
  const hostile = '<img src=x onerror="window.__pwned=1">';
  await page.getByTestId('dev-file').setInputFiles({ name: '项目.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify({ type: 'Feature', properties: { name: hostile, 人口: 1500 }, geometry: { type: 'Polygon', coordinates: [ring] } })) });
  await expect(page.getByTestId('dev-hint')).toContainText('已点 4 个');
  await expect(page.getByTestId('dev-name')).toHaveValue(hostile);
  await expect(page.getByTestId('dev-population')).toHaveValue('1500');
  await page.getByTestId('dev-check').click();
  await expect(page.getByTestId('dev-impact')).toContainText('1,500 人', { timeout: 30_000 });
  await page.getByTestId('dev-accept').click();
  await expect(page.getByTestId('scenario-compare')).toContainText(hostile, { timeout: 30_000 });
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

  // A file that is not a development says why, and nothing is drawn.
  await page.getByTestId('dev-file').setInputFiles({ name: 'bad.geojson', mimeType: 'application/geo+json', buffer: Buffer.from('{"type":"Feature","geometry":{"type":"Point","coordinates":[0,0]}}') });
  await expect(page.getByTestId('dev-file-problem')).toContainText('bad.geojson');
});
