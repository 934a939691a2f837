import { transfer, wrap, type Endpoint, type Remote } from 'comlink';
import { OptionError, SibylError, errorMessage } from '../core/errors';
import { BasePool, type ChunkJob } from '../core/parallel/basePool';
import { TaskError, TaskTimeoutError, WorkerCrashError } from '../core/parallel/errors';
import { after } from '../core/parallel/host';
import type { Task } from '../core/parallel/pool';
import { describeTask, type TaskDescriptor } from '../core/parallel/task';
import { PoolLane, isLaneReply, lanesSupported } from './lane';
import type { WorkerApi } from './workerApi';
import { packCalls, pointsShape, type ChunkReply, type ChunkRequest, type TaskRef } from './wire';

/** A started worker, as the pool sees it. */
export interface WorkerHandle {
  /** Where Comlink talks to the worker. */
  readonly endpoint: Endpoint;
  /** Stop the worker at once, even in the middle of an endless loop. */
  terminate(): void | Promise<unknown>;
}

/**
 * How a WorkerPool starts workers: Web Workers in the browser (webWorkers), worker_threads in Node
 * (nodeWorkers, in src/pool/node). `start` must call `onExit` if the worker ends by itself (crash,
 * process.exit, self.close, an uncaught error), with a few words on why.
 */
export interface WorkerFactory {
  start(onExit: (reason: string) => void): WorkerHandle;
  /** Cores the runtime reports; the default pool size. */
  readonly concurrency?: number;
}

export interface WorkerPoolOptions {
  readonly factory: WorkerFactory;
  /** Number of workers; default the factory's concurrency. Workers start on demand. */
  readonly size?: number;
  /** How many more times a chunk is tried after its worker died under it (default 2). */
  readonly retries?: number;
  /** Workers idle this long (ms) are ended, and started again on demand; default: kept until close. */
  readonly idleTimeoutMs?: number;
  /**
   * Hand chunks of points to workers through shared memory (lane.ts) when the runtime allows it (default
   * true): SharedArrayBuffer, which a browser gives only to cross-origin isolated pages, and Atomics.waitAsync.
   */
  readonly sharedMemory?: boolean;
}

/** One chunk on its way through the pool. */
interface Dispatch {
  readonly job: ChunkJob<TaskDescriptor>;
  /** Times a worker died running it. */
  crashes: number;
  settled: boolean;
  resolve(values: ArrayLike<unknown>): void;
  reject(error: unknown): void;
  /** Stop listening to the call's cancellation. */
  detach(): void;
}

/**
 * One worker and the chunk it runs. A worker has one chunk at a time: a chunk queued behind a long one could
 * wait while another worker is idle, and a timeout could not tell when it started.
 */
interface Slot {
  readonly handle: WorkerHandle;
  readonly api: Remote<WorkerApi>;
  /**
   * `api.run`, looked up once: every property read of a Comlink remote makes a new proxy (and registers it
   * for finalization), which cost a chunk more than its message did.
   */
  readonly run: Remote<WorkerApi>['run'];
  /** Hashes of the tasks this worker has been sent in full. */
  readonly known: Set<string>;
  /** Where chunks of points go while the worker is parked (lane.ts), once it has been sent one. */
  lane: PoolLane | undefined;
  running: Dispatch | undefined;
  /** The worker has loaded; until then its chunk is not timed (start-up is not the task's time). */
  loaded: boolean;
  ended: boolean;
  /** Cancels the running chunk's timeout, or the idle timer. */
  stopTimer: () => void;
}

const noop = (): void => {};

/**
 * How long a lane's two sides poll before they sleep, µs: longer than a solver takes between two batches of a
 * cheap objective (building 150 trials), short enough that an idle worker soon costs nothing.
 */
const LANE_SPIN_MICROS = 100;

/**
 * A pool of workers behind the Pool interface: Web Workers in the browser, worker_threads in Node, one
 * implementation over Comlink, handed a WorkerFactory. Tasks travel as source (a module and an export, or
 * a self-contained function) and are compiled once per worker; each chunk is one message each way, with
 * populations as transferred Float64Arrays.
 *
 * Failures: a task that throws rejects with a TaskError (its message, its stack in the worker, its index);
 * a chunk past its timeout gets its worker terminated and replaced and rejects with TaskTimeoutError; a
 * worker that dies is replaced and its chunk retried up to `retries` times, then rejected with
 * WorkerCrashError; cancellation terminates the workers running the cancelled chunks. Other chunks go on.
 */
