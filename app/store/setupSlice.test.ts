import { describe, expect, it } from 'vitest';
import type { StudioState } from './index';
import type { Diagnostic } from './problemSlice';
import { selectContinueBlocker, selectSolveBlocker } from './setupSlice';

/** The part of the state the blockers read. */
function state(part: { moduleChecking?: boolean; diagnostics?: Diagnostic[]; setupErrors?: Record<string, string> }): StudioState {
  return { moduleChecking: false, diagnostics: [], setupErrors: {}, ...part } as unknown as StudioState;
}

const typeError: Diagnostic = { severity: 'error', source: 'compile', line: 11, column: 22, message: "Type 'string' is not assignable to type 'number'." };

describe('what blocks Solve, Step and Resume', () => {
  it('is nothing when the module loaded and the setup is valid', () => {
    expect(selectSolveBlocker(state({}))).toBe('');
    expect(selectContinueBlocker(state({}))).toBe('');
  });

  it('names the module check, then the first compile error with its line, before any setup field', () => {
    const fields = { setupErrors: { bounds: 'The bounds have 2 pairs but the problem has dim 3.' } };
    expect(selectSolveBlocker(state({ moduleChecking: true, diagnostics: [typeError], ...fields }))).toBe('Checking the problem module…');
    expect(selectSolveBlocker(state({ diagnostics: [typeError], ...fields }))).toBe("Problem module, line 11: Type 'string' is not assignable to type 'number'.");
    expect(selectContinueBlocker(state({ diagnostics: [typeError] }))).toContain('line 11');
    expect(selectSolveBlocker(state(fields))).toBe('The bounds have 2 pairs but the problem has dim 3.');
  });

  it('ignores where the last run failed: that is no reason not to run again', () => {
    const failed: Diagnostic = { ...typeError, source: 'run', message: 'sensor offline' };
    expect(selectSolveBlocker(state({ diagnostics: [failed] }))).toBe('');
  });

  it('lets a run continue past fields only a new run takes (seed, population, x0, workers, watchdog)', () => {
    const seed = { setupErrors: { seed: 'The seed must be a whole number, got "1.5".' } };
    expect(selectSolveBlocker(state(seed))).toBe('The seed must be a whole number, got "1.5".');
    expect(selectContinueBlocker(state(seed))).toBe('');
    const termination = { setupErrors: { seed: 'The seed must be a whole number, got "1.5".', termination: "Termination: Unclosed '(' of Or at column 3." } };
    expect(selectContinueBlocker(state(termination))).toBe("Termination: Unclosed '(' of Or at column 3.");
  });
});
