import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { GIVE_WAY_MS, GiveWay, PageDraws } from './pageDraws';

function pair(): { page: PageDraws; run: GiveWay } {
  const page = PageDraws.create();
  if (!page) throw new Error('no SharedArrayBuffer');
  return { page, run: new GiveWay(page.buffer) };
}

const now = () => performance.now();

describe('the run giving way to a slow redraw', () => {
  it('goes on at once when no redraw is under way, or a new one began since the last look', () => {
    const { page, run } = pair();
    run.afterSlice(now);
    page.begin();
    run.afterSlice(now);
    page.end();
    page.begin();
    run.afterSlice(now);
    expect(page.givenWay()).toEqual({ sleeps: 0, sleptMs: 0 });
  });

  it('sleeps while the redraw it saw at the last look is still under way, at most GIVE_WAY_MS', () => {
    const { page, run } = pair();
    page.begin();
    run.afterSlice(now);
    const started = now();
    run.afterSlice(now);
    const slept = now() - started;
    expect(slept).toBeGreaterThanOrEqual(GIVE_WAY_MS - 5);
    expect(page.givenWay().sleeps).toBe(1);
    expect(page.givenWay().sleptMs).toBeGreaterThanOrEqual(GIVE_WAY_MS - 5);
    // A redraw that never ends is given way once, not at every other look.
    for (let k = 0; k < 4; k++) run.afterSlice(now);
    expect(page.givenWay().sleeps).toBe(1);
    // The next redraw that drags on is given way again.
    page.end();
    page.begin();
    run.afterSlice(now);
    run.afterSlice(now);
    expect(page.givenWay().sleeps).toBe(2);
  });

  it('wakes as soon as the page ends the redraw from another thread', async () => {
    const { page, run } = pair();
    page.begin();
    run.afterSlice(now);
    // The page's side on a real thread: once running, it ends the redraw 15 ms later.
    const ender = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const counter = new Int32Array(workerData);
       parentPort.postMessage('ready');
       const until = Date.now() + 15; while (Date.now() < until);
       Atomics.add(counter, 0, 1); Atomics.notify(counter, 0);`,
      { eval: true, workerData: page.buffer },
    );
    await new Promise((resolve) => ender.once('message', resolve));
    run.afterSlice(now);
    await ender.terminate();
    expect(page.givenWay().sleeps).toBe(1);
    expect(page.givenWay().sleptMs).toBeLessThan(GIVE_WAY_MS);
  });
});
