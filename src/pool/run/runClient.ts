import { proxy, releaseProxy, wrap } from 'comlink';
import type { ObjectiveGrid, ObjectiveGridRequest } from './objectiveGrid';
import type { HostPlan, HostsReport } from './runHosts';
import type { RunCommands, RunWorkerApi } from './runWorkerApi';
import type { StudioSnapshot } from './savedState';

/** The studio's handle on one run worker. */
export interface RunWorker extends RunCommands {
  /** A 2-D problem's objective on a grid, for the contour plot. */
  sampleObjectiveGrid(request: ObjectiveGridRequest): Promise<ObjectiveGrid>;
  /** Hand the worker the page's redraw counter (pageDraws.ts), so a run gives way to a starved redraw. */
  shareDraws(buffer: SharedArrayBuffer): Promise<void>;
  /** Where the next run's evaluations go (call before start or restore); resolves once the worker is ready for it. */
  configureHosts(plan: HostPlan): Promise<void>;
  /** End the worker at once, even inside an endless objective. Pending commands reject with RunWorkerEnded. */
  terminate(): void;
}

export interface RunWorkerHandlers {
  /** Every snapshot the run sends; a state comes as bytes (savedState.ts). */
  readonly onSnapshot: (snapshot: StudioSnapshot) => void;
  /** The worker died by itself (failed to load, ran out of memory, threw outside a command). */
  readonly onCrash: (message: string) => void;
  /** The run pool's per-host figures, throttled, when the run uses remote hosts. */
  readonly onHosts?: (report: HostsReport) => void;
}

/** The rejection of commands still pending when their worker ended. */
export class RunWorkerEnded extends Error {
  override name = 'RunWorkerEnded';
}

/** The worker itself, as the client uses it: a Web Worker, or a stand-in in tests. */
export type RunWorkerEndpoint = Pick<Worker, 'postMessage' | 'addEventListener' | 'removeEventListener' | 'terminate'>;

/** Vite bundles runWorker.ts as a module worker chunk because of this exact `new Worker(new URL(…))` form. */
function startWebWorker(): RunWorkerEndpoint {
  return new Worker(new URL('./runWorker.ts', import.meta.url), { type: 'module', name: 'sibyl-run' });
}

/**
 * Start a run worker. Commands go down through Comlink; snapshots come up through a Comlink proxy of
 * `onSnapshot`. Every command races the worker's end, so the studio never waits on a worker that is gone.
 */
export function createRunWorker(handlers: RunWorkerHandlers, start: () => RunWorkerEndpoint = startWebWorker): RunWorker {
  const worker = start();
  const remote = wrap<RunWorkerApi>(worker);
  let end: (reason: RunWorkerEnded) => void = () => undefined;
  const ended = new Promise<never>((_, reject) => {
    end = reject;
  });
  ended.catch(() => undefined);
  let alive = true;
  const finish = (reason: string) => {
    if (!alive) return false;
    alive = false;
    end(new RunWorkerEnded(reason));
    return true;
  };
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    if (finish('The run worker crashed.')) handlers.onCrash(event.message || 'The run worker failed to load or crashed.');
  });
  void remote.listen(proxy((snapshot: StudioSnapshot) => handlers.onSnapshot(snapshot)));
  const { onHosts } = handlers;
  if (onHosts) void remote.listenHosts(proxy((report: HostsReport) => onHosts(report)));

  // Comlink's Remote type splits a Promise of a union into a union of Promises; the casts join them again.
  const guard = <R>(send: () => Promise<unknown>): Promise<R> => (alive ? Promise.race([send() as Promise<R>, ended]) : ended);
  return {
    start: (...args) => guard(() => remote.start(...args)),
    restore: (...args) => guard(() => remote.restore(...args)),
    solve: () => guard(() => remote.solve()),
    resume: () => guard(() => remote.resume()),
    step: (...args) => guard(() => remote.step(...args)),
    pause: () => guard(() => remote.pause()),
    stop: () => guard(() => remote.stop()),
    reset: (...args) => guard(() => remote.reset(...args)),
    reconfigure: (...args) => guard(() => remote.reconfigure(...args)),
    continueWith: (...args) => guard(() => remote.continueWith(...args)),
    saveState: () => guard(() => remote.saveState()),
    sampleObjectiveGrid: (...args) => guard(() => remote.sampleObjectiveGrid(...args)),
    configureHosts: (...args) => guard(() => remote.configureHosts(...args)),
    shareDraws: (buffer) => guard(() => remote.shareDraws(buffer)),
    terminate: () => {
      if (!finish('The run worker was ended.')) return;
      remote[releaseProxy]();
      worker.terminate();
    },
  };
}
