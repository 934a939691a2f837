import nodeEndpoint from 'comlink/dist/umd/node-adapter.js';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { WorkerFactory } from '../workerPool';

/**
 * WorkerPool's factory for Node: one worker_threads Worker per pool worker, started from `entry`, by
 * default the bundled pool-worker.js next to the running bundle (dist/node/pool-worker.js).
 */
export function nodeWorkers(entry: string | URL = new URL('./pool-worker.js', import.meta.url)): WorkerFactory {
  return {
    concurrency: availableParallelism(),
    start(onExit) {
      const worker = new Worker(entry);
      let failure: Error | undefined;
      worker.on('error', (error) => {
        failure = error;
      });
      worker.on('exit', (code) => onExit(failure ? `${failure.name}: ${failure.message}` : `exit code ${code}`));
      return { endpoint: nodeEndpoint(worker), terminate: () => worker.terminate() };
    },
  };
}
