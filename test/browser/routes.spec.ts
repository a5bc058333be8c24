import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { Planner } from './driver';

/** The figure: children 6–14 crossing a main road unprotected, as the panel shows it. */
const figure = async (page: Page) => Number((await page.getByTestId('routes-figure').locator('strong').innerText()).replace(/,/g, ''));

/** Where on screen a [lon, lat] is. */
async function screenPoint(page: Page, at: [number, number]): Promise<{ x: number; y: number }> {
  return page.evaluate((at) => {
    const map = window.__plannerMap!;
    const p = map.project(at);
    const box = map.getCanvas().getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  }, at);
}

test('a safety officer sees the ten unprotected crossings most used by schoolchildren, adds a signal and sees the figure fall', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await page.getByTestId('tab-routes').click();
  await expect(page.getByTestId('routes-figure')).toBeVisible({ timeout: 30_000 });
  // Tiexi: 23,101 children 6–14 have a route; 13,453 of them cross a main road unprotected.
  await expect(page.getByTestId('routes-figure')).toContainText('23,101');
  expect(await figure(page)).toBe(13_453);
  const list = page.getByTestId('routes-crossings').locator('li');
  await expect(list).toHaveCount(10);
  await expect(list.first()).toContainText('东九经街');
  await expect(list.first()).toContainText('937 名儿童');
  // The map draws the route network and the crossings, unprotected in red.
  const drawn = () => page.evaluate(() => window.__plannerMap!.querySourceFeatures('school-routes').reduce((n, f) => ({ ...n, [`${f.properties.role}-${f.properties.protected ?? ''}`]: (n[`${f.properties.role}-${f.properties.protected ?? ''}`] ?? 0) + 1 }), {} as Record<string, number>));
  await expect.poll(async () => (await drawn())['crossing-false'] ?? 0).toBeGreaterThan(100);
  await expect.poll(async () => (await drawn())['segment-'] ?? 0).toBeGreaterThan(500);
  await expect(page.getByTestId('routes-schools').locator('tbody tr').first()).toContainText('文化九年一贯制学校');

  // "Add signals here" on the busiest crossing: a scenario step, and the figure falls.
  await list.first().getByTestId('routes-add-signal').click();
  await expect(page.getByTestId('scenario-compare')).toContainText('+ 信号灯 @ 东九经街', { timeout: 30_000 });
  await expect.poll(() => figure(page), { timeout: 30_000 }).toBeLessThan(13_453);
  const afterOne = await figure(page);
  await expect(list.first()).not.toContainText('937 名儿童');

  // A zebra added by clicking the map at the (new) busiest crossing.
  const next = await page.evaluate(() => {
    const r = window.__plannerStore!.getState().routes!.routes!;
    const c = r.crossings.filter((x) => !x.protected).sort((a, b) => b.children - a.children)[0]!;
    return [c.lon, c.lat] as [number, number];
  });
  await list.first().click();
  await planner.mapSettled();
  await page.getByTestId('routes-kind').selectOption('zebra');
  await page.getByTestId('routes-add-crossing').click();
  await expect(page.getByTestId('routes-hint')).toContainText('斑马线');
  const p = await screenPoint(page, next);
  await page.mouse.click(p.x, p.y);
  await expect(page.getByTestId('scenario-compare')).toContainText('+ 斑马线', { timeout: 30_000 });
  await expect.poll(() => figure(page), { timeout: 30_000 }).toBeLessThan(afterOne);

  // Undone, the figure is back.
  await page.getByTestId('siting-undo').click();
  await expect.poll(() => figure(page), { timeout: 30_000 }).toBe(afterOne);

  // The crossings as a CSV, in the reader's language.
  const download = page.waitForEvent('download');
  await page.getByTestId('routes-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/上学路线过街点.*\.csv$/);
  const csv = readFileSync((await file.path())!, 'utf8');
  expect(csv.split('\n')[0]).toContain('6–14岁儿童');
  // Kindergarten walks (3–5, with a parent) on the same map.
  await page.getByTestId('routes-view-kindergarten').click();
  await expect(page.getByTestId('routes-schools').locator('thead')).toContainText('学校');
  await expect(page.getByTestId('routes-crossings').locator('li').first()).toBeVisible();
  // Leaving the view takes the routes off the map.
  await page.getByTestId('tab-layers').click();
  await expect.poll(async () => Object.keys(await drawn()).length).toBe(0);
});

test('a footbridge drawn on the map becomes a scenario step; a path far from any road is refused with the reason', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await page.getByTestId('tab-routes').click();
  await expect(page.getByTestId('routes-figure')).toBeVisible({ timeout: 30_000 });
  const before = await figure(page);
  // The busiest unprotected junction: a footbridge over the main road, from 40 m along the street
  // children come by on one side to 40 m along the street they leave by on the other.
  const ends = await page.evaluate(() => {
    const r = window.__plannerStore!.getState().routes!.routes!;
    const c = r.crossings.filter((x) => !x.protected && x.at === 'node').sort((a, b) => b.children - a.children)[0]!;
    const same = (p: number[]) => Math.abs(p[0]! - c.lon) < 1e-6 && Math.abs(p[1]! - c.lat) < 1e-6;
    const streets = r.segments.filter((s) => s.road !== c.road && (same(s.from) || same(s.to))).sort((a, b) => b.children - a.children).slice(0, 2);
    return streets.map((s) => {
      const far = same(s.from) ? s.to : s.from;
      const dx = far[0]! - c.lon;
      const dy = far[1]! - c.lat;
      const len = Math.hypot(dx * Math.cos((c.lat * Math.PI) / 180), dy) * 111_320;
      return [c.lon + (dx * 40) / len, c.lat + (dy * 40) / len] as [number, number];
    });
  });
  expect(ends).toHaveLength(2);
  await page.getByTestId('routes-crossings').locator('li').first().click();
  await planner.mapSettled();
  await page.getByTestId('routes-draw-path').click();
  for (const end of ends) {
    const p = await screenPoint(page, end);
    await page.mouse.click(p.x, p.y);
  }
  await expect(page.getByTestId('routes-hint')).toContainText('已 2 点');
  await expect.poll(() => page.evaluate(() => window.__plannerMap!.querySourceFeatures('path-draft').length)).toBeGreaterThan(0);
  await page.getByTestId('routes-path-name').fill('<b>天桥</b>');
  await page.getByTestId('routes-path-finish').click();
  await expect(page.getByTestId('scenario-compare')).toContainText('+ <b>天桥</b>', { timeout: 30_000 });
  await expect.poll(() => figure(page), { timeout: 30_000 }).toBeLessThan(before);
  await page.getByTestId('tab-layers').click();
  await expect(page.getByTestId('legend-count-roads')).toContainText('216');

  // Far from every road: refused, named, nothing added.
  await page.getByTestId('tab-routes').click();
  await page.getByTestId('routes-draw-path').click();
  await page.evaluate(() => window.__plannerMap!.jumpTo({ center: [124.2, 43.3], zoom: 15 }));
  await planner.mapSettled();
  const box = await page.evaluate(() => window.__plannerMap!.getCanvas().getBoundingClientRect().toJSON() as DOMRect);
  await page.mouse.click(box.left + box.width / 2, box.top + box.height / 2);
  await page.mouse.click(box.left + box.width / 2 + 60, box.top + box.height / 2 + 40);
  await page.getByTestId('routes-path-finish').click();
  await expect(page.getByTestId('routes-problem')).toContainText('起点距离任何可步行道路超过 50 米');
});
