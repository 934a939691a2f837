// The program the relay runs on a remote host (bundled to dist/node/remote-worker.js; see program.ts for how
// it gets there). Its main thread speaks the worker link on stdin and stdout and never runs a task, so it
// answers heartbeats while tasks compute; tasks run in worker threads started from this same program, each
// running chunks as a local pool worker does (src/pool/workerApi.ts).
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { errorMessage } from '../core/errors';
import {
  FrameReader,
  MAX_WORKER_FRAME_BYTES,
  ProtocolError,
  decodeFrame,
  decodeInput,
  encodeFrame,
  encodeReply,
  message,
  parseToWorker,
  type ChunkData,
  type ChunkReply,
  type FromWorker,
  type ToWorker,
  type WireTask,
} from '../protocol';
import type { ChunkRequest } from '../pool/wire';
import { workerApi } from '../pool/workerApi';

/** What the bootstrap hands over: this program's own text (to start threads) and stdin read past it. */
interface Boot {
  readonly program: string;
  readonly rest: Uint8Array;
}

/** A thread's code: evaluate this program again, in the thread. */
const THREAD_BOOT = 'require("vm").runInThisContext(require("worker_threads").workerData.program,{filename:"sibyl-remote-worker.js"})(require)';

/** Without a word from the relay for this many heartbeat silences, the relay is gone: exit. */
const ORPHAN_SILENCES = 8;

interface Job {
  readonly id: number;
  readonly task: WireTask;
  readonly input: ChunkData;
  readonly timeoutMs: number | null;
}

interface Thread {
  readonly worker: Worker;
  /** Hashes of the tasks this thread was sent in full. */
  readonly known: Set<string>;
  ready: boolean;
  /** Ended on purpose (timeout, cancel): its exit is not a crash. */
  ended: boolean;
  job: Job | undefined;
  stopTimer: () => void;
}

/** Messages between the main thread and a task thread. */
interface ThreadRequest {
  readonly id: number;
  readonly request: ChunkRequest;
}
type ThreadReply = { readonly ready: true } | { readonly id: number; readonly reply: ChunkReply };

function runThread(): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', ({ id, request }: ThreadRequest) => {
    Promise.resolve()
      .then(() => workerApi.run(request))
      .then(
        (reply) => port.postMessage({ id, reply } satisfies ThreadReply, reply.kind === 'numbers' ? [reply.data.buffer as ArrayBuffer] : []),
        (error: unknown) => port.postMessage({ id, reply: { kind: 'unloadable', message: errorMessage(error) } } satisfies ThreadReply),
      );
  });
  port.postMessage({ ready: true } satisfies ThreadReply);
}

