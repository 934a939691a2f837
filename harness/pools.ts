// The pool contract in a browser: SerialPool and a WorkerPool of Web Workers, run by the page's own small
// test runner. e2e/pools.spec.ts opens this page and reads the outcomes from window.__poolContract.
import { SerialPool } from '../src/core/parallel/serialPool';
import { PageHarness, type TestOutcome } from '../src/core/testing/harness';
import { poolContract } from '../src/core/testing/poolContract';
import { WorkerPool, webWorkers } from '../src/pool';

/** What the page publishes: `done` turns true once every test has run. */
export interface PoolContractReport {
  done: boolean;
  outcomes: TestOutcome[];
  /** A failure of the runner itself, outside any test. */
  error?: string;
}

declare global {
  interface Window {
    __poolContract: PoolContractReport;
  }
}

const report: PoolContractReport = { done: false, outcomes: [] };
window.__poolContract = report;

const harness = new PageHarness();
poolContract('SerialPool', () => new SerialPool(), harness, { isolated: false });
poolContract('WorkerPool (Web Workers)', () => new WorkerPool({ factory: webWorkers(), size: 2 }), harness, { isolated: true });

const status = document.getElementById('status');
harness
  .run('', () => performance.now())
  .then(
    (outcomes) => {
      report.outcomes = outcomes;
      const failed = outcomes.filter((outcome) => !outcome.passed).length;
      if (status) status.textContent = `${outcomes.length - failed} passed, ${failed} failed`;
    },
    (error: unknown) => {
      report.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      if (status) status.textContent = `The runner failed: ${report.error}`;
    },
  )
  .finally(() => {
    report.done = true;
  });
