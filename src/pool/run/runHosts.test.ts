import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { RunController, SerialPool, compileDescriptor, type HostLink, type HostRun, type HostState, type Pool, type RunSetup, type RunSnapshot, type TaskDescriptor } from '../../core/index';
import { RunHosts, type HostsReport, type RelayHosts } from './runHosts';

/** A host in this thread: it compiles the task it is sent, as a remote worker does, and answers on a later turn. */
class LoopbackHost implements HostLink {
  state: HostState = 'ready';
  readonly latencyMs = 2;
  readonly message = undefined;
  chunks = 0;

  constructor(
    readonly name: string,
    readonly workers: number,
  ) {}

  run(task: TaskDescriptor, calls: readonly (readonly unknown[])[]): HostRun {
    this.chunks++;
    const fn = compileDescriptor(task);
    const outcome = new Promise<{ kind: 'values'; values: unknown[] }>((resolve) =>
      setTimeout(() => void Promise.all(calls.map((call) => fn(...call))).then((values) => resolve({ kind: 'values', values })), 0),
    );
    return { outcome, cancel: () => {} };
  }
}

/** A relay client stand-in: its hosts, its connection state, and change notices. */
class LoopbackRelay implements RelayHosts {
  state: 'connecting' | 'open' | 'closed' = 'open';
  private readonly listeners = new Set<() => void>();

  constructor(readonly hosts: LoopbackHost[]) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  change(edit: () => void): void {
    edit();
    for (const listener of [...this.listeners]) listener();
  }
}

function setup(relay: LoopbackRelay, options: { reportIntervalMs?: number; readyWaitMs?: number } = {}) {
  const localSizes: number[] = [];
  const reports: HostsReport[] = [];
  let connects = 0;
  const hosts = new RunHosts({
    connect: () => {
      connects++;
      return relay;
    },
    localPool: (size) => {
      localSizes.push(size);
      // SerialPool has one slot; the requested count is what is checked.
      return new SerialPool();
    },
    ...options,
  });
  hosts.listen((report) => reports.push(report));
  return { hosts, localSizes, reports, connects: () => connects };
}

const plan = { useHosts: true, remoteOnly: false, localCap: null, readyHosts: [] };

const rosenbrock = `import { rosen } from 'sibyl/models';
export default { dim: 4, bounds: [[-2, 2], [-2, 2], [-2, 2], [-2, 2]], objective: (x: number[]) => rosen(x) };
`;
const de2Setup: RunSetup = { source: rosenbrock, solverId: 'de2', seed: 42, npop: 24, termination: 'VTR(0, -1)', limits: { generations: 60 }, workers: 3 };

async function solveWith(createPool?: (request: { readonly workers: number }) => Pool | undefined): Promise<RunSnapshot> {
  const snapshots: RunSnapshot[] = [];
  const controller = new RunController({ onSnapshot: (s) => snapshots.push(s), yieldToEvents: () => nextMacrotask(), now: () => performance.now(), ...(createPool ? { createPool } : {}) });
  expect(await controller.start(1, de2Setup)).toEqual({ ok: true });
  await controller.settled();
  await controller.dispose();
  return snapshots.at(-1) as RunSnapshot;
}

async function until(test: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000 && !test(); i++) await new Promise((resolve) => setTimeout(resolve, 2));
  if (!test()) throw new Error(`timed out waiting for ${what}`);
}

