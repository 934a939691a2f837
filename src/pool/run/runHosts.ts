import { RemotePool, type HostGroup, type HostStats, type Pool } from '../../core/index';

/** Where the studio wants a run's evaluations to go; sent to the run worker before a run starts. */
export interface HostPlan {
  /** Run batches through a RemotePool over the relay's hosts (false: local workers only, as without hosts). */
  readonly useHosts: boolean;
  /** Run nothing on this machine: every chunk goes to a host, and the run waits while none is ready. */
  readonly remoteOnly: boolean;
  /** Most local workers beside the hosts; null for the setup's worker count. */
  readonly localCap: number | null;
  /**
   * Hosts the page sees ready. Before the run starts, the worker waits (a few seconds at most) until its own
   * relay client sees them ready too, so the first generation is spread over them, not run locally meanwhile.
   */
  readonly readyHosts: readonly string[];
}

/** What the page learns of the run's pool: per-host figures, and whether the run waits for a host. */
export interface HostsReport {
  /** The local workers first (when there are any), then each host. */
  readonly figures: readonly HostStats[];
  /** Work is queued and no worker can take it (no host ready, no local workers): the run is paused. */
  readonly waiting: boolean;
}

/** The hosts a run worker's pool uses: its RelayClient, or a stand-in in tests. */
export interface RelayHosts extends HostGroup {
  readonly state: 'connecting' | 'open' | 'closed';
}

export interface RunHostsOptions {
  /** Connect to the relay (a RelayClient); called once, when a plan first uses hosts. */
  readonly connect: () => RelayHosts;
  /** Local workers of the given count (a WorkerPool). */
  readonly localPool: (size: number) => Pool;
  /** Shortest time between two reports (ms; default 250): a pool changes with every chunk. */
  readonly reportIntervalMs?: number;
  /** Longest wait for the relay client to see the page's ready hosts (ms; default 5000). */
  readonly readyWaitMs?: number;
}

const NO_HOSTS: HostPlan = { useHosts: false, remoteOnly: false, localCap: null, readyHosts: [] };

/** While any lane's rate is above zero, reports go on at this pace, so rates fall to zero once work stops. */
const RATE_REFRESH_MS = 1000;

/**
 * The run worker's side of remote hosts: it keeps the studio's plan, owns the worker's own RelayClient
 * (made on first use and kept for the worker's life; it reconnects by itself), builds each run's pool
 * (createPool of the RunController) and reports that pool's figures to the page, throttled. Without hosts a
 * run gets a plain WorkerPool (or none for one worker), exactly as before hosts existed.
 */
export class RunHosts {
  private plan: HostPlan = NO_HOSTS;
  private relay: RelayHosts | undefined;
  private pool: RemotePool | undefined;
  private unsubscribe: () => void = () => {};
  private listener: ((report: HostsReport) => unknown) | undefined;
  /** The next report after a change. */
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The next report while rates are above zero. */
  private refresh: ReturnType<typeof setTimeout> | undefined;
  private sentWaiting = false;
  private readonly reportIntervalMs: number;
  private readonly readyWaitMs: number;

  constructor(private readonly options: RunHostsOptions) {
    this.reportIntervalMs = options.reportIntervalMs ?? 250;
    this.readyWaitMs = options.readyWaitMs ?? 5000;
  }

  /** Take the plan for the next run; with hosts, resolves once the relay client sees the ready hosts (or soon after). */
  async configure(plan: HostPlan): Promise<void> {
    this.plan = plan;
    if (!plan.useHosts) return;
    const relay = (this.relay ??= this.options.connect());
    const seesReady = () => relay.state === 'open' && plan.readyHosts.every((name) => relay.hosts.some((host) => host.name === name && host.state === 'ready'));
    await whenTrue(relay, seesReady, this.readyWaitMs);
  }

  /** Send reports to `listener` (a Comlink proxy of the page's handler). */
  listen(listener: (report: HostsReport) => unknown): void {
    this.listener = listener;
  }

  /** The pool of a new run (RunHost.createPool); the RunController terminates it when the run is replaced. */
  createPool({ workers }: { readonly workers: number }): Pool | undefined {
    this.unsubscribe();
    this.pool = undefined;
    const { plan, relay } = this;
    if (!plan.useHosts || !relay) return workers > 1 ? this.options.localPool(workers) : undefined;
    const localWorkers = plan.remoteOnly ? 0 : Math.max(0, Math.min(workers, plan.localCap ?? workers));
    const pool = new RemotePool({ hosts: relay, ...(localWorkers > 0 ? { local: this.options.localPool(localWorkers) } : {}) });
    this.pool = pool;
    const fromPool = pool.subscribe(() => this.changed());
    const fromRelay = relay.subscribe(() => this.changed());
    this.unsubscribe = () => {
      fromPool();
      fromRelay();
    };
    this.report();
    return pool;
  }

  private changed(): void {
    const pool = this.pool;
    if (!pool) return;
    // The page's banner and its watchdog hang on `waiting`: a change of it goes out at once.
    if (pool.waitingForWorkers !== this.sentWaiting) this.report();
    else this.timer ??= setTimeout(() => this.report(), this.reportIntervalMs);
  }

  private report(): void {
    clearTimeout(this.timer);
    clearTimeout(this.refresh);
    this.timer = undefined;
    this.refresh = undefined;
    const pool = this.pool;
    if (!pool) return;
    const figures = pool.stats();
    this.sentWaiting = pool.waitingForWorkers;
    void Promise.resolve(this.listener?.({ figures, waiting: this.sentWaiting })).catch(() => undefined);
    if (figures.some((lane) => lane.evaluationsPerSecond > 0)) this.refresh = setTimeout(() => this.report(), RATE_REFRESH_MS);
  }
}

/** Resolves when `test` holds (checked on every change of the group), or after `timeoutMs` regardless. */
function whenTrue(group: HostGroup, test: () => boolean, timeoutMs: number): Promise<void> {
  if (test()) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    const unsubscribe = group.subscribe(() => {
      if (test()) done();
    });
  });
}
