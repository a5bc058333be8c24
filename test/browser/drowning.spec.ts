import { expect, test } from '@playwright/test';
import { downloadedText, Planner } from './driver';

test('the safety office finds the top hazard, records its fixes, sees the count drop, and can undo', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await page.getByTestId('tab-drowning').click();
  const rows = page.getByTestId('hazard-row');
  await expect(rows.first()).toHaveAttribute('data-hazard', 'w-pond-k45', { timeout: 30_000 });
  await expect(rows.first()).toContainText('平西养鱼塘');
  await expect(page.getByTestId('unmitigated-count')).toHaveText('14');
  // Risk bands are drawn around the water.
  await expect.poll(() => page.evaluate(() => window.__plannerMap!.queryRenderedFeatures({ layers: ['drowning-bands-fill'] }).length)).toBeGreaterThan(0);

  await rows.first().click();
  await expect(page.getByTestId('hazard-reasons')).toContainText('幼儿园 铁西区平西幼儿园 (k45) 距 109 米');
  await expect(page.getByTestId('hazard-places')).toContainText('幼儿园 铁西区平西幼儿园 (k45) — 109 m · 中');
  await expect.poll(() => page.evaluate(() => window.__plannerMap!.queryRenderedFeatures({ layers: ['drowning-places-circle'] }).length)).toBeGreaterThan(10);

  await page.getByTestId('fix-fenced').click();
  await expect(page.getByTestId('hazard-reasons')).not.toContainText('无围栏');
  // Fenced alone is not mitigated: signs and rescue equipment are still missing.
  await expect(page.getByTestId('unmitigated-count')).toHaveText('14');
  await page.getByTestId('fix-all').click();
  await expect(page.getByTestId('unmitigated-count')).toHaveText('13');

  // The fix is kept across a reload, and the exported water layer carries it.
  await planner.reload();
  await page.getByTestId('tab-drowning').click();
  await expect(page.getByTestId('unmitigated-count')).toHaveText('13', { timeout: 30_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-water').click()]);
  const water = JSON.parse(await downloadedText(download));
  const pond = water.features.find((f: { id: string }) => f.id === 'w-pond-k45');
  expect(pond.properties).toMatchObject({ fenced: true, warning_signs: true, rescue_equipment: true });

  await page.getByTestId('undo-fix').click();
  await page.getByTestId('undo-fix').click();
  await expect(page.getByTestId('unmitigated-count')).toHaveText('14');
});

test('clicking a kindergarten in the drowning view shows the water near it', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await page.getByTestId('tab-drowning').click();
  await expect(page.getByTestId('unmitigated-count')).toHaveText('14', { timeout: 30_000 });
  await planner.clickFeature('kindergartens', 'k45');
  await expect(page.getByTestId('water-near')).toContainText('平西养鱼塘 (池塘) — 109 m · 中');
});
