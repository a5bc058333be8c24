/**
 * Issue 14: the app on a planner's laptop (1366×768), a projector (1280×720) and a narrow window
 * (800 px): the header stays one row, no button's text wraps ("设/置"), and no table label breaks a
 * word ("幼儿/园").
 */
import { expect, test, type Page } from '@playwright/test';
import { Planner } from './driver';

/** Elements whose own text runs over more than one line. */
async function wrapped(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      if (el.offsetParent === null) continue; // hidden at this width
      // The lines the text itself takes (an input beside it sits on its own baseline).
      const tops = new Set<number>();
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.textContent?.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top / 4));
      }
      if (tops.size > 1) out.push(el.textContent ?? '');
    }
    return out;
  }, selector);
}

for (const [width, height] of [[1366, 768], [1280, 720], [800, 600], [1600, 1000]] as const) {
  test(`at ${width}×${height} the header is one row and nothing wraps`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    const planner = new Planner(page);
    await planner.open();
    const header = await page.locator('.header').boundingBox();
    expect(header!.height).toBeLessThanOrEqual(60);
    expect(await wrapped(page, '.header button, .tabs button')).toEqual([]);
    await page.getByTestId('tab-coverage').click();
    await expect(page.getByTestId('share-kindergarten')).toContainText('%', { timeout: 30_000 });
    expect(await wrapped(page, '.coverage-table td:first-child label, .coverage-table th')).toEqual([]);
    // The map keeps most of the screen.
    const map = await page.getByTestId('map').boundingBox();
    expect(map!.width).toBeGreaterThan(width * 0.5);
    expect(map!.height).toBeGreaterThan(height * 0.6);
  });
}
