// The Web Worker side of `npm run bench` (bench/pools.ts): the benchmark opens this page in Chromium and
// calls window.__poolBench, which measures a WorkerPool of Web Workers with the same code as in Node.
import { WorkerPool, webWorkers } from '../src/pool';
import { dispatchOverhead, type PoolOverhead } from '../bench/poolOverhead';

declare global {
  interface Window {
    __poolBench: { overhead(workers: number, sharedMemory: boolean, samples: number, maps: number): Promise<PoolOverhead> };
  }
}

window.__poolBench = {
  async overhead(workers, sharedMemory, samples, maps) {
    const pool = new WorkerPool({ factory: webWorkers(), size: workers, sharedMemory });
    try {
      const figure = await dispatchOverhead(pool, samples, maps, () => performance.now());
      return { ...figure, workers: pool.size, laneChunks: pool.laneChunks, isolated: crossOriginIsolated };
    } finally {
      await pool.close();
    }
  },
};
