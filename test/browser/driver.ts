/**
 * Domain actions on the running app, in a planner's words. Specs read as given/when/then on top of
 * this; only this file knows about selectors and the map object.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Download, type Page } from '@playwright/test';

export const REPO = join(import.meta.dirname, '..', '..');

export interface DroppedFile {
  name: string;
  content: string;
  /** Binary files (zips, GBK text): the bytes, which `content` cannot carry. */
  bytes?: number[];
}

/** A file from test/fixtures/import, as bytes (GBK CSVs, zips). */
export function importFixture(file: string, name = file): DroppedFile {
  return { name, content: '', bytes: [...readFileSync(join(REPO, 'test', 'fixtures', 'import', file))] };
}

export function corpusFile(testCase: string, file: string): DroppedFile {
  return { name: file, content: readFileSync(join(REPO, 'test', 'corpus', testCase, file), 'utf8') };
}

/** The text of a file the app offered for download. */
export async function downloadedText(download: Download): Promise<string> {
  return Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');
}

export class Planner {
  private version = 0;
  constructor(readonly page: Page) {}

  /** Opens the app and waits until the map has drawn a dataset. */
  async open(): Promise<void> {
    await this.page.goto('/');
    await this.waitForMapDrawn();
  }

  /** Waits until the map has drawn a dataset newer than the last one seen. */
  async waitForMapDrawn(): Promise<void> {
    const after = this.version;
    const handle = await this.page.waitForFunction(
      (v) => {
        const el = document.querySelector('[data-testid=map]') as HTMLElement | null;
        const n = Number(el?.dataset.readyVersion ?? 0);
        return n > v ? n : false;
      },
      after,
      { timeout: 30_000 },
    );
    this.version = (await handle.jsonValue()) as number;
  }

  /** How many features of a contract layer the map has actually rendered in view. */
  async renderedCount(layer: string): Promise<number> {
    return this.page.evaluate((layer) => {
      const map = window.__plannerMap!;
      const ids = map.getStyle().layers.filter((l) => l.id.startsWith(`${layer}-`)).map((l) => l.id);
      return map.queryRenderedFeatures({ layers: ids }).length;
    }, layer);
  }

  async legendCount(layer: string): Promise<string> {
    return (await this.page.getByTestId(`legend-count-${layer}`).textContent()) ?? '';
  }

  async toggleLayer(layer: string): Promise<void> {
    await this.page.getByTestId(`legend-toggle-${layer}`).click();
    await this.mapSettled();
  }

  /** Waits for the map to finish a repaint after a change. */
  async mapSettled(): Promise<void> {
    await this.page.evaluate(
      () =>
        new Promise((resolve) => {
          const map = window.__plannerMap!;
          map.once('idle', resolve);
          map.triggerRepaint();
        }),
    );
  }

