import { AdaptivePool, type Dispatch, type Pool, type SolverMeta } from '../core';
import { nodeWorkers } from '../pool/node/nodeWorkers';
import { WorkerPool } from '../pool/workerPool';

/** The evaluation pool of one `sibyl solve` run (--workers, --dispatch), and what it tells the user. */
export interface RunPool {
  /** What the solver gets: the workers behind an AdaptivePool; undefined when evaluation stays in this thread. */
  readonly pool: Pool | undefined;
  /** The line that says where evaluations run, for --verbose; undefined without --workers. */
  readonly plan: string | undefined;
  /** The dispatch line, once 'auto' has measured and decided (then never again); undefined until then. */
  decided(): string | undefined;
  /** Figures to print when the run ends, for --verbose (per-host figures with --hosts). */
  summary?(): string | undefined;
  /** End the workers: let submitted work finish (close), or reject it at once after a failure (terminate). */
  end(how: 'close' | 'terminate'): Promise<void>;
}

/**
 * `--workers N` (N ≥ 1): a WorkerPool of N worker_threads wrapped in an AdaptivePool, which evaluates each
 * batch in the workers or in this thread, whichever it measured faster (`--dispatch auto`), or where
 * `--dispatch` says. `--workers 0`, the default, evaluates in this thread without any pool. Solvers that
 * evaluate one point at a time (de, nm, powell) would leave workers idle, so none are started for them.
 */
export function openRunPool(meta: SolverMeta, workers: number, dispatch: Dispatch, entry?: string | URL): RunPool {
  if (workers === 0) return inThisThread(undefined);
  if (!meta.usesPool) {
    return inThisThread(`Workers: none started; ${meta.id} evaluates one point at a time, so it cannot use --workers (de2 and the ensembles can).`);
  }
  const threads = new WorkerPool({ factory: entry === undefined ? nodeWorkers() : nodeWorkers(entry), size: workers });
  const pool = new AdaptivePool(threads, { dispatch });
  const plural = workers === 1 ? 'worker thread' : 'worker threads';
  const plan =
    dispatch === 'auto'
      ? `Workers: ${workers} ${plural}; dispatch auto: each batch goes to the workers or stays in this thread, whichever measures faster.`
      : `Workers: ${workers} ${plural}; dispatch ${dispatch} (forced): every batch is evaluated ${dispatch === 'pool' ? 'in the workers' : 'in this thread'}.`;
  let told = dispatch !== 'auto';
  return {
    pool,
    plan,
    decided() {
      const decision = pool.decision;
      if (told || decision === undefined) return undefined;
      told = true;
      return decision === 'pool'
        ? 'Dispatch: auto chose the workers (an evaluation there, messages included, measured cheaper than in this thread).'
        : `Dispatch: auto chose this thread (an evaluation costs less than sending it to a worker)${threads.workers === 0 ? '; no worker was started' : ''}.`;
    },
    end: (how) => (how === 'close' ? pool.close() : pool.terminate()),
  };
}

function inThisThread(plan: string | undefined): RunPool {
  return { pool: undefined, plan, decided: () => undefined, end: () => Promise.resolve() };
}
