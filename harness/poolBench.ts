// The Web Worker side of `npm run bench` (bench/pools.ts): the benchmark opens this page in Chromium and
// calls window.__poolBench, which measures a WorkerPool of Web Workers with the same code as in Node.
import { WorkerPool, webWorkers } from '../src/pool';
import { dispatchOverhead, type OverheadFigure } from '../bench/poolOverhead';

declare global {
  interface Window {
    __poolBench: { overhead(workers: number, samples: number, maps: number): Promise<OverheadFigure & { workers: number }> };
  }
}

window.__poolBench = {
  async overhead(workers, samples, maps) {
    const pool = new WorkerPool({ factory: webWorkers(), size: workers });
    try {
      return { ...(await dispatchOverhead(pool, samples, maps, () => performance.now())), workers: pool.size };
    } finally {
      await pool.close();
    }
  },
};
