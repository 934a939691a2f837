import { pythonFloat, type Solver } from '../core';
import type { TextSink } from './io';

/** The bar is redrawn at most this often, so a fast run spends its time solving, not drawing. */
const BAR_INTERVAL_MS = 100;

export interface ProgressOptions {
  /** mystic's VerboseMonitor interval: a line every this many generations; 0 for none. */
  readonly verbose: number;
  /** Where the generation lines go (stdout, or stderr when stdout carries JSON). */
  readonly lines: TextSink;
  /** The terminal the bar is drawn on, or undefined for no bar. */
  readonly bar?: TextSink;
  readonly columns: number;
  /** Milliseconds from an arbitrary origin (performance.now). */
  readonly now: () => number;
}

/**
 * What the user sees while a run goes: mystic-style "Generation G has ChiSquare: y" lines every `verbose`
 * generations, and on a terminal one progress line against the limits, redrawn in place (`\r`) at most ten
 * times a second and erased before any other line is printed.
 */
export class Progress {
  private lastGeneration: number;
  private lastDraw = -Infinity;
  private drawn = false;

  constructor(
    private readonly options: ProgressOptions,
    /** The generation already reported (a resumed run's last one), or -1 before generation 0. */
    lastGeneration: number,
  ) {
    this.lastGeneration = lastGeneration;
  }

  /** Call after every step. */
  update(solver: Solver): void {
    const { verbose } = this.options;
    const generation = solver.generations;
    if (generation !== this.lastGeneration) {
      this.lastGeneration = generation;
      if (verbose > 0 && generation % verbose === 0) {
        this.print(`Generation ${generation} has ChiSquare: ${pythonFloat(solver.bestEnergy)}\n`);
      }
    }
    if (this.options.bar) {
      const now = this.options.now();
      if (now - this.lastDraw >= BAR_INTERVAL_MS) {
        this.lastDraw = now;
        this.options.bar.write(`\r${progressLine(solver, this.options.columns)}\x1b[K`);
        this.drawn = true;
      }
    }
  }

  /** Print a line without tearing the bar: erase it, print, and let the next update redraw it. */
  print(text: string): void {
    this.erase();
    this.options.lines.write(text);
  }

  /** Remove the bar for good (end of run). */
  erase(): void {
    if (this.drawn) {
      this.options.bar?.write('\r\x1b[K');
      this.drawn = false;
      this.lastDraw = -Infinity;
    }
  }
}

/** `[#######-------------]  35%  gen 420/1200  evals 12630/120000  best 0.00123`, cut to the width. */
export function progressLine(solver: Solver, columns: number): string {
  const { generations, evaluations } = solver.limits;
  const done = Math.max(solver.generations / generations || 0, solver.evaluations / evaluations || 0);
  const fraction = Math.min(1, done);
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  const counts = `gen ${solver.generations}/${generations}  evals ${solver.evaluations}/${evaluations}`;
  const text = `${percent}  ${counts}  best ${pythonFloat(solver.bestEnergy)}`;
  const width = Math.max(10, Math.min(40, columns - text.length - 4));
  const filled = Math.round(fraction * width);
  const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}`;
  return line.length >= columns ? line.slice(0, Math.max(0, columns - 1)) : line;
}