export class WorkerPool extends BasePool<TaskDescriptor> {
  readonly size: number;
  protected readonly capacity: number;
  private readonly factory: WorkerFactory;
  private readonly retries: number;
  private readonly idleTimeoutMs: number | undefined;
  private readonly sharedMemory: boolean;
  private readonly laneSpinMicros: number;
  private readonly slots: Slot[] = [];
  private handedOver = 0;
  private readonly waiting: Dispatch[] = [];
  private released = false;

  constructor(options: WorkerPoolOptions) {
    super();
    if (!options || typeof options.factory?.start !== 'function') {
      throw new OptionError('factory', 'A WorkerPool needs a worker factory (webWorkers() in the browser, nodeWorkers() in Node).');
    }
    const size = options.size ?? Math.max(1, options.factory.concurrency ?? 1);
    if (!Number.isInteger(size) || size < 1) throw new OptionError('size', `size must be a positive integer, got ${String(size)}.`);
    const retries = options.retries ?? 2;
    if (!Number.isInteger(retries) || retries < 0) throw new OptionError('retries', `retries must be a non-negative integer, got ${String(retries)}.`);
    const idle = options.idleTimeoutMs;
    if (idle !== undefined && (!Number.isFinite(idle) || idle < 0)) {
      throw new OptionError('idleTimeoutMs', `idleTimeoutMs must be a number of milliseconds ≥ 0, got ${String(idle)}.`);
    }
    this.factory = options.factory;
    this.size = size;
    this.capacity = size;
    this.retries = retries;
    this.idleTimeoutMs = idle;
    this.sharedMemory = (options.sharedMemory ?? true) && lanesSupported();
    // Polling is worth a core only when there is one to spare beside the workers (lane.ts).
    this.laneSpinMicros = size < (options.factory.concurrency ?? 1) ? LANE_SPIN_MICROS : 0;
  }

  /** Workers running now (they start on demand and may have expired). */
  get workers(): number {
    return this.slots.length;
  }

  /** Chunks handed to workers through shared memory so far (the rest went as messages). */
  get laneChunks(): number {
    return this.handedOver;
  }

  protected prepare(task: Task<never[]>): TaskDescriptor {
    return describeTask(task);
  }

  protected execute(job: ChunkJob<TaskDescriptor>): Promise<ArrayLike<unknown>> {
    return new Promise<ArrayLike<unknown>>((resolve, reject) => {
      const dispatch: Dispatch = { job, crashes: 0, settled: false, resolve, reject, detach: noop };
      dispatch.detach = job.cancellation.onCancel((reason) => this.cancel(dispatch, reason));
      if (dispatch.settled) return;
      this.waiting.push(dispatch);
      this.assign();
    });
  }

  protected async release(): Promise<void> {
    this.released = true;
    const ending = [...this.slots].map((slot) => this.end(slot));
    for (const dispatch of this.waiting.splice(0)) this.settle(dispatch, undefined, new SibylError('The pool was released with work still queued.'));
    await Promise.all(ending);
  }

  // ----- placing chunks on workers ---------------------------------------------------------------------

  private assign(): void {
    while (this.waiting.length > 0 && !this.released) {
      const slot = this.freeSlot();
      if (!slot) return;
      this.send(slot, this.waiting.shift() as Dispatch);
    }
  }

  /** An idle worker, or a new one while the pool may grow. */
  private freeSlot(): Slot | undefined {
    const idle = this.slots.find((slot) => !slot.running);
    if (idle || this.slots.length >= this.size) return idle;
    return this.spawn();
  }

  private spawn(): Slot | undefined {
    let handle: WorkerHandle;
    const slot: { current?: Slot } = {};
    try {
      handle = this.factory.start((reason) => {
        if (slot.current) this.crashed(slot.current, reason);
      });
    } catch (error) {
      for (const dispatch of this.waiting.splice(0)) {
        this.settle(dispatch, undefined, new SibylError(`A worker could not be started: ${errorMessage(error)}`));
      }
      return undefined;
    }
    const api = wrap<WorkerApi>(handle.endpoint);
    const created: Slot = { handle, api, run: api.run, known: new Set(), lane: undefined, running: undefined, loaded: false, ended: false, stopTimer: noop };
    handle.endpoint.addEventListener('message', (event) => {
      const data: unknown = (event as MessageEvent).data;
      if (isLaneReply(data)) created.lane?.deliver(data);
    });
    slot.current = created;
    this.slots.push(created);
    created.api.ready().then(() => {
      created.loaded = true;
      if (!created.ended) this.startClock(created);
    }, noop);
    return created;
  }

