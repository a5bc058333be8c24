/**
 * The browser figures of the benchmark, read from the built app (dist/) in Debian's Chromium: the
 * Tiexi dataset's coverage recompute in the analysis worker, and a synthetic city dropped on the map
 * (drop → homes drawn → coverage shown, with the longest frame gap). BENCH_PROFILE=<file> also
 * writes a CPU profile of the page's main thread during the city run, for finding what froze it.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';

export async function benchBrowser(runs = 6): Promise<{ cold: number; warm: number[] } | null> {
  return withApp(4199, async (page, base) => {
    await page.goto(`${base}/`);
    const elapsed = async (version: number) => {
      await page.waitForFunction((v) => {
        const s = window.__plannerStore!.getState();
        return s.coverageFor >= v && s.analysisJob.status === 'idle' && s.coverage !== null;
      }, version, { timeout: 60_000 });
      return page.evaluate(() => window.__plannerStore!.getState().coverage!.elapsedMs);
    };
    await page.waitForFunction(() => (window.__plannerStore?.getState().datasetVersion ?? 0) >= 1, null, { timeout: 60_000 });
    await page.evaluate(() => window.__plannerStore!.getState().setSidebarTab('coverage'));
    const cold = await elapsed(1);
    const warm: number[] = [];
    for (let i = 0; i < runs; i++) {
      // Reloading the sample makes a new dataset version: the worker drops its cache and starts over.
      const version = await page.evaluate(async () => {
        await window.__plannerStore!.getState().loadSample();
        return window.__plannerStore!.getState().datasetVersion;
      });
      warm.push(await elapsed(version));
    }
    return { cold, warm };
  });
}

export interface CityInTheApp {
  files: number;
  megabytes: number;
  /** Drop on the map → the homes drawn (import, validation, map ready), ms. */
  dropToMap: number;
  /** Coverage tab opened → every kind's figures in the panel, ms. */
  coverageFigures: number;
  /** Coverage tab opened → the homes coloured on the map, ms. */
  coverage: number;
  /** The longest gap between two animation frames while loading and while computing, ms. */
  longestFrameGapLoad: number;
  longestFrameGapCoverage: number;
  /** A frame with nothing changing, every home drawn (median of 5): what the renderer alone costs, ms. */
  idleFrame: number;
}

/** Starts the built app, runs `fn` on a fresh page, stops everything. Null (reason on stderr) when it cannot run. */
async function withApp<T>(port: number, fn: (page: Page, base: string) => Promise<T>): Promise<T | null> {
  const repo = join(import.meta.dirname, '..');
  const server = spawn(join(repo, 'node_modules', '.bin', 'vite'), ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: repo, stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, 1500));
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      return await fn(page, `http://127.0.0.1:${port}`);
    } finally {
      await browser.close();
    }
  } catch (e) {
    process.stderr.write(`browser benchmark skipped: ${(e as Error).message}\n`);
    return null;
  } finally {
    server.kill();
  }
}

/**
 * A synthetic city's folder dropped on the map, as a planner drops the files of a folder: the time
 * until its homes are drawn, then until its coverage is shown, and the longest frame gap in each
 * (a frozen interface shows as a long gap).
 */
