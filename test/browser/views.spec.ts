/**
 * Issue 14, faults 1–6, 9, 11 and 14: the way to a figure as a planner walks it.
 */
import { expect, test } from '@playwright/test';
import { CoverageView, downloadedText, Planner } from './driver';

const view = (page: import('@playwright/test').Page) => page.evaluate(() => ({ ...window.__plannerMap!.getCenter(), zoom: window.__plannerMap!.getZoom() }));

test('a community from the table is framed above the table, outlined and shown in the inspector (1)', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await new CoverageView(page).open();
  await page.getByTestId('open-community-table').click();
  const row = page.getByTestId('community-row').first();
  const name = (await row.locator('td').first().textContent())!;
  await row.click();
  await expect(page.getByTestId('inspector')).toContainText(name);
  await page.waitForFunction(() => !window.__plannerMap!.isMoving());
  await planner.mapSettled();
  const check = await page.evaluate(() => {
    const map = window.__plannerMap!;
    const selection = map.queryRenderedFeatures({ layers: ['selection-line'] });
    const drawer = document.querySelector('.drawer')!.getBoundingClientRect();
    const canvas = map.getCanvas().getBoundingClientRect();
    const f = map.getSource('selection') as unknown as { _data: { features: { geometry: { coordinates: number[][][] } }[] } };
    void f;
    // Every vertex of the outline is above the drawer.
    const sel = selection[0]?.geometry as { coordinates: number[][][] } | undefined;
    let lowest = 0;
    for (const ring of sel?.coordinates ?? []) for (const p of ring) lowest = Math.max(lowest, canvas.top + map.project(p as [number, number]).y);
    return { outlined: selection.length > 0, lowest, drawerTop: drawer.top };
  });
  expect(check.outlined).toBe(true);
  expect(check.lowest).toBeLessThan(check.drawerTop);
});

test('a scenario step keeps the view, and the header says a scenario is active (2, 4)', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await page.evaluate(() => window.__plannerMap!.jumpTo({ center: [124.34, 43.17], zoom: 15.5 }));
  await planner.mapSettled();
  const before = await view(page);
  await page.getByTestId('tab-sites').click();
  await page.getByTestId('siting-run').click();
  await expect(page.getByTestId('siting-result')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('scenario-name').fill('三所新园');
  await page.getByTestId('siting-accept').click();
  await expect(page.getByTestId('scenario-badge')).toContainText('三所新园', { timeout: 30_000 });
  await planner.mapSettled();
  const after = await view(page);
  expect(after.zoom).toBeCloseTo(before.zoom, 5);
  expect(after.lng).toBeCloseTo(before.lng, 6);
  expect(after.lat).toBeCloseTo(before.lat, 6);
});

test('set covering offers only what the candidate sites can reach (3)', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await page.getByTestId('tab-sites').click();
  await page.getByTestId('model-lscp').check();
  await expect(page.getByTestId('siting-reach')).toContainText('最多达到 21.8%', { timeout: 30_000 });
  await expect(page.getByTestId('siting-target')).toHaveValue('21');
  await page.getByTestId('siting-run').click();
  await expect(page.getByTestId('siting-result')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('siting-unreachable')).toHaveCount(0);
  // Asked for more than is reachable, it says so in Chinese, with the largest share.
  await page.getByTestId('siting-target').fill('30');
  await page.getByTestId('siting-run').click();
  await expect(page.getByTestId('siting-unreachable')).toContainText('目标 30.0% 超出全部候选地块合计所能达到的 21.8%', { timeout: 60_000 });
  await expect(page.getByText('没有可选地块或无需新建')).toHaveCount(0);
});

test('the inspector speaks the planner’s words, says 未知, gives a home its distances, and does not move the map (5, 11)', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await new CoverageView(page).open();
  const width = await page.evaluate(() => window.__plannerMap!.getCanvas().clientWidth);
  await page.evaluate(() => window.__plannerStore!.getState().select({ layer: 'water', id: 'w-pond-k45' }));
  await expect(page.getByTestId('prop-fenced')).toHaveText('围栏无');
  await expect(page.getByTestId('prop-kind')).toContainText('水塘');
  const home = await page.evaluate(() => {
    const s = window.__plannerStore!.getState();
    const h = s.dataset!.layers.residential!.features.find((f) => f.properties.children_3_5 === undefined) ?? s.dataset!.layers.residential!.features[0]!;
    s.select({ layer: 'residential', id: h.id });
    return h.properties.children_3_5 === undefined;
  });
  if (home) await expect(page.getByTestId('prop-children_3_5')).toContainText('未知');
  await expect(page.getByTestId('home-distance-kindergarten')).toContainText(' m · ');
  expect(await page.evaluate(() => window.__plannerMap!.getCanvas().clientWidth)).toBe(width);
});