  private send(slot: Slot, dispatch: Dispatch): void {
    slot.running = dispatch;
    this.startClock(slot);
    const { task, chunk } = dispatch.job;
    const known = slot.known.has(task.hash);
    const shape = pointsShape(chunk.args);
    const fits = shape !== undefined && slot.lane?.fits(shape.count, shape.dim, task.hash) === true;
    if (known && fits) {
      const handed = slot.lane?.offer(task.hash, chunk.args, shape);
      if (handed) {
        this.handedOver++;
        void handed.then((reply) => this.replied(slot, dispatch, reply));
        return;
      }
    }
    const input = packCalls(chunk.args);
    const points = input.kind === 'points' ? input : undefined;
    // By message. A parked worker is woken to read it; a worker without a lane that fits gets one with it.
    slot.known.add(task.hash);
    slot.lane?.beforeMessage();
    const ref: TaskRef = known ? { kind: 'known', hash: task.hash } : task;
    let request: ChunkRequest = { task: ref, input };
    if (points && !fits && this.sharedMemory) {
      // Room for twice this chunk, and at least 32 kB: a lane that grows with its chunks is rarely replaced.
      slot.lane = new PoolLane(Math.max(2 * points.count, Math.ceil(4096 / points.dim)), points.dim, this.laneSpinMicros);
      request = { ...request, lane: slot.lane.buffer };
    }
    slot.run(points ? transfer(request, [points.data.buffer]) : request).then(
      (reply) => this.replied(slot, dispatch, reply),
      (error: unknown) => this.replied(slot, dispatch, { kind: 'unloadable', message: errorMessage(error) }),
    );
  }

  private replied(slot: Slot, dispatch: Dispatch, reply: ChunkReply): void {
    if (slot.ended || slot.running !== dispatch) return;
    slot.running = undefined;
    this.startClock(slot);
    const first = dispatch.job.chunk.first;
    switch (reply.kind) {
      case 'numbers':
        this.settle(dispatch, reply.data);
        break;
      case 'values':
        this.settle(dispatch, reply.values);
        break;
      case 'threw':
        this.settle(dispatch, undefined, new TaskError(first + reply.index, reply.message, reply.stack));
        break;
      case 'unloadable':
        this.settle(dispatch, undefined, new SibylError(reply.message));
        break;
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

  // ----- time, failure and cancellation ----------------------------------------------------------------

  /** Time the worker's chunk from now (it starts now), or, when it has none, how long it stays idle. */
  private startClock(slot: Slot): void {
    slot.stopTimer();
    slot.stopTimer = noop;
    if (!slot.loaded) return;
    const running = slot.running;
    if (!running) {
      const idle = this.idleTimeoutMs;
      if (idle !== undefined) slot.stopTimer = after(idle, () => void this.end(slot));
      return;
    }
    const { timeoutMs, chunk } = running.job;
    if (timeoutMs !== undefined) slot.stopTimer = after(timeoutMs * chunk.args.length, () => this.timedOut(slot, running));
  }

  private timedOut(slot: Slot, dispatch: Dispatch): void {
    const { chunk, timeoutMs } = dispatch.job;
    this.settle(dispatch, undefined, new TaskTimeoutError(chunk.first, chunk.args.length, timeoutMs ?? 0));
    void this.end(slot);
    this.assign();
  }

  private crashed(slot: Slot, reason: string): void {
    if (slot.ended) return;
    const running = slot.running;
    if (running) {
      running.crashes++;
      if (running.crashes > this.retries) {
        const { chunk } = running.job;
        this.settle(running, undefined, new WorkerCrashError(chunk.first, chunk.args.length, running.crashes, reason));
      }
    }
    void this.end(slot);
    this.assign();
  }

  private cancel(dispatch: Dispatch, reason: unknown): void {
    if (dispatch.settled) return;
    this.settle(dispatch, undefined, reason);
    const waiting = this.waiting.indexOf(dispatch);
    if (waiting >= 0) {
      this.waiting.splice(waiting, 1);
      return;
    }
    // Sent: the only way to stop it is to end its worker.
    const slot = this.slots.find((s) => s.running === dispatch);
    if (slot) {
      void this.end(slot);
      this.assign();
    }
  }

  /** End a worker; its chunk, if still wanted (a crash to retry), goes back to the front of the queue. */
  private end(slot: Slot): Promise<unknown> {
    if (slot.ended) return Promise.resolve();
    slot.ended = true;
    slot.stopTimer();
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    if (slot.running && !slot.running.settled) this.waiting.unshift(slot.running);
    slot.running = undefined;
    // A parked worker is woken first: it then ends like any other.
    slot.lane?.release();
    try {
      return Promise.resolve(slot.handle.terminate()).catch(noop);
    } catch {
      return Promise.resolve();
    }
  }
}
