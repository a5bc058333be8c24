/**
 * The worker thread `npm run analyze` finds the school routes on, while the main thread writes the
 * access rows: one job in (src/core/routes/routesJob.ts), the routes out.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { routesInputFromJob, type RoutesJob } from '../src/core/routes/routesJob';
import { schoolRoutes } from '../src/core/routes/schoolRoutes';

try {
  parentPort!.postMessage({ ok: true, routes: schoolRoutes(routesInputFromJob(workerData as RoutesJob)) });
} catch (e) {
  parentPort!.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) });
}
