import { RunController, type Pool, type RunControllerOptions } from '../../core/index';
import { sampleObjectiveGrid, type ObjectiveGrid, type ObjectiveGridRequest } from './objectiveGrid';
import { GiveWay } from './pageDraws';
import { toStudioSnapshot, type StudioSnapshot } from './savedState';
import type { HostPlan, HostsReport, RunHosts } from './runHosts';

/** The run commands the studio sends: the RunController's, each answered with a promise. */
export type RunCommands = Pick<
  RunController,
  'start' | 'restore' | 'solve' | 'resume' | 'step' | 'pause' | 'stop' | 'reset' | 'reconfigure' | 'continueWith' | 'saveState'
>;

/** What the run worker exposes through Comlink: the commands, plus where snapshots go. */
export interface RunWorkerApi extends RunCommands {
  /** Send snapshots to `listener` (a Comlink proxy of the studio's handler), states as bytes; call once, first. */
  listen(listener: (snapshot: StudioSnapshot) => unknown): void;
  /** Send the run pool's per-host figures to `listener` (runHosts.ts); call once. */
  listenHosts(listener: (report: HostsReport) => unknown): void;
  /** Where the next run's evaluations go: local workers, remote hosts, or both (runHosts.ts). */
  configureHosts(plan: HostPlan): Promise<void>;
  /** A 2-D problem's objective on a grid, for the contour plot (objectiveGrid.ts). */
  sampleObjectiveGrid(request: ObjectiveGridRequest): Promise<ObjectiveGrid>;
  /** The page's redraw counter (pageDraws.ts): between slices, the run gives way to a starved redraw. */
  shareDraws(buffer: SharedArrayBuffer): void;
}

export interface RunWorkerHost {
  readonly yieldToEvents: () => Promise<void>;
  readonly now: () => number;
  /** The pool a run evaluates through (the seam for WorkerPool); undefined evaluates inline. */
  readonly createPool?: (request: { readonly workers: number }) => Pool | undefined;
  /** Remote hosts (the run worker's RunHosts, which then also makes the pools); without it, plans are ignored. */
  readonly hosts?: Pick<RunHosts, 'configure' | 'listen'>;
  readonly options?: RunControllerOptions;
}

/**
 * Build the object the run worker exposes: one RunController whose snapshots go to the listener. Snapshots
 * are sent without waiting for the studio's answer; one that cannot be delivered is dropped, as the next one
 * carries the same status. A state goes as its JSON in a Blob (savedState.ts): the encoding costs this
 * worker, and the page's main thread nothing.
 */
export function createRunWorkerApi(host: RunWorkerHost): RunWorkerApi {
  let listener: ((snapshot: StudioSnapshot) => unknown) | undefined;
  let giveWay: GiveWay | undefined;
  const controller = new RunController(
    {
      onSnapshot: (snapshot) => {
        if (!listener) return;
        void Promise.resolve(listener(toStudioSnapshot(snapshot))).catch(() => undefined);
      },
      yieldToEvents: async () => {
        await host.yieldToEvents();
        giveWay?.afterSlice(host.now);
      },
      now: host.now,
      ...(host.createPool ? { createPool: host.createPool } : {}),
    },
    host.options,
  );
  const api: RunWorkerApi = {
    listen: (next) => {
      listener = next;
    },
    listenHosts: (next) => host.hosts?.listen(next),
    configureHosts: async (plan) => {
      await host.hosts?.configure(plan);
    },
    start: (...args) => controller.start(...args),
    restore: (...args) => controller.restore(...args),
    solve: () => controller.solve(),
    resume: () => controller.resume(),
    step: (...args) => controller.step(...args),
    pause: () => controller.pause(),
    stop: () => controller.stop(),
    reset: (...args) => controller.reset(...args),
    reconfigure: (...args) => controller.reconfigure(...args),
    continueWith: (...args) => controller.continueWith(...args),
    saveState: () => controller.saveState(),
    sampleObjectiveGrid: (request) => sampleObjectiveGrid(request, host),
    shareDraws: (buffer) => {
      giveWay = new GiveWay(buffer);
    },
  };
  return api;
}
