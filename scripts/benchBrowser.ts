/**
 * The browser figure of the benchmark: the Tiexi dataset's full coverage recompute in the app's
 * analysis worker (both distances, all kinds, the report), read from the app itself. Needs a built
 * app (dist/) and Debian's Chromium.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export async function benchBrowser(runs = 6): Promise<{ cold: number; warm: number[] } | null> {
  const repo = join(import.meta.dirname, '..');
  const port = 4199;
  const server = spawn(join(repo, 'node_modules', '.bin', 'vite'), ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: repo, stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, 1500));
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
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
    await browser.close();
    return { cold, warm };
  } catch (e) {
    process.stderr.write(`browser benchmark skipped: ${(e as Error).message}\n`);
    return null;
  } finally {
    server.kill();
  }
}
