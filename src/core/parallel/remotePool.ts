import { OptionError, SibylError, errorMessage } from '../errors';
import { BasePool, type ChunkJob } from './basePool';
import { TaskError, TaskTimeoutError, WorkerCrashError } from './errors';
import { now } from './host';
import type { AbortSignalLike, MapOptions, Pool, Task } from './pool';
import { describeTask, type TaskDescriptor } from './task';

/** What a remote host did with one chunk. */
export type HostOutcome =
  | { readonly kind: 'values'; readonly values: ArrayLike<unknown> }
  /** The task threw at input `index` of the chunk. */
  | { readonly kind: 'threw'; readonly index: number; readonly message: string; readonly stack?: string }
  /** The chunk ran past its timeout (timed on the host, from its start); the worker was replaced. */
  | { readonly kind: 'timeout' }
  /** The chunk cannot run: its task does not load, or its values cannot travel. */
  | { readonly kind: 'failed'; readonly message: string }
  /** The worker or the whole host died under the chunk: it may be tried again, within the retries. */
  | { readonly kind: 'crashed'; readonly reason: string }
  /** The chunk never reached a worker (the host or the relay went away first): run it elsewhere, uncounted. */
  | { readonly kind: 'dropped'; readonly reason: string };

/**
 * Where a host stands. `ready` takes work; `connecting` and `lost` (reconnecting with back-off) may become
 * ready by themselves; `unknown-key`, `changed-key` and `failed` need the user (accept a key, fix a setting).
 */
export type HostState = 'connecting' | 'ready' | 'lost' | 'unknown-key' | 'changed-key' | 'failed';

/** One chunk sent to a host: its outcome, and how to give up on it (the host stops running it). */
export interface HostRun {
  readonly outcome: Promise<HostOutcome>;
  /** Stop the chunk; its outcome then resolves as dropped if it has not arrived. */
  cancel(): void;
}

/**
 * One remote host as a RemotePool sees it: a number of worker slots that run chunks of a task. Implemented
 * over SSH in Node (src/relay, SshHost) and over the relay's WebSocket in the browser (src/remote).
 */
export interface HostLink {
  /** `user@host:port`. */
  readonly name: string;
  readonly state: HostState;
  /** Its workers: announced by the host once connected, else the configured or last known count. */
  readonly workers: number;
  /** Round trip of the last heartbeat, in ms. */
  readonly latencyMs: number | undefined;
  /** Why it is not ready, in one sentence. */
  readonly message: string | undefined;
  /** Run one chunk (argument lists) on one of its workers. Never throws: failures are outcomes. */
  run(task: TaskDescriptor, calls: readonly (readonly unknown[])[], timeoutMs: number | undefined): HostRun;
}

/** The hosts a RemotePool may use; hosts come and go, and change state, while a pool runs. */
export interface HostGroup {
  readonly hosts: readonly HostLink[];
  /** Call `listener` after any change of the hosts or their states; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/** Per-host figures for the hosts panel and the CLI's verbose output; `local` is this machine's workers. */
export interface HostStats {
  readonly name: string;
  readonly state: HostState | 'local';
  readonly workers: number;
  /** Chunks completed. */
  readonly tasks: number;
  /** Calls completed. */
  readonly evaluations: number;
  /** Calls completed per second over the last few seconds. */
  readonly evaluationsPerSecond: number;
  readonly latencyMs: number | undefined;
  /** Chunks that threw, timed out, failed or lost their worker. */
  readonly errors: number;
  /** Chunks sent and not yet answered. */
  readonly inFlight: number;
}

export interface RemotePoolOptions {
  readonly hosts: HostGroup;
  /**
   * This machine's workers, used beside the hosts (a WorkerPool); its size is the number of local slots. Omit
   * it to use remote hosts only. The RemotePool owns it: ending the RemotePool ends it.
   */
  readonly local?: Pool;
  /** How many more times a chunk is tried after the worker or host running it died (default 2). */
  readonly retries?: number;
  /**
   * When work is queued and no worker can ever take it (no local workers, every host needs the user):
   * 'wait' (default; the studio waits for a host to be added or its key accepted) or 'fail' (the CLI: reject
   * the work with the hosts' reasons).
   */
  readonly whenStranded?: 'wait' | 'fail';
}

/**
 * Chunks a slot holds at once: one running, one waiting behind it on the host, so a worker never waits for
 * the network between chunks.
 */
const DEPTH = 2;

/** Figures per second are counted over this window. */
const RATE_WINDOW_MS = 5000;

const terminalStates: ReadonlySet<HostState> = new Set(['unknown-key', 'changed-key', 'failed']);

interface Prepared {
  readonly task: Task<never[]>;
  readonly descriptor: TaskDescriptor;
}

/** Local workers, or one host: a set of slots and its figures. */
interface Lane {
  readonly name: string;
  /** The host; undefined for the local workers. */
  readonly link: HostLink | undefined;
  inFlight: number;
  tasks: number;
  evaluations: number;
  errors: number;
  /** It handed a chunk back undone: skip it until the hosts change. */
  cooling: boolean;
  /** When it was first sent a chunk; undefined before. */
  startedAt: number | undefined;
  /** Completions in the rate window: time and calls. */
  readonly recent: { at: number; count: number }[];
}

/** One chunk on its way through the pool. */
interface Dispatch {
  readonly job: ChunkJob<Prepared>;
  /** Times the worker or host running it died. */
  crashes: number;
  settled: boolean;
  resolve(values: ArrayLike<unknown>): void;
  reject(error: unknown): void;
  /** Stop listening to the call's cancellation. */
  detach(): void;
  /** Stops it where it runs; undefined while queued. */
  stop: (() => void) | undefined;
}

/**
 * A pool over this machine's workers and remote hosts. Chunks wait in one queue and are pulled by free
 * slots, wherever they are: a slot is free while its lane (the local workers, or one host) holds fewer
 * than DEPTH chunks per worker, and the least loaded lane pulls first. A host that dies mid-batch costs
 * time, not results: its chunks go back to the front of the queue and run elsewhere (counted against
 * `retries`, so a chunk that kills every worker it touches still ends), and a dropped connection to the
 * relay is not counted at all. With no worker able to take work, the work waits (the run pauses) until a
 * host is ready again.
 *
 * Results do not depend on where chunks ran, so a solver's run is bit-identical to a serial one.
 */
export class RemotePool extends BasePool<Prepared> {
  private readonly group: HostGroup;
  private readonly local: Pool | undefined;
  private readonly localLane: Lane | undefined;
  private readonly retries: number;
  private readonly whenStranded: 'wait' | 'fail';
  private readonly lanes = new Map<HostLink, Lane>();
  private readonly waiting: Dispatch[] = [];
  private readonly running = new Set<Dispatch>();
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribe: () => void;
  private released = false;

