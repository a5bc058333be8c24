import { expect, test } from '@playwright/test';
import { Planner } from './driver';

test('the education bureau runs a siting on Tiexi, accepts it, and sees kindergarten coverage rise', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await page.getByTestId('tab-sites').click();
  await expect(page.getByTestId('places-per-child')).toHaveText('75.6%', { timeout: 30_000 });
  await expect(page.getByTestId('seat-group-out_of_reach')).toContainText('名儿童');

  await page.getByTestId('siting-run').click();
  await expect(page.getByTestId('siting-result')).toContainText('已证明为最优解', { timeout: 60_000 });
  await expect(page.getByTestId('siting-site')).toHaveCount(3);
  await expect(page.getByTestId('siting-after')).toHaveText('16.6%');
  // The proposed sites are ringed on the map.
  await expect.poll(() => page.evaluate(() => window.__plannerMap!.queryRenderedFeatures({ layers: ['proposal-circle'] }).length)).toBe(3);

  await page.getByTestId('scenario-name').fill('三所新园');
  await page.getByTestId('siting-accept').click();
  await expect(page.getByTestId('accepted-list')).toContainText('三所新园：幼儿园覆盖率 14.0% → 16.6%', { timeout: 30_000 });
  await page.getByTestId('tab-layers').click();
  await expect(page.getByTestId('legend-count-kindergartens')).toHaveText('48 个要素');
  await expect(page.getByTestId('legend-count-candidates')).toHaveText('11 个要素');

  await page.getByTestId('tab-sites').click();
  await page.getByTestId('siting-undo').click();
  await page.getByTestId('tab-layers').click();
  await expect(page.getByTestId('legend-count-kindergartens')).toHaveText('45 个要素');
});

test('a planner adds, moves and deletes a kindergarten on the map, sees the figures follow, and undoes', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await page.getByTestId('tab-sites').click();
  await expect(page.getByTestId('places-per-child')).toHaveText('75.6%', { timeout: 30_000 });
  const screenOf = (id: string) =>
    page.evaluate((id) => {
      const map = window.__plannerMap!;
      const f = window.__plannerStore!.getState().dataset!.layers.candidates!.features.find((c) => c.id === id)!;
      const ring = (f.geometry as { coordinates: number[][][] }).coordinates[0]!;
      const p = map.project([(ring[0]![0]! + ring[2]![0]!) / 2, (ring[0]![1]! + ring[2]![1]!) / 2]);
      const box = map.getCanvas().getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    }, id);

  await page.getByTestId('edit-name').fill('手工新园');
  await page.getByTestId('edit-capacity').fill('240');
  await page.getByTestId('edit-start').click();
  const spot = await screenOf('cand3');
  await page.mouse.click(spot.x, spot.y);
  await expect(page.getByTestId('places-per-child')).not.toHaveText('75.6%', { timeout: 30_000 });
  await expect(page.getByTestId('scenario-compare')).toContainText('+ 手工新园');
  await page.getByTestId('edit-stop').click();
  await page.getByTestId('tab-layers').click();
  await expect(page.getByTestId('legend-count-kindergartens')).toHaveText('46 个要素');

  await page.getByTestId('tab-sites').click();
  await page.getByTestId('edit-move').check();
  await page.getByTestId('edit-start').click();
  await planner.mapSettled();
  await page.mouse.click(spot.x, spot.y);
  await expect(page.getByTestId('edit-hint')).toContainText('已选中 k-new-1');
  const elsewhere = await screenOf('cand5');
  await page.mouse.click(elsewhere.x, elsewhere.y);
  await expect(page.getByTestId('scenario-compare')).toContainText('↔ k-new-1');
  await page.getByTestId('edit-stop').click();

  await page.getByTestId('edit-delete').check();
  await page.getByTestId('edit-start').click();
  await planner.mapSettled();
  await page.mouse.click(elsewhere.x, elsewhere.y);
  await expect(page.getByTestId('scenario-compare')).toContainText('− k-new-1');
  await page.getByTestId('edit-stop').click();
  await page.getByTestId('tab-layers').click();
  await expect(page.getByTestId('legend-count-kindergartens')).toHaveText('45 个要素');

  // Steps survive a reload and can be undone one by one.
  await planner.reload();
  await page.getByTestId('tab-sites').click();
  await expect(page.getByTestId('scenario-compare')).toContainText('+ 手工新园');
  await page.getByTestId('siting-undo').click();
  await page.getByTestId('tab-layers').click();
  await expect(page.getByTestId('legend-count-kindergartens')).toHaveText('46 个要素');
});