test('water clicked in the drowning view selects its register row; a fix is recorded with date, inspector and note (6, 14)', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await page.getByTestId('tab-drowning').click();
  await expect(page.getByTestId('hazard-row').first()).toBeVisible({ timeout: 30_000 });
  const id = await page.getByTestId('hazard-row').nth(1).getAttribute('data-hazard');
  await page.evaluate((id) => window.__plannerStore!.getState().select({ layer: 'water', id: id! }), id);
  await expect(page.locator(`[data-hazard="${id}"]`)).toHaveClass(/current/);
  await page.getByTestId('fix-date').fill('2026-11-30');
  await page.getByTestId('fix-inspector').fill('王安全');
  await page.getByTestId('fix-note').fill('已加装围栏');
  await page.getByTestId('fix-fenced').click();
  await expect(page.getByTestId('fix-recorded')).toContainText('2026-11-30，王安全，已加装围栏');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-register-csv').click()]);
  const text = await downloadedText(csv);
  expect(text.split('\n')[0]).toContain('整改日期,排查人,备注');
  expect(text).toContain('2026-11-30,王安全,已加装围栏');
  await planner.reload();
  await page.getByTestId('tab-drowning').click();
  await page.evaluate((id) => window.__plannerStore!.getState().selectHazard(id!), id);
  await expect(page.getByTestId('fix-recorded')).toContainText('王安全'); // saved with the edits
});

test('the radius box takes only radii from 50 to 5000 m (9)', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  const coverage = new CoverageView(page);
  await coverage.open();
  const box = page.getByTestId('radius-kindergarten');
  await box.fill('30');
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  expect(await page.evaluate(() => window.__plannerStore!.getState().radii.kindergarten)).toBe(300);
  await box.fill('');
  await box.blur();
  await expect(box).toHaveValue('300');
  expect(await page.evaluate(() => window.__plannerStore!.getState().radii.kindergarten)).toBe(300);
});

test('Esc closes the settings; the exported report has a complete name and the real distance reason (11)', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await page.getByTestId('open-settings').click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await new CoverageView(page).open();
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-report').click()]);
  expect(json.suggestedFilename()).toMatch(/^四平市铁西区（合成样例）-Tiexi-District,-Siping-\(synthetic-sample\)-分析报告-v\d+-\d{4}-\d{2}-\d{2}\.json$/);
  const report = JSON.parse(await downloadedText(json)) as { options: { distance_reason: string } };
  expect(report.options.distance_reason).toBe('walking network: the dataset has a roads layer');
});

test('a siting result says what the bureau asks, shows each site’s catchment, exports, and places can be edited (13)', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await page.getByTestId('tab-sites').click();
  await page.getByTestId('siting-run').click();
  await expect(page.getByTestId('siting-result')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('siting-gain')).toContainText(/^\+[\d,]+ 名 3–5 岁儿童进入 300 米范围；新增学位 [\d,]+ 个$/);
  await expect(page.getByTestId('siting-serves').first()).toContainText(/社区|村/);
  await planner.mapSettled();
  expect(await page.evaluate(() => window.__plannerMap!.queryRenderedFeatures({ layers: ['proposal-homes'] }).length)).toBeGreaterThan(0);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('siting-export-csv').click()]);
  const text = await downloadedText(csv);
  expect(text.split('\n')[0]).toBe('\ufeff编号,名称,经度,纬度,学位,新增覆盖儿童,分配儿童（按容量）,服务社区');
  expect(text.split('\n').filter(Boolean)).toHaveLength(4);
  // Capacity respected: each site's load against its places.
  await page.getByTestId('siting-capacitated').check();
  await page.getByTestId('siting-run').click();
  await expect(page.getByTestId('siting-gain')).toContainText('获得学位', { timeout: 60_000 });
  await expect(page.getByTestId('siting-load').first()).toContainText('/');
  // An existing kindergarten's places, set by hand.
  await page.evaluate(() => {
    const s = window.__plannerStore!.getState();
    s.setEditTool({ layer: 'kindergartens', action: 'capacity', name: '', capacity: 240 });
    window.__plannerStore!.getState().editAt([0, 0], { layer: 'kindergartens', id: 'k45' });
  });
  await expect.poll(() => page.evaluate(() => window.__plannerStore!.getState().dataset!.layers.kindergartens!.features.find((f) => f.id === 'k45')!.properties.capacity)).toBe(240);
});
