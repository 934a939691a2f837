import { expose } from 'comlink';
import { setImmediate as nextImmediate } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSetup } from '../../core/index';
import { nextMacrotask } from './macrotask';
import { RunWorkerEnded, createRunWorker, type RunWorker, type RunWorkerEndpoint } from './runClient';
import { createRunWorkerApi } from './runWorkerApi';
import { decodeState, type StudioSnapshot } from './savedState';

const rosenbrock = `import { rosen } from 'sibyl/models';
export default { dim: 3, bounds: [[-2, 2], [-2, 2], [-2, 2]], objective: (x: number[]) => rosen(x) };
`;
const setup: RunSetup = { source: rosenbrock, solverId: 'de', seed: 11, npop: 20, termination: 'VTR(1e-10)', limits: { generations: 400 } };

const open: MessagePort[] = [];

/**
 * The run worker's API exposed on one end of a MessageChannel and the studio's client on the other: the real
 * Comlink wire (structured clone, proxies), in this thread.
 */
function connect(onSnapshot: (s: StudioSnapshot) => void): RunWorker {
  const { port1, port2 } = new MessageChannel();
  open.push(port1, port2);
  expose(createRunWorkerApi({ yieldToEvents: nextMacrotask, now: () => performance.now() }), port1);
  const endpoint: RunWorkerEndpoint = {
    postMessage: (message: unknown, transfer?: Transferable[]) => port2.postMessage(message, transfer ?? []),
    addEventListener: port2.addEventListener.bind(port2),
    removeEventListener: port2.removeEventListener.bind(port2),
    terminate: () => port1.close(),
  } as RunWorkerEndpoint;
  return createRunWorker({ onSnapshot, onCrash: () => undefined }, () => endpoint);
}

/** Wait until a snapshot satisfies `test`. */
async function until(snapshots: StudioSnapshot[], test: (s: StudioSnapshot) => boolean): Promise<StudioSnapshot> {
  for (let i = 0; i < 5000; i++) {
    const found = snapshots.findLast(test);
    if (found) return found;
    await nextImmediate();
  }
  throw new Error('no such snapshot');
}

afterEach(() => {
  for (const port of open.splice(0)) port.close();
});

describe('the run worker over Comlink', () => {
  it('runs, pauses, steps and finishes with the result of an uninterrupted run', async () => {
    const snapshots: StudioSnapshot[] = [];
    const worker = connect((s) => snapshots.push(s));
    expect(await worker.start(1, setup, 'step')).toEqual({ ok: true });
    await worker.step(3);
    const stepped = await until(snapshots, (s) => s.status === 'paused' && s.generation === 3 && s.saved !== undefined);
    expect(snapshots.flatMap((s) => s.history.generations).at(-1)).toBe(3);
    // The checkpoint crossed as the state file in a Blob, which reads back as the state.
    const saved = stepped.saved;
    expect(saved?.blob).toBeInstanceOf(Blob);
    expect(saved?.summary).toMatchObject({ solverId: 'de', generationsRecorded: 4 });
    expect(saved && (await decodeState(saved)).history.y).toHaveLength(4);
    const state = await worker.saveState();
    expect(state?.history.y).toHaveLength(4);
    await worker.resume();
    const done = await until(snapshots, (s) => s.status === 'done');

    const straight: StudioSnapshot[] = [];
    const other = connect((s) => straight.push(s));
    await other.start(1, setup);
    const reference = await until(straight, (s) => s.status === 'done');
    expect(done.bestCost).toBe(reference.bestCost);
    expect(done.bestX).toEqual(reference.bestX);
    expect(done.generation).toBe(reference.generation);
  });

  it('rejects pending commands once the worker is ended', async () => {
    const worker = connect(() => undefined);
    const never = `export default { dim: 2, objective: () => new Promise<number>(() => {}) };`;
    const pending = worker.start(1, { source: never, solverId: 'nm', seed: 1 }, 'step');
    await nextImmediate();
    worker.terminate();
    await expect(pending).rejects.toBeInstanceOf(RunWorkerEnded);
    await expect(worker.pause()).rejects.toBeInstanceOf(RunWorkerEnded);
  });
});
