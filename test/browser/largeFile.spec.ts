import { expect, test } from '@playwright/test';
import { Planner } from './driver';

test('a 100 MB file loads off the UI thread, with progress, while the interface stays usable', async ({ page }) => {
  test.setTimeout(180_000);
  const planner = new Planner(page);
  await planner.open();
  const bytes = await page.evaluate(() => {
    // ~100 MB of residential points: a big city's address-level population file.
    const parts: string[] = ['{"type":"FeatureCollection","features":['];
    const pad = 'x'.repeat(124);
    for (let i = 0; i < 400_000; i++) {
      const lon = (124.30 + (i % 700) * 0.0001).toFixed(6);
      const lat = (43.15 + Math.floor(i / 700) * 0.00008).toFixed(6);
      parts.push(`${i ? ',' : ''}{"type":"Feature","properties":{"id":"r${i}","population":${i % 90},"note":"${pad}"},"geometry":{"type":"Point","coordinates":[${lon},${lat}]}}`);
    }
    parts.push(']}');
    const file = new File(parts, 'residential.geojson', { type: 'application/geo+json' });
    const dt = new DataTransfer();
    dt.items.add(file);
    document.querySelector('[data-testid=drop-zone]')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    return file.size;
  });
  expect(bytes).toBeGreaterThan(100 * 1024 * 1024);
  await page.getByTestId('import-load').click();
  await expect(page.getByTestId('job-progress')).toBeVisible();
  // The page answers while the worker parses: the language switch still works mid-load.
  await planner.switchLanguage();
  await expect(page.locator('h1')).toHaveText('Child-friendly city planner');
  await expect(page.getByTestId('validation-report')).toBeVisible({ timeout: 150_000 });
  expect(await planner.reportText()).toContain('400000 loaded · 0 rejected');
  await planner.closeReport();
  await expect(page.getByTestId('legend-count-residential')).toHaveText('400,000 features');
});
