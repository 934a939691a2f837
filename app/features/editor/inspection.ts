/**
 * What the studio learns by loading the problem module (in inspect.worker.ts), and the main-thread client
 * that asks for it with a time limit.
 */
import type { ModuleInfo, RuleSource } from '../../store/problemSlice';

export type { ModuleInfo, RuleSource };

/** Why a module did not load; line and column (1-based) when the error has a position. */
export interface ModuleError {
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

export interface InspectRequest {
  readonly id: number;
  readonly source: string;
}

export type InspectReply =
  | { readonly id: number; readonly ok: true; readonly module: ModuleInfo }
  | { readonly id: number; readonly ok: false; readonly error: ModuleError }
  /** Sent once the worker has loaded: the time limit counts from then, not from the download. */
  | { readonly ready: true };

export type InspectResult = { readonly ok: true; readonly module: ModuleInfo } | { readonly ok: false; readonly error: ModuleError };

/** How long a module's top-level code may run before the studio gives up on it. */
export const INSPECT_TIMEOUT_MS = 3000;

interface Pending {
  readonly id: number;
  readonly resolve: (result: InspectResult | undefined) => void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Loads modules in a worker, one at a time; a newer request supersedes a pending one (its promise resolves
 * to undefined). A module that does not finish in time costs the worker, which is replaced. The time limit
 * starts once the worker is up, so a slow first download is not blamed on the module.
 */
export class ModuleInspector {
  private worker: Worker | undefined;
  private ready = false;
  private nextId = 1;
  private pending: Pending | undefined;

  constructor(private readonly createWorker: () => Worker = defaultWorker) {}

  inspect(source: string): Promise<InspectResult | undefined> {
    this.settle(undefined);
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending = { id, resolve, timer: undefined };
      if (this.ready) this.startClock();
      worker.postMessage({ id, source } satisfies InspectRequest);
    });
  }

  dispose(): void {
    this.settle(undefined);
    this.stop();
  }

  private start(): Worker {
    const worker = this.createWorker();
    this.ready = false;
    worker.onmessage = ({ data }: MessageEvent<InspectReply>) => {
      if ('ready' in data) {
        this.ready = true;
        this.startClock();
      } else if (data.id === this.pending?.id) {
        this.settle(data.ok ? { ok: true, module: data.module } : { ok: false, error: data.error });
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.stop();
      this.settle({ ok: false, error: { message: `The module checker stopped: ${event.message || 'the worker failed to load'}.` } });
    };
    return worker;
  }

  private stop(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.ready = false;
  }

  private startClock(): void {
    const pending = this.pending;
    if (!pending || pending.timer !== undefined) return;
    pending.timer = setTimeout(() => {
      this.stop();
      this.settle({
        ok: false,
        error: { message: `The module did not finish loading within ${INSPECT_TIMEOUT_MS / 1000} s: does its top-level code loop forever?` },
      });
    }, INSPECT_TIMEOUT_MS);
  }

  private settle(result: InspectResult | undefined): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    pending.resolve(result);
  }
}

function defaultWorker(): Worker {
  return new Worker(new URL('./inspect.worker.ts', import.meta.url), { type: 'module', name: 'problem-inspector' });
}
