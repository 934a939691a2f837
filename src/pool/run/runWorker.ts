// The studio's run worker: one RunController, driven from the page through Comlink (runClient.ts).
import { expose } from 'comlink';
import { RelayClient } from '../../remote/index';
import { webWorkers } from '../webWorkers';
import { WorkerPool } from '../workerPool';
import { nextMacrotask } from './macrotask';
import { RunHosts } from './runHosts';
import { createRunWorkerApi } from './runWorkerApi';

/** Pool workers idle this long are ended (and started again on demand), so a paused run holds no threads. */
const POOL_IDLE_MS = 30_000;

// Batches (de2, ensembles) go to a pool of Web Workers started from this worker (one worker evaluates
// inline), or, with remote hosts, to a RemotePool over this worker's own connection to the relay that
// served the page, with those Web Workers as its local lane.
const hosts = new RunHosts({
  connect: () => new RelayClient(),
  localPool: (size) => new WorkerPool({ factory: webWorkers(), size, idleTimeoutMs: POOL_IDLE_MS }),
});

expose(
  createRunWorkerApi({
    yieldToEvents: nextMacrotask,
    now: () => performance.now(),
    createPool: (request) => hosts.createPool(request),
    hosts,
  }),
);
