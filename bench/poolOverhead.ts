// The dispatch-overhead measurement, shared by the Node benchmark (bench/pools.ts) and the browser page
// that measures Web Workers (harness/poolBench.ts): it uses only the Pool interface and a clock.
import type { Pool } from '../src/core/parallel/pool';

/** A solver batch: de2's population in the engine benchmark, 150 points in 10-D. */
export const POPULATION = 150;
export const DIMENSION = 10;

/** The batch, with coordinates that differ from point to point. */
export function population(): number[][] {
  return Array.from({ length: POPULATION }, (_, i) => Array.from({ length: DIMENSION }, (_, j) => ((i * 7 + j * 3) % 19) / 19 - 0.5));
}

/** An objective that costs next to nothing, so what is timed is the dispatch. Self-contained: it ships by source. */
export function sumOfSquares(x: number[]): number {
  let sum = 0;
  for (let j = 0; j < x.length; j++) sum += (x[j] as number) * (x[j] as number);
  return sum;
}

/** An overhead figure of a WorkerPool, with how it was measured. */
export interface PoolOverhead extends OverheadFigure {
  readonly workers: number;
  /** Chunks the pool handed over through shared memory (lanes), of all it sent. */
  readonly laneChunks: number;
  /** Whether the page was cross-origin isolated (SharedArrayBuffer available); true in Node. */
  readonly isolated: boolean;
}

export interface OverheadFigure {
  /** Dispatch cost per evaluation: (one map through the pool − the same batch inline) / batch size, µs. */
  readonly perEvaluationUs: number;
  /** One map of the batch through the pool, µs. */
  readonly mapUs: number;
  /** The same batch evaluated inline, µs. */
  readonly inlineUs: number;
}

/**
 * Dispatch overhead of a solver batch through `pool`, as a solver sends it: one map, one chunk per worker.
 * Samples alternate (inline, pool, inline, pool, …) so load from elsewhere hits both alike; each sample
 * times `maps` maps, so a coarse clock (a browser page's is 0.1 ms) does not matter. The figure is the
 * median of the paired differences.
 */
export async function dispatchOverhead(pool: Pool, samples: number, maps: number, now: () => number): Promise<OverheadFigure> {
  const points = population();
  const view = pool.withOptions({ chunkSize: Math.ceil(points.length / pool.size) });
  const results = new Float64Array(points.length);
  const inline = () => {
    for (let i = 0; i < points.length; i++) results[i] = sumOfSquares(points[i] as number[]);
  };
  // Warm-up: start the workers, compile the task there and let both sides' JIT settle.
  for (let k = 0; k < 50; k++) {
    await view.map(sumOfSquares, points);
    inline();
  }
  const differences: number[] = [];
  const mapTimes: number[] = [];
  const inlineTimes: number[] = [];
  for (let s = 0; s < samples; s++) {
    let started = now();
    for (let k = 0; k < maps; k++) inline();
    const inlineUs = ((now() - started) * 1000) / maps;
    started = now();
    for (let k = 0; k < maps; k++) await view.map(sumOfSquares, points);
    const mapUs = ((now() - started) * 1000) / maps;
    inlineTimes.push(inlineUs);
    mapTimes.push(mapUs);
    differences.push(mapUs - inlineUs);
  }
  return { perEvaluationUs: median(differences) / points.length, mapUs: median(mapTimes), inlineUs: median(inlineTimes) };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}
