import { isThenable } from '../core/parallel/evaluate';
import { writePoints, type ChunkReply, type ChunkRequest, type PointsShape } from './wire';

/**
 * A worker's lane: chunks of points handed to a worker through shared memory instead of a message.
 *
 * Why: on small machines, and on virtual ones above all, a message costs its sender a system call and its
 * receiver a wake-up through its event loop; a solver batch of 150 cheap points then spends more time in
 * messages than in the objective. A lane is one SharedArrayBuffer per worker. Between chunks the worker
 * parks in `Atomics.wait` (asleep, not spinning); the pool writes the points into the lane and wakes it; the
 * worker writes the costs back and wakes the pool's `Atomics.waitAsync`. One wake-up each way and no copies
 * through the event loops (docs/benchmarks.md has the figures of both ways).
 *
 * Everything else still travels as messages (the first chunk of a task, which compiles it; inputs that are
 * not points; replies that are not all numbers), and a parked worker cannot read messages. So the pool counts
 * every message it posts (`PENDING`) and releases a parked worker first (`beforeMessage`); the worker parks
 * only when it has no message waiting, checking after it has said it parks, so that one of the two always
 * sees the other.
 *
 * When the machine has a core to spare for it (the pool has fewer workers than cores), each side first polls
 * for a few tens of microseconds before it sleeps: batches that follow each other closely, as a solver's do,
 * then pass without any wake-up at all. Without a spare core, polling would only take the core the other side
 * needs.
 *
 * Lanes need SharedArrayBuffer (in a browser, a cross-origin isolated page) and `Atomics.waitAsync`; without
 * them the pool uses messages only.
 */

/**
 * Int32 slots of the lane's header: STATE (below); PENDING, the messages the pool has posted that the worker
 * has not begun to handle; DONE, the sequence number of the last request the worker finished (what the pool
 * waits on); the current request (SEQUENCE, COUNT, DIMENSION, HASH_LENGTH) and how its reply comes back
 * (OUTCOME); the room in the lane, in numbers (POINTS_CAPACITY in, RESULTS_CAPACITY out), and SPIN, how long
 * either side polls before it sleeps, in µs (0: sleep at once). The pool sets the last three.
 */
const [STATE, PENDING, DONE, SEQUENCE, COUNT, DIMENSION, OUTCOME, HASH_LENGTH, POINTS_CAPACITY, RESULTS_CAPACITY, SPIN] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
const HEADER_BYTES = 64;
const HASH_BYTES = 64;
const POINTS_OFFSET = HEADER_BYTES + HASH_BYTES;

/**
 * The worker's state (the STATE slot): FREE, reading its messages; PARKED, asleep, waiting for a request;
 * CLAIMED, the pool is writing a request; REQUEST, a request is ready; RELEASE, the pool asks it to go back
 * to its messages.
 */
const [FREE, PARKED, CLAIMED, REQUEST, RELEASE] = [0, 1, 2, 3, 4] as const;

/** How a request's reply comes back (the OUTCOME slot): as numbers in the lane, or as a LaneReplyMessage. */
const [NUMBERS, POSTED] = [0, 1] as const;

/** A reply the worker posts when it is not all numbers (an error, other values), tagged with its request. */
export interface LaneReplyMessage {
  readonly sibylLane: number;
  readonly reply: ChunkReply;
}

export function isLaneReply(data: unknown): data is LaneReplyMessage {
  return typeof (data as Partial<LaneReplyMessage> | null)?.sibylLane === 'number';
}

/** `Atomics.waitAsync` (ES2024; Node 16, Chromium 87), typed here for the ES2022 library the project uses. */
type WaitAsync = (array: Int32Array, index: number, value: number) => { async: false; value: string } | { async: true; value: Promise<string> };
const waitAsync = (Atomics as unknown as { waitAsync?: WaitAsync }).waitAsync;

/** Whether this runtime can give workers lanes. */
export function lanesSupported(): boolean {
  return typeof SharedArrayBuffer === 'function' && typeof waitAsync === 'function';
}

/** A lane's memory: the header, the task's hash (ASCII), the points in and the results out. */
class LaneMemory {
  readonly header: Int32Array;
  readonly hash: Uint8Array;
  readonly points: Float64Array;
  readonly results: Float64Array;

