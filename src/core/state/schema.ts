import { z } from 'zod';

/**
 * The solver state document: one self-contained, versioned JSON file shared by the CLI's `--save`, the
 * studio's export and its autosave. Numbers that JSON cannot hold (±∞, NaN) are written as the strings
 * "Infinity", "-Infinity" and "NaN"; every finite double survives JSON exactly, which is what makes a restored
 * run continue bit for bit.
 */
export const STATE_FORMAT = 'sibyl.solver-state';
export const STATE_VERSION = 1;

export type JsonNumber = number | 'Infinity' | '-Infinity' | 'NaN';

export function encodeNumber(n: number): JsonNumber {
  if (Number.isFinite(n)) return n;
  if (Number.isNaN(n)) return 'NaN';
  return n > 0 ? 'Infinity' : '-Infinity';
}

export function decodeNumber(n: JsonNumber): number {
  return typeof n === 'number' ? n : n === 'NaN' ? NaN : n === 'Infinity' ? Infinity : -Infinity;
}

export const encodeVector = (v: readonly number[]): JsonNumber[] => v.map(encodeNumber);
export const decodeVector = (v: readonly JsonNumber[]): number[] => v.map(decodeNumber);

const jsonNumber = z.union([z.number(), z.enum(['Infinity', '-Infinity', 'NaN'])]);
const finiteVector = z.array(z.number());
const vector = z.array(jsonNumber);

export const problemRecordSchema = z.object({
  /** The problem module's source text, exactly as written (TypeScript or JavaScript). */
  source: z.string(),
  name: z.string().optional(),
  /** Constraints and penalties given outside the module (CLI flags, studio fields), as text. */
  constraints: z.string().optional(),
  penalties: z.string().optional(),
});
export type ProblemRecord = z.infer<typeof problemRecordSchema>;

export const solverStateSchema = z.object({
  format: z.literal(STATE_FORMAT),
  version: z.literal(STATE_VERSION),
  savedAt: z.string(),
  /** The problem this run solves; null when the solver was driven with a plain function (library use). */
  problem: problemRecordSchema.nullable(),
  solver: z.object({
    id: z.enum(['de', 'de2', 'nm', 'powell', 'buckshot', 'lattice', 'sparsity']),
    dim: z.number().int().positive(),
    npop: z.number().int().positive(),
    options: z.record(z.string(), z.union([z.number(), z.boolean(), z.string()])),
  }),
  settings: z.object({
    seed: z.number().int(),
    termination: z.string().nullable(),
    limits: z.object({ generations: z.number().nonnegative(), evaluations: z.number().nonnegative() }),
    /** Whether the limits were set by the user (else they follow mystic's defaults for the population). */
    limitsExplicit: z.object({ generations: z.boolean(), evaluations: z.boolean() }),
    strictRanges: z
      .object({ min: finiteVector, max: finiteVector, tight: z.boolean(), clip: z.boolean() })
      .nullable(),
    initialRange: z.object({ min: finiteVector, max: finiteVector }).nullable(),
  }),
  rng: z.array(z.number().int()).length(4),
  population: z.array(vector),
  popEnergy: vector,
  trialSolution: z.array(vector),
  best: z.object({ x: vector, energy: jsonNumber, rawCost: jsonNumber }),
  counters: z.object({
    evaluations: z.number().int().nonnegative(),
    nanEvaluations: z.number().int().nonnegative(),
    elapsedMs: z.number().nonnegative(),
  }),
  /** Best point and energy per generation; `start` is the generation of the first entry (0 when absent). */
  history: z.object({ x: z.array(vector), y: vector, start: z.number().int().nonnegative().optional() }),
  stopMessage: z.string(),
  /** Solver-specific state (NM's simplex bookkeeping, Powell's directions, ensemble members…). */
  algorithm: z.unknown(),
});

export type SolverState = z.infer<typeof solverStateSchema>;

/** Generations the state's solver recorded, generation 0 included (its history may keep only the last ones). */
export function generationsRecorded(state: Pick<SolverState, 'history'>): number {
  return (state.history.start ?? 0) + state.history.y.length;
}
