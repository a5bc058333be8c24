import { expect, test } from '@playwright/test';
import { Planner } from './driver';

const LAYERS = ['residential', 'kindergartens', 'childcare', 'schools', 'playgrounds', 'childrens_homes', 'water', 'roads',
  'communities', 'green_spaces', 'candidates', 'health', 'venues'];

test('a planner opens the app and sees every Tiexi layer drawn on the map', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  for (const layer of LAYERS) {
    expect(await planner.renderedCount(layer), layer).toBeGreaterThan(0);
  }
  expect(await planner.legendCount('residential')).toContain('2,373');
  expect(await planner.legendCount('kindergartens')).toContain('45');
  await expect(page.getByTestId('synthetic-badge')).toBeVisible();
  await expect(page.locator('.maplibregl-ctrl-scale')).toBeVisible();
});

test('unticking a layer hides it from the map, ticking shows it again', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  expect(await planner.renderedCount('kindergartens')).toBeGreaterThan(0);
  await planner.toggleLayer('kindergartens');
  expect(await planner.renderedCount('kindergartens')).toBe(0);
  expect(await planner.renderedCount('schools')).toBeGreaterThan(0);
  await planner.toggleLayer('kindergartens');
  expect(await planner.renderedCount('kindergartens')).toBeGreaterThan(0);
});

test('clicking a kindergarten shows its properties', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await planner.clickFeature('kindergartens', 'k45');
  await expect(page.getByTestId('prop-name')).toContainText('铁西区平西幼儿园');
  await expect(page.getByTestId('prop-capacity')).toContainText('120');
});

test('the language switch changes the interface text, and is remembered', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await expect(page.locator('h1')).toHaveText('儿童友好城市规划工具');
  await expect(page.getByTestId('legend')).toContainText('幼儿园');
  await planner.switchLanguage();
  await expect(page.locator('h1')).toHaveText('Child-friendly city planner');
  await expect(page.getByTestId('legend')).toContainText('Kindergartens');
  await expect(page.getByTestId('synthetic-badge')).toHaveText('Synthetic data');
  await planner.reload();
  await expect(page.locator('h1')).toHaveText('Child-friendly city planner');
});

test('a raster basemap URL can be set, is drawn under our layers, and is remembered', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  const basemapLayer = () =>
    page.evaluate(() => {
      const layers = window.__plannerMap!.getStyle().layers;
      const i = layers.findIndex((l) => l.id === 'basemap');
      return i < 0 ? null : { type: layers[i]!.type, below: layers[i + 1]!.id };
    });
  expect(await basemapLayer()).toBeNull();
  await page.getByTestId('open-settings').click();
  await page.getByTestId('basemap-url').fill('not a url');
  await expect(page.getByText('地址须以 http:// 或 https:// 开头')).toBeVisible();
  // A tile server that is not there: the map must carry on with our own layers.
  await page.getByTestId('basemap-url').fill('http://127.0.0.1:9/tiles/{z}/{x}/{y}.png');
  await page.getByRole('button', { name: '应用' }).click();
  await expect.poll(basemapLayer).toEqual({ type: 'raster', below: 'communities-fill' });
  // The setting is saved in the background: reload only once the browser's store holds it.
  const saved = () =>
    page.evaluate(
      () =>
        new Promise<string | null>((resolve) => {
          const open = indexedDB.open('child-friendly-planner');
          open.onerror = () => resolve(null);
          open.onsuccess = () => {
            const read = open.result.transaction('state').objectStore('state').get('settings');
            read.onsuccess = () => resolve((read.result as { basemapUrl?: string } | undefined)?.basemapUrl ?? null);
            read.onerror = () => resolve(null);
          };
        }),
    );
  await expect.poll(saved).toBe('http://127.0.0.1:9/tiles/{z}/{x}/{y}.png');
  await planner.reload();
  await expect.poll(basemapLayer, { timeout: 15_000 }).toEqual({ type: 'raster', below: 'communities-fill' });
  expect(await planner.renderedCount('kindergartens')).toBeGreaterThan(0);
});
