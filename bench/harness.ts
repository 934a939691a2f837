import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startStudioServer, type StudioServer } from '../scripts/studioServer';

/** One measured figure, with the reference it is compared against in the same run. */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly note?: string;
}

/** Run `fn` `repeats` times after one warm-up and return the median wall time in milliseconds. */
export async function medianMs(repeats: number, fn: () => unknown): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

export function formatRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} k/s`;
  return `${perSecond.toFixed(1)} /s`;
}

/** Start the built studio server (dist/node/serve.js, which also hosts the relay) with `args` on loopback. */
export function startServer(args: readonly string[] = []): Promise<StudioServer> {
  return startStudioServer(fileURLToPath(new URL('./serve.js', import.meta.url)), args);
}
