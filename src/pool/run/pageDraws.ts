/**
 * The page's plot redraws, made visible to the run worker, so that a run at full speed gives way while a
 * redraw drags on.
 *
 * Why: on a machine with few cores, a run at full speed holds one core, and the page's main thread shares
 * the rest with the browser's own threads (rasterising, collecting garbage). A redraw that takes 10 ms
 * of CPU then sometimes takes 50 ms or more of wall time, and a click waits behind it. So the page counts
 * its redraws in shared memory (odd: one is under way), and the run worker looks between its slices of
 * generations: when the same redraw is still under way a whole slice after it first saw it, the redraw is
 * being starved, and the worker sleeps until it ends (at most `GIVE_WAY_MS`, once per redraw). A redraw that is not starved
 * ends within a slice and costs the run nothing.
 *
 * Needs SharedArrayBuffer (a cross-origin isolated page); without it the page draws as before.
 */

/** Longest the run worker sleeps for one redraw. */
export const GIVE_WAY_MS = 40;

/**
 * Int32 slots of the shared buffer: the redraw counter (odd while one is under way), and what giving way has
 * cost the run so far (times it slept, and µs asleep), which the page reads for its figures.
 */
const [DRAWS, SLEEPS, SLEPT_MICROS] = [0, 1, 2] as const;

/** The page's side: brackets each redraw. */
export class PageDraws {
  private readonly counter: Int32Array;

  private constructor(readonly buffer: SharedArrayBuffer) {
    this.counter = new Int32Array(buffer);
  }

  /** Undefined where shared memory is not available. */
  static create(): PageDraws | undefined {
    return typeof SharedArrayBuffer === 'function' && typeof Atomics === 'object' ? new PageDraws(new SharedArrayBuffer(12)) : undefined;
  }

  begin(): void {
    Atomics.add(this.counter, DRAWS, 1);
  }

  end(): void {
    Atomics.add(this.counter, DRAWS, 1);
    Atomics.notify(this.counter, DRAWS);
  }

  /** What giving way has cost the runs so far: times the run worker slept for a redraw, and for how long. */
  givenWay(): { readonly sleeps: number; readonly sleptMs: number } {
    return { sleeps: Atomics.load(this.counter, SLEEPS), sleptMs: Atomics.load(this.counter, SLEPT_MICROS) / 1000 };
  }
}

let shared: PageDraws | null | undefined;

/** The page's one PageDraws (the plots bracket their redraws with it, the run worker is handed its buffer). */
export function pageDraws(): PageDraws | undefined {
  if (shared === undefined) shared = PageDraws.create() ?? null;
  return shared ?? undefined;
}

/** The run worker's side: called between slices of generations. */
export class GiveWay {
  private readonly counter: Int32Array;
  /** The redraw seen under way at the last look, if any. */
  private seen = -1;
  /** The last redraw the worker slept for: it gives way to each at most once, so one that never ends costs 40 ms. */
  private givenTo = -1;

  constructor(buffer: SharedArrayBuffer) {
    this.counter = new Int32Array(buffer);
  }

  /** Sleep while a redraw that was already under way at the last look still is (once per redraw). */
  afterSlice(now: () => number): void {
    const current = Atomics.load(this.counter, DRAWS);
    const seenBefore = this.seen === current;
    this.seen = current;
    if (current % 2 === 0 || !seenBefore || current === this.givenTo) return;
    this.givenTo = current;
    const started = now();
    Atomics.wait(this.counter, DRAWS, current, GIVE_WAY_MS);
    Atomics.add(this.counter, SLEEPS, 1);
    Atomics.add(this.counter, SLEPT_MICROS, Math.round((now() - started) * 1000));
  }
}