  constructor(options: RemotePoolOptions) {
    super();
    if (!options || typeof options.hosts?.subscribe !== 'function' || !Array.isArray(options.hosts.hosts)) {
      throw new OptionError('hosts', 'A RemotePool needs a group of hosts: a RelayClient in the studio, SshHosts in Node.');
    }
    const retries = options.retries ?? 2;
    if (!Number.isInteger(retries) || retries < 0) throw new OptionError('retries', `retries must be a non-negative integer, got ${String(retries)}.`);
    const whenStranded = options.whenStranded ?? 'wait';
    if (whenStranded !== 'wait' && whenStranded !== 'fail') {
      throw new OptionError('whenStranded', `whenStranded must be 'wait' or 'fail', got '${String(whenStranded)}'.`);
    }
    this.group = options.hosts;
    this.local = options.local;
    this.localLane = options.local ? newLane('local', undefined) : undefined;
    this.retries = retries;
    this.whenStranded = whenStranded;
    this.unsubscribe = this.group.subscribe(() => this.hostsChanged());
  }

  /** Local workers plus the workers of every host that is or may become ready (at least 1). */
  get size(): number {
    let workers = this.local?.size ?? 0;
    for (const link of this.group.hosts) if (!terminalStates.has(link.state)) workers += link.workers;
    return Math.max(1, workers);
  }

  protected get capacity(): number {
    return DEPTH * this.size;
  }

  /** True while work is queued and no worker can take it now (no host ready, no local workers). */
  get waitingForWorkers(): boolean {
    return this.waiting.length > 0 && !this.hasUsableLane();
  }

  /** Figures per lane: local workers first, then each host. */
  stats(): HostStats[] {
    const at = now();
    const figures: HostStats[] = [];
    if (this.localLane && this.local) figures.push(laneStats(this.localLane, 'local', this.local.size, undefined, at));
    for (const link of this.group.hosts) {
      figures.push(laneStats(this.laneOf(link), link.state, link.workers, link.latencyMs, at));
    }
    return figures;
  }

  /** Call `listener` when the figures or the hosts change (often: throttle before drawing). */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  protected prepare(task: Task<never[]>): Prepared {
    return { task, descriptor: describeTask(task) };
  }

  protected execute(job: ChunkJob<Prepared>): Promise<ArrayLike<unknown>> {
    return new Promise<ArrayLike<unknown>>((resolve, reject) => {
      const dispatch: Dispatch = { job, crashes: 0, settled: false, resolve, reject, detach: noop, stop: undefined };
      dispatch.detach = job.cancellation.onCancel((reason) => this.cancel(dispatch, reason));
      if (dispatch.settled) return;
      this.waiting.push(dispatch);
      this.assign();
    });
  }

