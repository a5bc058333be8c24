/**
 * Issue 13 in the app: the scorecard shows every indicator and leads to the view that explains it; a
 * chart renders and follows the language; the report prints on A4 with its map figure drawn and the
 * whole community table; Word and Excel download with readable names.
 */
import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { Planner } from './driver';

async function openEvaluation(page: Page): Promise<void> {
  await page.getByTestId('open-evaluation').click();
  await expect(page.getByTestId('scorecard')).toBeVisible({ timeout: 60_000 });
}

test('the scorecard shows every indicator with its gap and source, and a row opens its view', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await openEvaluation(page);
  const ids = await page.evaluate(() => [...document.querySelectorAll('[data-testid^="scorecard-"]')].map((r) => r.getAttribute('data-testid')!.slice('scorecard-'.length)));
  expect(ids).toHaveLength(20);
  for (const id of ['seats.childcare_per_1000', 'surroundings.venues_near_schools', 'health.pediatricians_per_1000_children', 'health.pediatric_beds_per_1000_children']) expect(ids).toContain(id);
  const kg = page.getByTestId('scorecard-coverage.kindergarten');
  await expect(kg).toContainText('14.0%');
  await expect(kg).toContainText('6,002 名 3–5 岁儿童在 300 米范围外');
  await expect(kg).toContainText('GB 50180-2018');
  await expect(page.getByTestId('scorecard-seats.childcare_per_1000')).toContainText('1.71');
  await page.getByTestId('evaluation-surroundings').click();
  await expect(page.getByTestId('evaluation-surroundings')).toContainText('极速网吧');
  await kg.click();
  await expect(page.getByTestId('evaluation-panel')).toHaveCount(0);
  await expect(page.getByTestId('tab-coverage')).toHaveAttribute('aria-selected', 'true');
});

test('a chart renders and follows the language switch', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await openEvaluation(page);
  const chart = page.getByTestId('evaluation-chart');
  await expect(chart).toContainText('各社区幼儿园覆盖率');
  expect(await chart.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await page.getByTestId('evaluation-lang').click();
  await expect(chart).toContainText('kindergarten coverage by community', { timeout: 60_000 });
  await expect(page.getByTestId('scorecard-coverage.kindergarten')).toContainText('children aged 3–5 outside 300 m');
});

test('the report prints on A4: sections on their pages, the map drawn, the whole community table', async ({ page, browser }) => {
  const planner = new Planner(page);
  await planner.open();
  await openEvaluation(page);
  await expect(page.getByTestId('evaluation-preview')).toHaveAttribute('srcdoc', /监测评估报告/, { timeout: 30_000 });
  const html = await page.getByTestId('evaluation-preview').getAttribute('srcdoc');
  expect(html!.length).toBeGreaterThan(50_000); // the whole document, figures inline
  const print = await browser.newPage();
  await print.setContent(html!);
  await print.emulateMedia({ media: 'print' });
  expect(await print.locator('#sec-communities tbody tr').count()).toBe(56);
  expect(await print.locator('[data-indicator]').count()).toBe(20);
  // The map figure is drawn: a good share of its pixels are not white.
  const coloured = await print.evaluate(async () => {
    const svg = document.querySelector('#sec-coverage figure svg')!;
    const img = new Image();
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = 760;
    canvas.height = 560;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, 760, 560).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 0 && (data[i]! < 230 || data[i + 1]! < 230 || data[i + 2]! < 230)) n++;
    return n / (760 * 560);
  });
  expect(coloured).toBeGreaterThan(0.05);
  const pdf = await print.pdf({ format: 'A4', printBackground: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages).toBeGreaterThanOrEqual(10);
  expect(pages).toBeLessThanOrEqual(40);
  await print.close();
});

test('Word and Excel download with complete names and hold the report', async ({ page }) => {
  const planner = new Planner(page);
  await planner.open();
  await openEvaluation(page);
  const [docx] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('evaluation-docx').click()]);
  expect(docx.suggestedFilename()).toMatch(/^四平市铁西区.*-监测评估报告-\d{4}-\d{2}-\d{2}\.docx$/);
  const doc = unzipSync(new Uint8Array(Buffer.concat(await (await docx.createReadStream()).toArray())));
  const text = strFromU8(doc['word/document.xml']!).replace(/<[^>]+>/g, '');
  expect(text).toContain('规划指标一览');
  expect(text).toContain('排查人签字');
  expect(Object.keys(doc).some((n) => n.endsWith('.png'))).toBe(true);
  const [xlsx] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('evaluation-xlsx').click()]);
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  const book = unzipSync(new Uint8Array(Buffer.concat(await (await xlsx.createReadStream()).toArray())));
  expect(strFromU8(book['xl/workbook.xml']!)).toContain('name="社区"');
});