  /** Drops files onto the map as a planner would from the file manager; the import dialog opens. */
  async dropFiles(files: DroppedFile[]): Promise<void> {
    await this.page.evaluate((files) => {
      const dt = new DataTransfer();
      for (const f of files) dt.items.add(new File([f.bytes ? new Uint8Array(f.bytes) : f.content], f.name));
      const zone = document.querySelector('[data-testid=drop-zone]')!;
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, files);
    await expect(this.page.getByTestId('import-dialog')).toBeVisible();
  }

  async chooseLayerForFile(index: number, layer: string): Promise<void> {
    await this.page.getByTestId(`import-layer-${index}`).selectOption(layer);
  }

  /** Confirms the import dialog and waits for the validation report. */
  async loadImport(options: { expectMapChange?: boolean } = {}): Promise<void> {
    await this.page.getByTestId('import-load').click();
    await this.replaceIfAsked();
    await expect(this.page.getByTestId('validation-report')).toBeVisible({ timeout: 30_000 });
    if (options.expectMapChange !== false) await this.waitForMapDrawn();
  }

  /** A merge that shrinks a loaded layer asks first; these specs mean to replace it. */
  private async replaceIfAsked(): Promise<void> {
    const asked = this.page.getByTestId('import-confirm');
    await expect(this.page.getByTestId('validation-report').or(asked)).toBeVisible({ timeout: 30_000 });
    if (await asked.isVisible()) await this.page.getByTestId('import-confirm-replace').click();
  }

  /** Goes on from the import dialog to the field-mapping step, beside the map. */
  async nextToMapping(): Promise<void> {
    await this.page.getByTestId('import-load').click();
    await expect(this.page.getByTestId('mapping-panel')).toBeVisible({ timeout: 30_000 });
  }

  /** Accepts the mapping step and waits for the validation report and the map. */
  async acceptMapping(): Promise<void> {
    await this.page.getByTestId('mapping-accept').click();
    await this.replaceIfAsked();
    await expect(this.page.getByTestId('validation-report')).toBeVisible({ timeout: 30_000 });
    await this.waitForMapDrawn();
  }

  /** The preview features the map has drawn (violet), once it has drawn `n` of them. */
  async previewDrawn(n: number): Promise<number> {
    await expect(this.page.getByTestId('map')).toHaveAttribute('data-preview-drawn', String(n), { timeout: 15_000 });
    return this.page.evaluate(() => {
      const map = window.__plannerMap!;
      return map.queryRenderedFeatures({ layers: ['import-preview-circle', 'import-preview-fill', 'import-preview-line'] }).length;
    });
  }

  async reportText(): Promise<string> {
    return (await this.page.getByTestId('validation-report').textContent()) ?? '';
  }

  async closeReport(): Promise<void> {
    await this.page.getByTestId('report-close').click();
  }

  /** Clicks the feature of a layer with the given id where the map draws it. */
  async clickFeature(layer: string, id: string | number): Promise<void> {
    const point = await this.page.evaluate(
      ({ layer, id }) => {
        const map = window.__plannerMap!;
        const ids = map.getStyle().layers.filter((l) => l.id.startsWith(`${layer}-`)).map((l) => l.id);
        const f = map.queryRenderedFeatures({ layers: ids }).find((f) => f.properties.id === id);
        if (!f) return null;
        const g = f.geometry as { type: string; coordinates: number[] };
        if (g.type !== 'Point') return null;
        const p = map.project(g.coordinates as [number, number]);
        const box = map.getCanvas().getBoundingClientRect();
        return { x: box.left + p.x, y: box.top + p.y };
      },
      { layer, id },
    );
    if (!point) throw new Error(`${layer} ${id} is not drawn as a point in view`);
    await this.page.mouse.click(point.x, point.y);
    await expect(this.page.getByTestId('inspector')).toBeVisible();
  }

  async switchLanguage(): Promise<void> {
    await this.page.getByTestId('lang-switch').click();
  }

  async resetToSample(): Promise<void> {
    this.page.once('dialog', (d) => void d.accept());
    await this.page.getByTestId('open-settings').click();
    await this.page.getByTestId('reset-sample').click();
    await this.waitForMapDrawn();
  }

  /** Reloads the tab, as closing and coming back would. */
  async reload(): Promise<void> {
    this.version = 0;
    await this.page.reload();
    await this.waitForMapDrawn();
  }
}

/** Actions of the living-circle coverage view. */
export class CoverageView {
  private drawn = 0;
  constructor(readonly page: Page) {}

  /** Opens the coverage tab and waits for the figures and the coloured homes. */
  async open(): Promise<void> {
    this.drawn = 0; // a reload starts the page's count again
    await this.page.getByTestId('tab-coverage').click();
    await expect(this.page.getByTestId('coverage-elapsed')).toBeVisible({ timeout: 30_000 });
    await this.waitForMap();
  }

  /** Waits until the map has drawn coverage colours newer than the last seen. */
  async waitForMap(): Promise<void> {
    const handle = await this.page.waitForFunction(
      (v) => {
        const n = Number((document.querySelector('[data-testid=map]') as HTMLElement | null)?.dataset.coverageDrawn ?? 0);
        const map = window.__plannerMap!;
        // Homes carry their band as feature state once coloured.
        return n > v && map.queryRenderedFeatures({ layers: ['residential-fill', 'residential-circle'] }).some((f) => f.state.band) ? n : false;
      },
      this.drawn,
      { timeout: 30_000 },
    );
    this.drawn = (await handle.jsonValue()) as number;
  }

  async share(kind: string): Promise<string> {
    return (await this.page.getByTestId(`share-${kind}`).textContent()) ?? '';
  }

  /** Homes drawn in each distance band, as rendered on the map. */
  async renderedBands(): Promise<Record<string, number>> {
    return this.page.evaluate(() => {
      const out: Record<string, number> = {};
      for (const f of window.__plannerMap!.queryRenderedFeatures({ layers: ['residential-fill', 'residential-circle'] })) {
        const band = f.state.band as string | undefined;
        if (band) out[band] = (out[band] ?? 0) + 1;
      }
      return out;
    });
  }

  async setRadius(kind: string, metres: number): Promise<void> {
    const before = await this.share(kind);
    await this.page.getByTestId(`radius-${kind}`).fill(String(metres));
    await expect(this.page.getByTestId(`share-${kind}`)).not.toHaveText(before, { timeout: 30_000 });
    await this.waitForMap();
  }

  async useDistance(mode: 'network' | 'euclidean'): Promise<void> {
    await this.page.getByTestId(`distance-${mode}`).check();
  }
}
