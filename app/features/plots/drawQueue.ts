/**
 * Which plot to redraw next, and when: the main thread's budget for drawing. A plotly redraw is the largest
 * piece of main-thread work in the studio (tens to hundreds of milliseconds on a busy machine), and the main
 * thread must stay free for the user: Pause answers within 100 ms. So
 *
 * - one plot is drawn at a time (one per animation frame, never all of them in one task), round-robin, so
 *   every plot that wants a redraw gets its turn;
 * - after a draw that took c ms, no plot is drawn for (k − 1)·c ms: drawing takes at most 1/k of the main
 *   thread however many plots there are (k = `costFactor`);
 * - one plot is redrawn at most every max(`minIntervalMs`, k × its last draw time): a plot that is cheap to
 *   draw moves smoothly, one that is costly moves less often rather than taking the page;
 * - a plot that is off-screen (or in a hidden tab) is not drawn; it is drawn once it shows again, and then
 *   at once: a plot that comes into view (or is new) skips the rest and its interval for that one draw, so
 *   plots scrolled into view fill in frame after frame rather than one every few hundred milliseconds.
 *
 * Pure bookkeeping on a clock the caller passes in; drawLoop.ts drives it with animation frames.
 */

export interface DrawPolicy {
  /** Shortest time between two redraws of one plot, ms (20 a second). */
  readonly minIntervalMs: number;
  /** Drawing may take at most 1/costFactor of the main thread. */
  readonly costFactor: number;
}

export const defaultDrawPolicy: DrawPolicy = { minIntervalMs: 50, costFactor: 6 };

interface Entry {
  /** Something changed since the last draw began. */
  dirty: boolean;
  /** On screen (and the tab shown). */
  visible: boolean;
  /** New, or back in view, and not drawn since: its next draw need not wait. */
  fresh: boolean;
  /** A draw has begun and not ended. */
  drawing: boolean;
  lastStartedAt: number;
  /** Main-thread time of the last draw, ms. */
  lastCostMs: number;
}

export class DrawQueue<K> {
  private readonly entries = new Map<K, Entry>();
  /** Keys in the order they take turns; `cursor` is where the next search starts. */
  private order: K[] = [];
  private cursor = 0;
  /** No draw begins before this time: the main thread's rest after the last draw. */
  private restUntil = -Infinity;

  constructor(private readonly policy: DrawPolicy = defaultDrawPolicy) {}

  /** A new plot: dirty (it has never been drawn), visible until told otherwise. */
  add(key: K): void {
    if (this.entries.has(key)) return;
    this.entries.set(key, { dirty: true, visible: true, fresh: true, drawing: false, lastStartedAt: -Infinity, lastCostMs: 0 });
    this.order.push(key);
  }

  delete(key: K): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    // A plot removed while it draws never ends its draw here: the others must not wait for it.
    if (entry.drawing) this.restUntil = -Infinity;
    const index = this.order.indexOf(key);
    this.order.splice(index, 1);
    if (index < this.cursor) this.cursor--;
    if (this.cursor >= this.order.length) this.cursor = 0;
  }

  /** The plot's figure changed: draw it again when its turn comes. */
  request(key: K): void {
    const entry = this.entries.get(key);
    if (entry) entry.dirty = true;
  }

  setVisible(key: K, visible: boolean): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    if (visible && !entry.visible) entry.fresh = true;
    entry.visible = visible;
  }

  /** Whether some plot waits for a redraw it may get without anything else changing (the loop keeps going). */
  get waiting(): boolean {
    for (const entry of this.entries.values()) if (entry.dirty && entry.visible) return true;
    return false;
  }

  /** When the plot may be drawn again, by its own interval (ignoring the shared rest). */
  private dueAt(entry: Entry): number {
    return entry.lastStartedAt + Math.max(this.policy.minIntervalMs, this.policy.costFactor * entry.lastCostMs);
  }

  /**
   * The plot to draw now, if any: the next one in turn that wants a redraw, is visible, is not being drawn and
   * whose interval has passed; none while a draw runs, or while the main thread is resting unless a plot is
   * fresh (see the rules above). The caller must then call `begin` and, when the draw is over, `end`.
   */
  next(now: number): K | undefined {
    const drawing = this.restUntil === Infinity;
    if (drawing) return undefined;
    const resting = now < this.restUntil;
    const count = this.order.length;
    for (let step = 0; step < count; step++) {
      const index = (this.cursor + step) % count;
      const key = this.order[index] as K;
      const entry = this.entries.get(key) as Entry;
      if (!entry.dirty || !entry.visible) continue;
      if (entry.fresh || (!resting && now >= this.dueAt(entry))) {
        this.cursor = (index + 1) % count;
        return key;
      }
    }
    return undefined;
  }

  begin(key: K, now: number): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.drawing = true;
    entry.dirty = false;
    entry.fresh = false;
    entry.lastStartedAt = now;
    this.restUntil = Infinity;
  }

  /** The draw that began at `begin` is over; `costMs` is the main-thread time it took. */
  end(key: K, now: number, costMs: number): void {
    const entry = this.entries.get(key);
    if (entry) {
      entry.drawing = false;
      entry.lastCostMs = costMs;
    }
    this.restUntil = now + (this.policy.costFactor - 1) * costMs;
  }
}