  constructor(readonly buffer: SharedArrayBuffer) {
    this.header = new Int32Array(buffer, 0, HEADER_BYTES / 4);
    const points = this.header[POINTS_CAPACITY] as number;
    this.hash = new Uint8Array(buffer, HEADER_BYTES, HASH_BYTES);
    this.points = new Float64Array(buffer, POINTS_OFFSET, points);
    this.results = new Float64Array(buffer, POINTS_OFFSET + 8 * points, this.header[RESULTS_CAPACITY] as number);
  }

  /** A new lane with room for `points` numbers in and `results` out. */
  static create(points: number, results: number): LaneMemory {
    const buffer = new SharedArrayBuffer(POINTS_OFFSET + 8 * (points + results));
    const header = new Int32Array(buffer, 0, HEADER_BYTES / 4);
    header[POINTS_CAPACITY] = points;
    header[RESULTS_CAPACITY] = results;
    return new LaneMemory(buffer);
  }
}

/** The pool's end of a worker's lane. */
export class PoolLane {
  private readonly memory: LaneMemory;
  private sequence = 0;
  /** Replies that came as messages, by sequence number, and requests waiting for theirs. */
  private readonly posted = new Map<number, ChunkReply>();
  private readonly waitingForPost = new Map<number, (reply: ChunkReply) => void>();

  /** A lane for chunks of up to `count` points of `dimension` numbers; both sides poll `spinMicros` first. */
  constructor(count: number, dimension: number, spinMicros: number) {
    this.memory = LaneMemory.create(count * dimension, count);
    this.memory.header[SPIN] = spinMicros;
  }

  /** What the worker is sent once, with a chunk that goes by message. */
  get buffer(): SharedArrayBuffer {
    return this.memory.buffer;
  }

  /** Whether a chunk fits (task hashes are short hexadecimal text). */
  fits(count: number, dimension: number, hash: string): boolean {
    return count * dimension <= this.memory.points.length && count <= this.memory.results.length && hash.length <= HASH_BYTES && /^[\x20-\x7e]*$/.test(hash);
  }

  /**
   * Hand a chunk of points to the worker if it is parked, writing them straight into the lane: resolves with
   * its reply. Undefined when the worker is not parked (it is reading messages) or a call is not a point of
   * `shape.dim` numbers after all: the chunk must go as a message.
   */
  offer(hash: string, calls: readonly (readonly unknown[])[], shape: PointsShape): Promise<ChunkReply> | undefined {
    const { header } = this.memory;
    if (Atomics.compareExchange(header, STATE, PARKED, CLAIMED) !== PARKED) return undefined;
    if (!writePoints(calls, shape, this.memory.points)) {
      this.setState(PARKED);
      return undefined;
    }
    const sequence = ++this.sequence;
    for (let k = 0; k < hash.length; k++) this.memory.hash[k] = hash.charCodeAt(k);
    header[HASH_LENGTH] = hash.length;
    header[COUNT] = shape.count;
    header[DIMENSION] = shape.dim;
    header[SEQUENCE] = sequence;
    this.setState(REQUEST);
    return this.finished(sequence, shape.count);
  }

  /** Store the worker's state and wake it, should it sleep on the one before. */
  private setState(state: number): void {
    Atomics.store(this.memory.header, STATE, state);
    Atomics.notify(this.memory.header, STATE);
  }

  /** Call before posting the worker any message: it is counted, and a parked worker goes to read it. */
  beforeMessage(): void {
    const { header } = this.memory;
    Atomics.add(header, PENDING, 1);
    this.release();
  }

  /** Send a parked worker back to its messages (before it is sent a new lane, or ended). */
  release(): void {
    const { header } = this.memory;
    if (Atomics.compareExchange(header, STATE, PARKED, RELEASE) === PARKED) Atomics.notify(header, STATE);
  }

  /** A reply the worker posted (see LaneReplyMessage). */
  deliver(message: LaneReplyMessage): void {
    const waiting = this.waitingForPost.get(message.sibylLane);
    if (waiting) {
      this.waitingForPost.delete(message.sibylLane);
      waiting(message.reply);
    } else this.posted.set(message.sibylLane, message.reply);
  }

  private async finished(sequence: number, count: number): Promise<ChunkReply> {
    const { header, results } = this.memory;
    poll(header, DONE, (value) => value === sequence);
    for (;;) {
      const done = Atomics.load(header, DONE);
      if (done === sequence) break;
      const wait = (waitAsync as WaitAsync)(header, DONE, done);
      if (wait.async) await wait.value;
    }
    if (header[OUTCOME] === NUMBERS) return { kind: 'numbers', data: results.slice(0, count) };
    const early = this.posted.get(sequence);
    if (early) {
      this.posted.delete(sequence);
      return early;
    }
    return new Promise((resolve) => this.waitingForPost.set(sequence, resolve));
  }
}