export async function benchBrowserCity(folder: string): Promise<CityInTheApp | null> {
  const names = readdirSync(folder).filter((n) => n.endsWith('.geojson') || n === 'dataset.json');
  const megabytes = names.reduce((s, n) => s + readFileSync(join(folder, n)).length, 0) / 1048576;
  return withApp(4198, async (page, base) => {
    await page.route('**/bench-city/**', (route) => route.fulfill({ body: readFileSync(join(folder, decodeURIComponent(route.request().url().split('/bench-city/')[1]!))), contentType: 'application/octet-stream' }));
    await page.goto(`${base}/`);
    await page.waitForFunction(() => (window.__plannerStore?.getState().datasetVersion ?? 0) >= 1, null, { timeout: 60_000 });
    // The files are fetched into the page first: only the drop onward is timed.
    await page.evaluate(async (names) => {
      const files = await Promise.all(names.map(async (n) => new File([await (await fetch(`/bench-city/${n}`)).blob()], n)));
      const w = window as unknown as { __benchFiles: File[] };
      w.__benchFiles = files;
    }, names);
    // As text: the bundler's helpers for named functions do not exist in the page.
    await page.evaluate(`(() => {
      const gaps = { last: performance.now(), worst: 0 };
      window.__gaps = gaps;
      const tick = () => {
        const now = performance.now();
        gaps.worst = Math.max(gaps.worst, now - gaps.last);
        gaps.last = now;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })()`);
    const resetGaps = () => page.evaluate(() => {
      const w = window as unknown as { __gaps: { last: number; worst: number } };
      const worst = w.__gaps.worst;
      w.__gaps.worst = 0;
      w.__gaps.last = performance.now();
      return worst;
    });
    await resetGaps();
    const cdp = process.env.BENCH_PROFILE ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    await page.evaluate(`(() => {
      const map = document.querySelector('[data-testid=map]');
      // Versions count loads: the dropped city is drawn once the map reports a newer one than now.
      const before = window.__plannerStore.getState().datasetVersion;
      window.__drawnAt = 0;
      new MutationObserver(() => { if (!window.__drawnAt && Number(map.dataset.readyVersion || 0) > before) window.__drawnAt = performance.now(); }).observe(map, { attributes: true });
    })()`);
    const t0 = await page.evaluate(() => {
      const dt = new DataTransfer();
      for (const f of (window as unknown as { __benchFiles: File[] }).__benchFiles) dt.items.add(f);
      const zone = document.querySelector('[data-testid=drop-zone]')!;
      const t = performance.now();
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      return t;
    });
    await page.getByTestId('import-load').click({ timeout: 60_000 });
    const asked = page.getByTestId('import-confirm');
    await page.getByTestId('validation-report').or(asked).waitFor({ timeout: 120_000 });
    if (await asked.isVisible()) await page.getByTestId('import-confirm-replace').click();
    await page.waitForFunction('window.__drawnAt > 0', null, { timeout: 120_000, polling: 100 });
    const t1 = (await page.evaluate('window.__drawnAt')) as number;
    const longestFrameGapLoad = await resetGaps();
    // The moments are taken in the page as they happen (a subscriber to the store, an observer of the
    // map's count of drawn colourings): polling from outside would wait behind the page's own frames.
    await page.evaluate(`(() => {
      const marks = window.__marks = { figures: 0, coloured: 0 };
      const map = document.querySelector('[data-testid=map]');
      const before = Number(map.dataset.coverageDrawn || 0);
      const store = window.__plannerStore;
      const v = store.getState().datasetVersion;
      store.subscribe((s) => { if (!marks.figures && s.coverage && s.coverageFor >= v) marks.figures = performance.now(); });
      // The tab opening draws once without colours, the result once with them.
      new MutationObserver(() => { if (!marks.coloured && Number(map.dataset.coverageDrawn || 0) >= before + 2) marks.coloured = performance.now(); }).observe(map, { attributes: true });
    })()`);
    const c0 = await page.evaluate(() => {
      const t = performance.now();
      window.__plannerStore!.getState().setSidebarTab('coverage');
      return t;
    });
    await page.waitForFunction('window.__marks.figures > 0 && window.__marks.coloured > 0', null, { timeout: 180_000, polling: 100 });
    const marks = (await page.evaluate('window.__marks')) as { figures: number; coloured: number };
    const longestFrameGapCoverage = await resetGaps();
    // The renderer's own floor: frames with nothing changing, every home drawn.
    const frames = (await page.evaluate(`new Promise((resolve) => {
      const map = window.__plannerMap; const times = []; let last = performance.now();
      const step = () => { const now = performance.now(); times.push(now - last); last = now; if (times.length < 6) { map.triggerRepaint(); requestAnimationFrame(step); } else resolve(times.slice(1)); };
      map.triggerRepaint(); requestAnimationFrame(step);
    })`)) as number[];
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      const { writeFileSync } = await import('node:fs');
      writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify(profile));
      process.stdout.write(`main-thread profile written to ${process.env.BENCH_PROFILE}\n`);
    }
    return { files: names.length, megabytes, dropToMap: t1 - t0, coverageFigures: marks.figures - c0, coverage: marks.coloured - c0, longestFrameGapLoad, longestFrameGapCoverage, idleFrame: [...frames].sort((a, b) => a - b)[Math.floor(frames.length / 2)]! };
  });
}
