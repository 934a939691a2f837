import type { WorkerFactory } from './workerPool';

/** The message a worker posts before it closes itself (worker.ts), since the page gets no event for that. */
export const CLOSING_MESSAGE = 'sibyl:pool-worker-closing';

/**
 * WorkerPool's factory for the browser: one module Web Worker per pool worker. By default it starts
 * worker.ts beside this file, which Vite bundles as a worker chunk.
 */
export function webWorkers(create: () => Worker = () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })): WorkerFactory {
  return {
    concurrency: navigator.hardwareConcurrency,
    start(onExit) {
      const worker = create();
      worker.addEventListener('error', (event) => {
        // An error that escaped a task (e.g. thrown from a timer) leaves the worker in an unknown state.
        event.preventDefault();
        onExit(event.message || 'the worker failed to load or threw outside a task');
      });
      worker.addEventListener('message', (event: MessageEvent<unknown>) => {
        if (event.data === CLOSING_MESSAGE) onExit('the worker closed itself');
      });
      return { endpoint: worker, terminate: () => worker.terminate() };
    },
  };
}