/** Runs a chunk request in the worker, as a message would have it run. */
export type RunRequest = (request: ChunkRequest) => ChunkReply | Promise<ChunkReply>;
/** Posts a message to the pool (the worker's own postMessage). */
export type PostToPool = (message: LaneReplyMessage, transfer: Transferable[]) => void;

/** The worker's end of its lane. */
export class WorkerLane {
  private readonly memory: LaneMemory;

  constructor(buffer: SharedArrayBuffer) {
    this.memory = new LaneMemory(buffer);
  }

  /** A message from the pool is being handled (the pool counted it in `beforeMessage`). */
  received(): void {
    Atomics.sub(this.memory.header, PENDING, 1);
  }

  /**
   * Park and serve the chunks the pool hands over, until it releases the worker or a chunk's reply needs the
   * event loop (promises); then return, with the worker reading its messages again. Returns at once when a
   * message is waiting.
   */
  serve(run: RunRequest, post: PostToPool): void {
    const { header } = this.memory;
    if (!this.park()) return;
    for (;;) {
      // A claimed lane is being written, which takes a microsecond or two: that is polled through too.
      let state = poll(header, STATE, (value) => value !== PARKED && value !== CLAIMED);
      while (state === PARKED || state === CLAIMED) {
        Atomics.wait(header, STATE, state);
        state = Atomics.load(header, STATE);
      }
      if (state !== REQUEST) {
        Atomics.store(header, STATE, FREE);
        return;
      }
      const sequence = header[SEQUENCE] as number;
      const count = header[COUNT] as number;
      const reply = run(this.request(count));
      if (isThenable(reply)) {
        // Back to the event loop to await the results, then answer by message.
        Atomics.store(header, STATE, FREE);
        void reply.then((settled) => this.finish(sequence, count, settled, post));
        return;
      }
      // Parked again before saying it is done: the pool's next chunk can come through the lane at once.
      const parked = Atomics.load(header, PENDING) === 0;
      Atomics.store(header, STATE, parked ? PARKED : FREE);
      this.finish(sequence, count, reply, post);
      if (!parked) return;
    }
  }

  /** Say it parks, unless a message waits; checked again after saying so (see the module comment). */
  private park(): boolean {
    const { header } = this.memory;
    if (Atomics.load(header, PENDING) > 0) return false;
    if (Atomics.compareExchange(header, STATE, FREE, PARKED) !== FREE) return false;
    if (Atomics.load(header, PENDING) > 0 && Atomics.compareExchange(header, STATE, PARKED, FREE) === PARKED) return false;
    return true;
  }

  private request(count: number): ChunkRequest {
    const { header, hash, points } = this.memory;
    const dimension = header[DIMENSION] as number;
    const name = String.fromCharCode(...hash.subarray(0, header[HASH_LENGTH] as number));
    // A view, not a copy: the chunk reads its points before the pool can write the lane again.
    return { task: { kind: 'known', hash: name }, input: { kind: 'points', data: points.subarray(0, count * dimension), dim: dimension, count } };
  }

  private finish(sequence: number, count: number, reply: ChunkReply, post: PostToPool): void {
    const { header, results } = this.memory;
    if (reply.kind === 'numbers' && reply.data.length === count) {
      results.set(reply.data);
      header[OUTCOME] = NUMBERS;
    } else {
      header[OUTCOME] = POSTED;
      post({ sibylLane: sequence, reply }, reply.kind === 'numbers' ? [reply.data.buffer as ArrayBuffer] : []);
    }
    Atomics.store(header, DONE, sequence);
    Atomics.notify(header, DONE);
  }
}

/**
 * Read `header[index]` until `ready` holds or the lane's spin time has passed; returns the last value read.
 * The clock is read every 64 polls only: it costs more than a poll.
 */
function poll(header: Int32Array, index: number, ready: (value: number) => boolean): number {
  let value = Atomics.load(header, index);
  const micros = header[SPIN] as number;
  if (micros <= 0 || ready(value)) return value;
  const until = performance.now() + micros / 1000;
  for (let k = 1; ; k++) {
    value = Atomics.load(header, index);
    if (ready(value) || ((k & 63) === 0 && performance.now() > until)) return value;
  }
}
