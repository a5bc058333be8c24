/**
 * Cancelling long work: the worker is ended, no stale result ever lands, and the next run starts a
 * fresh worker that answers. The run and the cancel are issued in one tick, so the test does not
 * race the analysis (on Tiexi it takes a fifth of a second).
 */
import { expect, test } from '@playwright/test';
import { CoverageView, Planner } from './driver';

test('a cancelled coverage run leaves the figures as they were, and the next run works', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  const coverage = new CoverageView(page);
  await coverage.open();
  const before = await coverage.share('kindergarten');
  const outcome = await page.evaluate(async () => {
    const store = window.__plannerStore!;
    const shown = store.getState().coverage;
    const run = store.getState().runCoverage();
    store.getState().cancelCoverage();
    await run;
    await new Promise((r) => setTimeout(r, 500)); // a result that would still arrive would arrive by now
    return { status: store.getState().analysisJob.status, unchanged: store.getState().coverage === shown };
  });
  expect(outcome).toEqual({ status: 'idle', unchanged: true });
  expect(await coverage.share('kindergarten')).toBe(before);
  await coverage.setRadius('kindergarten', 500);
  expect(await coverage.share('kindergarten')).not.toBe(before);
});

test('a cancelled siting run returns to idle without a proposal, and the next run proposes', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await page.getByTestId('tab-sites').click();
  await expect(page.getByTestId('places-per-child')).toHaveText('75.6%', { timeout: 30_000 });
  const status = await page.evaluate(async () => {
    const store = window.__plannerStore!;
    const run = store.getState().runSiting({ model: 'mclp', k: 3 });
    store.getState().cancelCoverage();
    await run;
    await new Promise((r) => setTimeout(r, 500));
    return store.getState().sitingJob.status;
  });
  expect(status).toBe('idle');
  await expect(page.getByTestId('siting-result')).toHaveCount(0);
  await expect(page.getByTestId('siting-progress')).toHaveCount(0);
  await page.getByTestId('siting-run').click();
  await expect(page.getByTestId('siting-after')).toHaveText('16.6%', { timeout: 60_000 });
});