function runMain(boot: Boot): void {
  const reader = new FrameReader(MAX_WORKER_FRAME_BYTES);
  const tasks = new Map<string, WireTask>();
  const queue: Job[] = [];
  const threads: Thread[] = [];
  let workers = 0;
  let silenceMs = 10_000;
  let lastHeard = Date.now();

  const send = (header: FromWorker, body?: Uint8Array) => {
    process.stdout.write(encodeFrame(header, body, true));
  };
  const reply = (id: number, chunkReply: ChunkReply) => {
    const { header, body } = encodeReply(id, chunkReply);
    send(header, body);
  };
  const quit = (code: number, why?: string) => {
    if (why) process.stderr.write(`sibyl remote worker: ${why}\n`);
    process.exit(code);
  };

  const spawn = (): void => {
    const worker = new Worker(THREAD_BOOT, { eval: true, workerData: { program: boot.program }, stdout: true, stderr: true });
    // A task's console output must not reach stdout, which carries the frames: it goes to stderr.
    worker.stdout.pipe(process.stderr);
    worker.stderr.pipe(process.stderr);
    const thread: Thread = { worker, known: new Set(), ready: false, ended: false, job: undefined, stopTimer: () => {} };
    threads.push(thread);
    let failure: Error | undefined;
    worker.on('message', (answer: ThreadReply) => {
      if ('ready' in answer) {
        thread.ready = true;
      } else if (thread.job?.id === answer.id) {
        thread.stopTimer();
        thread.job = undefined;
        reply(answer.id, answer.reply);
      }
      pump();
    });
    worker.on('error', (error) => {
      failure = error;
    });
    worker.on('exit', (code) => {
      const index = threads.indexOf(thread);
      if (index >= 0) threads.splice(index, 1);
      thread.stopTimer();
      if (thread.ended) return;
      const job = thread.job;
      if (job) send(message<FromWorker>({ type: 'crashed', id: job.id, reason: failure ? `${failure.name}: ${failure.message}` : `the worker exited with code ${code}` }));
      spawn();
      pump();
    });
  };

  /** End a thread on purpose (its chunk timed out or was cancelled) and start its replacement. */
  const replace = (thread: Thread): void => {
    thread.ended = true;
    thread.stopTimer();
    thread.job = undefined;
    const index = threads.indexOf(thread);
    if (index >= 0) threads.splice(index, 1);
    void thread.worker.terminate();
    spawn();
  };

  const pump = (): void => {
    for (const thread of threads) {
      if (queue.length === 0) return;
      if (!thread.ready || thread.job) continue;
      const job = queue.shift() as Job;
      thread.job = job;
      const known = thread.known.has(job.task.hash);
      thread.known.add(job.task.hash);
      const request: ChunkRequest = { task: known ? { kind: 'known', hash: job.task.hash } : job.task, input: job.input };
      const transfer = job.input.kind === 'points' ? [job.input.data.buffer as ArrayBuffer] : [];
      thread.worker.postMessage({ id: job.id, request } satisfies ThreadRequest, transfer);
      if (job.timeoutMs !== null) {
        // A chunk of k tasks may take k × timeoutMs, as in a local pool.
        const count = job.input.kind === 'points' ? job.input.count : job.input.calls.length;
        const timer = setTimeout(() => {
          if (thread.job !== job) return;
          send(message<FromWorker>({ type: 'timeout', id: job.id }));
          replace(thread);
          pump();
        }, job.timeoutMs * count);
        thread.stopTimer = () => clearTimeout(timer);
      }
    }
  };

  const handle = (msg: ToWorker, body: Uint8Array): void => {
    switch (msg.type) {
      case 'start':
        if (workers > 0) throw new ProtocolError('the worker program was started twice');
        workers = msg.workers ?? availableParallelism();
        silenceMs = msg.silenceMs;
        for (let i = 0; i < workers; i++) spawn();
        send(message<FromWorker>({ type: 'hello', pid: process.pid, cores: availableParallelism(), workers, node: process.version }));
        return;
      case 'task':
        tasks.set(msg.task.hash, msg.task);
        return;
      case 'run': {
        const task = tasks.get(msg.hash);
        if (!task) {
          send(message<FromWorker>({ type: 'failed', id: msg.id, message: 'The host was sent a chunk of a task it does not know.' }));
          return;
        }
        queue.push({ id: msg.id, task, input: decodeInput(msg.input, body), timeoutMs: msg.timeoutMs });
        pump();
        return;
      }
      case 'cancel': {
        const queued = queue.findIndex((job) => job.id === msg.id);
        if (queued >= 0) queue.splice(queued, 1);
        const thread = threads.find((t) => t.job?.id === msg.id);
        if (thread) replace(thread);
        pump();
        return;
      }
      case 'ping':
        send(message<FromWorker>({ type: 'pong', t: msg.t }));
        return;
    }
  };

  const received = (chunk: Uint8Array): void => {
    lastHeard = Date.now();
    try {
      for (const frame of reader.push(chunk)) {
        const { header, body } = decodeFrame(frame);
        handle(parseToWorker(header), body);
      }
    } catch (error) {
      quit(2, `the relay broke the protocol: ${errorMessage(error)}`);
    }
  };

  const orphanCheck = setInterval(() => {
    if (Date.now() - lastHeard > ORPHAN_SILENCES * silenceMs) quit(0, 'the relay went silent');
  }, 1000);
  orphanCheck.unref();

  process.stdin.on('data', received);
  process.stdin.on('end', () => quit(0));
  process.stdin.resume();
  received(boot.rest);
}

if (isMainThread) {
  const boot = (globalThis as { sibylBoot?: Boot }).sibylBoot;
  if (!boot) throw new Error('sibyl-remote-worker.js is started by the relay, through its bootstrap.');
  runMain(boot);
} else if ((workerData as { program?: unknown } | undefined)?.program !== undefined) {
  runThread();
}