  protected async release(): Promise<void> {
    this.released = true;
    this.unsubscribe();
    const error = new SibylError('The pool was released with work still queued.');
    for (const dispatch of this.waiting.splice(0)) this.settle(dispatch, undefined, error);
    for (const dispatch of [...this.running]) {
      this.settle(dispatch, undefined, error);
      dispatch.stop?.();
    }
    await this.local?.terminate();
  }

  // ----- placing chunks ---------------------------------------------------------------------------------

  private laneOf(link: HostLink): Lane {
    let lane = this.lanes.get(link);
    if (!lane) {
      lane = newLane(link.name, link);
      this.lanes.set(link, lane);
    }
    return lane;
  }

  private slotsOf(lane: Lane): number {
    if (lane.cooling) return 0;
    if (!lane.link) return this.local?.size ?? 0;
    return lane.link.state === 'ready' ? lane.link.workers : 0;
  }

  private hasUsableLane(): boolean {
    if (this.localLane && this.slotsOf(this.localLane) > 0) return true;
    return this.group.hosts.some((link) => this.slotsOf(this.laneOf(link)) > 0);
  }

  /** The lane with a free slot and the least load per worker; local workers win ties (no network). */
  private freeLane(): Lane | undefined {
    let best: Lane | undefined;
    let bestLoad = Infinity;
    const consider = (lane: Lane) => {
      const slots = this.slotsOf(lane);
      if (slots === 0 || lane.inFlight >= DEPTH * slots) return;
      const load = lane.inFlight / slots;
      if (load < bestLoad) {
        best = lane;
        bestLoad = load;
      }
    };
    if (this.localLane) consider(this.localLane);
    for (const link of this.group.hosts) consider(this.laneOf(link));
    return best;
  }

  private assign(): void {
    while (this.waiting.length > 0 && !this.released) {
      const lane = this.freeLane();
      if (!lane) break;
      this.send(lane, this.waiting.shift() as Dispatch);
    }
    if (this.whenStranded === 'fail') this.failIfStranded();
    this.changed();
  }

  private send(lane: Lane, dispatch: Dispatch): void {
    lane.inFlight++;
    lane.startedAt ??= now();
    this.running.add(dispatch);
    const { task, chunk, timeoutMs } = dispatch.job;
    let outcome: Promise<HostOutcome>;
    if (lane.link) {
      const run = lane.link.run(task.descriptor, chunk.args, timeoutMs);
      dispatch.stop = () => run.cancel();
      outcome = run.outcome;
    } else {
      const abort = abortController();
      dispatch.stop = () => abort.abort(new SibylError('The chunk was stopped.'));
      outcome = runLocally(this.local as Pool, task.task, chunk.args, timeoutMs, abort.signal);
    }
    outcome.then(
      (result) => this.finish(lane, dispatch, result),
      (error: unknown) => this.finish(lane, dispatch, error instanceof WorkerCrashError ? error : { kind: 'failed', message: errorMessage(error) }),
    );
  }

  /** A chunk came back from a lane: deliver it, or put it back in the queue when its worker died. */
  private finish(lane: Lane, dispatch: Dispatch, outcome: HostOutcome | WorkerCrashError): void {
    lane.inFlight--;
    this.running.delete(dispatch);
    dispatch.stop = undefined;
    if (!dispatch.settled) {
      const { chunk, timeoutMs } = dispatch.job;
      const count = chunk.args.length;
      if (outcome instanceof WorkerCrashError) {
        // The local pool already retried it as often as it would here.
        lane.errors++;
        this.settle(dispatch, undefined, new WorkerCrashError(chunk.first, count, outcome.attempts, outcome.reason));
      } else {
        switch (outcome.kind) {
          case 'values':
            lane.tasks++;
            lane.evaluations += count;
            lane.recent.push({ at: now(), count });
            this.settle(dispatch, outcome.values);
            break;
          case 'threw':
            lane.errors++;
            this.settle(dispatch, undefined, new TaskError(chunk.first + outcome.index, outcome.message, outcome.stack));
            break;
          case 'timeout':
            lane.errors++;
            this.settle(dispatch, undefined, new TaskTimeoutError(chunk.first, count, timeoutMs ?? 0));
            break;
          case 'failed':
            lane.errors++;
            this.settle(dispatch, undefined, new SibylError(outcome.message));
            break;
          case 'crashed':
            lane.errors++;
            dispatch.crashes++;
            if (dispatch.crashes > this.retries) this.settle(dispatch, undefined, new WorkerCrashError(chunk.first, count, dispatch.crashes, outcome.reason));
            else this.waiting.unshift(dispatch);
            break;
          case 'dropped':
            lane.cooling = true;
            this.waiting.unshift(dispatch);
            break;
        }
      }
    }
    this.assign();
  }

