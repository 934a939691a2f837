/**
 * A monitor records (x, y, id) triples. Solvers call a generation monitor once per generation with the best
 * point and its (penalized) energy, and an evaluation monitor once per objective evaluation with the point
 * actually evaluated (after hard constraints) and its raw cost. A monitor never changes the run: it gets
 * copies of the points.
 */
export interface MonitorSink {
  record(x: readonly number[], y: number, id?: number): void;
}

/** A function or an object with `record`: what `setGenerationMonitor` and `setEvaluationMonitor` take. */
export type MonitorLike = MonitorSink | ((x: readonly number[], y: number, id?: number) => void);

export function toSink(monitor: MonitorLike): MonitorSink {
  return typeof monitor === 'function' ? { record: monitor } : monitor;
}

/** The in-memory monitor: mystic's `Monitor`, with `k` as a multiplier on recorded y. */
export class Monitor implements MonitorSink {
  readonly x: number[][] = [];
  private readonly rawY: number[] = [];
  readonly id: (number | undefined)[] = [];
  /** Multiplier applied when recording (k = -1 keeps maximization bookkeeping readable); `y` divides it out. */
  readonly k: number;

  constructor(options: { k?: number } = {}) {
    this.k = options.k ?? 1;
  }

  record(x: readonly number[], y: number, id?: number): void {
    this.x.push([...x]);
    this.rawY.push(y * this.k);
    this.id.push(id);
  }

  get y(): number[] {
    return this.k === 1 ? [...this.rawY] : this.rawY.map((v) => v / this.k);
  }

  get length(): number {
    return this.x.length;
  }

  /** The record with the lowest y, or undefined when empty. */
  min(): { x: number[]; y: number; index: number } | undefined {
    const ys = this.y;
    let best = -1;
    for (let i = 0; i < ys.length; i++) if (best < 0 || (ys[i] as number) < (ys[best] as number)) best = i;
    return best < 0 ? undefined : { x: [...(this.x[best] as number[])], y: ys[best] as number, index: best };
  }
}

/** mystic's VerboseMonitor: prints progress every `interval` generations through the given writer. */
export class VerboseMonitor implements MonitorSink {
  private count = 0;

  constructor(
    private readonly write: (line: string) => void,
    private readonly interval = 10,
    private readonly xinterval = Infinity,
    private readonly label = 'ChiSquare',
  ) {}

  record(x: readonly number[], y: number, id?: number): void {
    const prefix = id === undefined ? '' : `[id: ${id}] `;
    if (this.count % this.interval === 0) this.write(`${prefix}Generation ${this.count} has ${this.label}: ${y}`);
    if (Number.isFinite(this.xinterval) && this.count % this.xinterval === 0) {
      this.write(`${prefix}Generation ${this.count} has fit parameters:\n ${JSON.stringify(x)}`);
    }
    this.count++;
  }
}