describe('RunHosts', () => {
  it('without hosts, makes the pools it always made and never connects to the relay', async () => {
    const { hosts, localSizes, connects } = setup(new LoopbackRelay([]));
    await hosts.configure({ ...plan, useHosts: false });
    expect(hosts.createPool({ workers: 1 })).toBeUndefined();
    expect(hosts.createPool({ workers: 3 })).toBeInstanceOf(SerialPool);
    expect(localSizes).toEqual([3]);
    expect(connects()).toBe(0);
  });

  it('runs de2 through the hosts only (remote only) to the result of the inline run, and reports per-host figures', async () => {
    const relay = new LoopbackRelay([new LoopbackHost('u@a:22', 2), new LoopbackHost('u@b:22', 1)]);
    const { hosts, localSizes, reports } = setup(relay, { reportIntervalMs: 5 });
    await hosts.configure({ ...plan, remoteOnly: true });
    const inline = await solveWith();
    const remote = await solveWith((request) => hosts.createPool(request));
    expect(remote.status).toBe('done');
    expect(remote.generation).toBe(60);
    expect(remote.bestCost).toBe(inline.bestCost);
    expect(remote.bestX).toEqual(inline.bestX);
    expect(localSizes).toEqual([]);
    // Every evaluation of the run went through the hosts.
    await until(() => (reports.at(-1)?.figures.reduce((sum, lane) => sum + lane.evaluations, 0) ?? 0) === remote.evaluations, 'the last figures');
    const last = reports.at(-1) as HostsReport;
    expect(last.figures.map((lane) => lane.name)).toEqual(['u@a:22', 'u@b:22']);
    for (const lane of last.figures) expect(lane.tasks, lane.name).toBeGreaterThan(0);
    expect(relay.hosts.reduce((sum, host) => sum + host.chunks, 0)).toBe(last.figures.reduce((sum, lane) => sum + lane.tasks, 0));
    // Throttled: far fewer reports than chunks.
    expect(reports.length).toBeLessThan(last.figures.reduce((sum, lane) => sum + lane.tasks, 0) / 2);
  });

  it('caps the local workers beside the hosts, and lists them first', async () => {
    const relay = new LoopbackRelay([new LoopbackHost('u@a:22', 1)]);
    const { hosts, localSizes, reports } = setup(relay);
    await hosts.configure({ ...plan, localCap: 2 });
    const pool = hosts.createPool({ workers: 5 }) as Pool;
    expect(localSizes).toEqual([2]);
    // Two local slots (asked for; the stand-in has one) and the host's one.
    expect(pool.size).toBe(2);
    expect(reports.at(-1)?.figures.map((lane) => lane.name)).toEqual(['local', 'u@a:22']);
    await hosts.configure({ ...plan, localCap: 9 });
    hosts.createPool({ workers: 3 });
    expect(localSizes).toEqual([2, 3]);
    await hosts.configure({ ...plan, localCap: 0 });
    hosts.createPool({ workers: 3 });
    expect(localSizes).toEqual([2, 3]);
    await pool.terminate();
  });

  it('reports at once that the run waits when no host is ready, and again when one is back', async () => {
    const host = new LoopbackHost('u@a:22', 1);
    const relay = new LoopbackRelay([host]);
    const { hosts, reports } = setup(relay, { reportIntervalMs: 10_000 });
    await hosts.configure({ ...plan, remoteOnly: true });
    const pool = hosts.createPool({ workers: 2 }) as Pool;
    relay.change(() => {
      relay.state = 'connecting';
      host.state = 'connecting';
    });
    const result = pool.map((x: number) => x * 3, [1, 2, 3]);
    await until(() => reports.at(-1)?.waiting === true, 'a waiting report');
    relay.change(() => {
      relay.state = 'open';
      host.state = 'ready';
    });
    expect(await result).toEqual([3, 6, 9]);
    // Not after the 10 s throttle: the end of the wait goes out at once too.
    expect(reports.at(-1)?.waiting).toBe(false);
    await pool.terminate();
  });

  it('waits before a run until its relay client sees the hosts the page sees ready, and no longer than its limit', async () => {
    const host = new LoopbackHost('u@a:22', 1);
    host.state = 'connecting';
    const relay = new LoopbackRelay([host]);
    relay.state = 'connecting';
    const { hosts } = setup(relay, { readyWaitMs: 60_000 });
    let configured = false;
    const configuring = hosts.configure({ ...plan, readyHosts: ['u@a:22'] }).then(() => (configured = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    relay.change(() => (relay.state = 'open'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(configured).toBe(false);
    relay.change(() => (host.state = 'ready'));
    await configuring;

    const late = setup(new LoopbackRelay([]), { readyWaitMs: 50 });
    const started = performance.now();
    await late.hosts.configure({ ...plan, readyHosts: ['u@gone:22'] });
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });
});