  private settle(dispatch: Dispatch, values: ArrayLike<unknown> | undefined, error?: unknown): void {
    if (dispatch.settled) return;
    dispatch.settled = true;
    dispatch.detach();
    if (values) dispatch.resolve(values);
    else dispatch.reject(error);
  }

  private cancel(dispatch: Dispatch, reason: unknown): void {
    if (dispatch.settled) return;
    this.settle(dispatch, undefined, reason);
    const queued = this.waiting.indexOf(dispatch);
    if (queued >= 0) this.waiting.splice(queued, 1);
    else dispatch.stop?.();
  }

  private hostsChanged(): void {
    for (const lane of this.lanes.values()) lane.cooling = false;
    // Forget hosts that left the group (their in-flight chunks come back through their outcomes).
    const present = new Set(this.group.hosts);
    for (const [link, lane] of this.lanes) if (!present.has(link) && lane.inFlight === 0) this.lanes.delete(link);
    this.assign();
  }

  /** With whenStranded 'fail': reject queued work when no worker is left that could ever take it. */
  private failIfStranded(): void {
    if (this.waiting.length === 0 || this.running.size > 0 || this.local) return;
    const hosts = this.group.hosts;
    if (!hosts.every((link) => terminalStates.has(link.state))) return;
    const reasons = hosts.map((link) => `${link.name}: ${link.message ?? link.state}`).join('; ');
    const error = new SibylError(hosts.length === 0 ? 'No worker can take the work: there are no hosts and no local workers.' : `No worker can take the work (${reasons}).`);
    for (const dispatch of this.waiting.splice(0)) this.settle(dispatch, undefined, error);
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

const noop = (): void => {};

function newLane(name: string, link: HostLink | undefined): Lane {
  return { name, link, inFlight: 0, tasks: 0, evaluations: 0, errors: 0, cooling: false, startedAt: undefined, recent: [] };
}

function laneStats(lane: Lane, state: HostState | 'local', workers: number, latencyMs: number | undefined, at: number): HostStats {
  while (lane.recent.length > 0 && at - (lane.recent[0] as { at: number }).at > RATE_WINDOW_MS) lane.recent.shift();
  let recentCalls = 0;
  for (const entry of lane.recent) recentCalls += entry.count;
  // Over the window, or over the time since the lane started if that is shorter.
  const seconds = Math.min(RATE_WINDOW_MS, at - (lane.startedAt ?? at)) / 1000;
  return {
    name: lane.name,
    state,
    workers,
    tasks: lane.tasks,
    evaluations: lane.evaluations,
    evaluationsPerSecond: seconds > 0 ? recentCalls / seconds : 0,
    latencyMs,
    errors: lane.errors,
    inFlight: lane.inFlight,
  };
}

/**
 * Run one chunk on the local pool, as one chunk there, and report it as a host would: failures carry the
 * index within the chunk, which the scheduler shifts to the caller's.
 */
async function runLocally(pool: Pool, task: Task<never[]>, calls: readonly (readonly unknown[])[], timeoutMs: number | undefined, signal: AbortSignalLike): Promise<HostOutcome> {
  const options: MapOptions = timeoutMs === undefined ? { chunkSize: calls.length, signal } : { chunkSize: calls.length, signal, timeoutMs };
  const view = pool.withOptions(options);
  const arity = (calls[0] as readonly unknown[]).length;
  try {
    // A call without arguments (pipe of a task with none) cannot be zipped from inputs.
    if (arity === 0) return { kind: 'values', values: [await view.pipe(task as Task<[], unknown>)] };
    const inputs = Array.from({ length: arity }, (_, j) => calls.map((call) => call[j]));
    return { kind: 'values', values: await view.map(task as Task<unknown[], unknown>, ...inputs) };
  } catch (error) {
    if (error instanceof TaskError) return error.causeStack === undefined ? { kind: 'threw', index: error.index, message: error.causeMessage } : { kind: 'threw', index: error.index, message: error.causeMessage, stack: error.causeStack };
    if (error instanceof TaskTimeoutError) return { kind: 'timeout' };
    throw error;
  }
}

/** An AbortSignal-shaped object for the local pool (src/core has no DOM types). */
function abortController(): { signal: AbortSignalLike; abort(reason: unknown): void } {
  const listeners = new Set<() => void>();
  const state: { aborted: boolean; reason?: unknown } = { aborted: false };
  const signal: AbortSignalLike = {
    get aborted() {
      return state.aborted;
    },
    get reason() {
      return state.reason;
    },
    addEventListener: (_type, listener) => void listeners.add(listener),
    removeEventListener: (_type, listener) => void listeners.delete(listener),
  };
  return {
    signal,
    abort(reason) {
      if (state.aborted) return;
      state.aborted = true;
      state.reason = reason;
      for (const listener of [...listeners]) listener();
    },
  };
}
