// The studio's run worker: one RunController, driven from the page through Comlink (runClient.ts).
import { expose } from 'comlink';
import { webWorkers } from '../webWorkers';
import { WorkerPool } from '../workerPool';
import { nextMacrotask } from './macrotask';
import { createRunWorkerApi } from './runWorkerApi';

/** Pool workers idle this long are ended (and started again on demand), so a paused run holds no threads. */
const POOL_IDLE_MS = 30_000;

expose(
  createRunWorkerApi({
    yieldToEvents: nextMacrotask,
    now: () => performance.now(),
    // Batches (de2, ensembles) go to a pool of Web Workers started from this worker; one worker evaluates inline.
    createPool: ({ workers }) => (workers > 1 ? new WorkerPool({ factory: webWorkers(), size: workers, idleTimeoutMs: POOL_IDLE_MS }) : undefined),
  }),
);
