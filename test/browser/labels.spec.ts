/**
 * Issue 14, fault 7: names on the map, offline, in the chosen language where a name has one.
 */
import { expect, test } from '@playwright/test';
import { Planner } from './driver';

test('schools, kindergartens, water, communities and roads are labelled at zoom 16, and follow the language', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  // Close to a school in the centre: every kind of label fits there.
  await page.evaluate(() => window.__plannerMap!.jumpTo({ center: [124.337, 43.168], zoom: 16 }));
  await planner.mapSettled();
  const labels = async () =>
    page.evaluate(() => {
      const map = window.__plannerMap!;
      const out: Record<string, string[]> = {};
      for (const layer of ['communities', 'water', 'schools', 'kindergartens', 'roads']) {
        out[layer] = map.queryRenderedFeatures({ layers: [`label-${layer}`] }).map((f) => String(f.properties.name ?? ''));
      }
      return out;
    });
  await expect.poll(async () => Object.values(await labels()).filter((l) => l.length > 0).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
  const shown = await labels();
  expect(shown.schools!.length + shown.kindergartens!.length).toBeGreaterThan(0);
  expect(shown.roads!.length).toBeGreaterThan(0);
  expect(shown.communities!.length).toBeGreaterThan(0);
  // Zoomed out to the district, only community names remain.
  await page.evaluate(() => window.__plannerMap!.jumpTo({ zoom: 12.5 }));
  await planner.mapSettled();
  const far = await labels();
  expect(far.schools!.length + far.kindergartens!.length + far.roads!.length).toBe(0);
  // The label layers follow the interface language.
  await page.getByTestId('lang-switch').click();
  expect(JSON.stringify(await page.evaluate(() => window.__plannerMap!.getLayoutProperty('label-schools', 'text-field')))).toContain('name:en');
});
