import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INSPECT_TIMEOUT_MS, ModuleInspector, type InspectReply, type InspectRequest } from './inspection';

/** A stand-in for the worker: records requests, answers when told, counts terminations. */
class FakeWorker {
  onmessage: ((event: MessageEvent<InspectReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  requests: InspectRequest[] = [];
  terminated = false;
  postMessage(request: InspectRequest) {
    this.requests.push(request);
  }
  terminate() {
    this.terminated = true;
  }
  reply(data: InspectReply) {
    this.onmessage?.({ data } as MessageEvent<InspectReply>);
  }
}

const info = { name: 'p', dim: 2, constraints: { kind: 'none' }, penalties: { kind: 'none' } } as const;

describe('the module inspector', () => {
  let workers: FakeWorker[];
  let inspector: ModuleInspector;
  beforeEach(() => {
    vi.useFakeTimers();
    workers = [];
    inspector = new ModuleInspector(() => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker as unknown as Worker;
    });
  });
  afterEach(() => vi.useRealTimers());

  it('answers with what the worker found, and the clock starts only once the worker is up', async () => {
    const result = inspector.inspect('source');
    vi.advanceTimersByTime(INSPECT_TIMEOUT_MS * 3);
    workers[0]!.reply({ ready: true });
    workers[0]!.reply({ id: workers[0]!.requests[0]!.id, ok: true, module: info });
    await expect(result).resolves.toEqual({ ok: true, module: info });
  });

  it('lets a newer request supersede a pending one', async () => {
    const first = inspector.inspect('one');
    const second = inspector.inspect('two');
    await expect(first).resolves.toBeUndefined();
    const worker = workers[0]!;
    worker.reply({ ready: true });
    worker.reply({ id: worker.requests[0]!.id, ok: true, module: info });
    worker.reply({ id: worker.requests[1]!.id, ok: false, error: { message: 'bad', line: 2, column: 3 } });
    await expect(second).resolves.toEqual({ ok: false, error: { message: 'bad', line: 2, column: 3 } });
  });

  it('gives up on a module that never finishes and starts a new worker next time', async () => {
    const hung = inspector.inspect('while (true) {}');
    workers[0]!.reply({ ready: true });
    vi.advanceTimersByTime(INSPECT_TIMEOUT_MS + 1);
    await expect(hung).resolves.toMatchObject({ ok: false, error: { message: expect.stringMatching(/did not finish loading within 3 s/) } });
    expect(workers[0]!.terminated).toBe(true);
    void inspector.inspect('fine');
    expect(workers).toHaveLength(2);
  });
});
