import { transform } from 'sucrase';
import { OptionError, ParseError, SibylError, errorMessage } from '../errors';
import { attachModule, moduleTask } from '../parallel/task';
import type { Bounds, ConstraintFn, ObjectiveFn, PenaltyFn } from '../types';

/**
 * A problem module, compiled: what the default export of the module describes (DESIGN.md, "Problem
 * module"), checked for consistency. `dim` is always set, from the module or from its bounds or x0.
 */
export interface ProblemDefinition {
  readonly name: string;
  readonly dim: number;
  readonly bounds?: Bounds;
  readonly x0?: number[];
  readonly objective: ObjectiveFn;
  readonly constraints?: string | ConstraintFn;
  readonly penalties?: string | PenaltyFn;
}

/** The modules a problem may import. Filled by the library's entry point to avoid an import cycle. */
const importable = new Map<string, () => unknown>();

export function registerImportable(specifier: string, load: () => unknown): void {
  importable.set(specifier, load);
}

/**
 * Turn module source (TypeScript or JavaScript) into CommonJS-shaped JavaScript. Types are erased, ES imports
 * become `require` calls so the module can be evaluated the same way in Node, the browser, workers and
 * remote hosts, with no bundler and no network.
 */
export function transpileModule(source: string, fileName = 'problem.ts'): string {
  try {
    return transform(source, { transforms: ['typescript', 'imports'], production: true, filePath: fileName }).code;
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const reason = errorMessage(error).replace(/^Error transforming [^:]*: /, '').replace(/ \(\d+:\d+\)$/, '');
    if (loc) throw new ParseError(`${fileName}:${loc.line}:${loc.column}: syntax error: ${reason}.`, loc.line, loc.column);
    throw new ParseError(`${fileName}: syntax error: ${reason}.`, 1, 1);
  }
}

/** Evaluate transpiled module code and return its exports. Only 'sibyl' and 'sibyl/models' can be imported. */
export function evaluateModule(code: string, fileName = 'problem.ts'): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  const require = (specifier: string): unknown => {
    const load = importable.get(specifier);
    if (!load) {
      throw new SibylError(`${fileName} imports '${specifier}', but a problem module may import only ${[...importable.keys()].map((s) => `'${s}'`).join(' and ')}.`);
    }
    return load();
  };
  try {
    // A problem module is code by design (the user's objective); this is the one place it is run.
    // eslint-disable-next-line no-new-func
    new Function('require', 'module', 'exports', code)(require, module, module.exports);
  } catch (error) {
    if (error instanceof SibylError) throw error;
    throw new SibylError(`${fileName} failed while loading: ${errorMessage(error)}.`);
  }
  return module.exports;
}

const compiled = new Map<string, Record<string, unknown>>();

/** Compile module source once and cache its exports by source text (tasks and workers reuse it). */
export function loadModule(source: string, fileName = 'problem.ts'): Record<string, unknown> {
  let exports = compiled.get(source);
  if (!exports) {
    exports = evaluateModule(transpileModule(source, fileName), fileName);
    compiled.set(source, exports);
  }
  return exports;
}

/**
 * Compile a problem module and check what its default export describes. The objective is attached to its
 * module (`default.objective`), so a WorkerPool loads it there instead of refusing a function that imports
 * 'sibyl/models'; pools in this thread still call it as it is.
 */
export function compileProblem(source: string, fileName = 'problem.ts'): ProblemDefinition {
  const exports = loadModule(source, fileName);
  const problem = checkProblem(exports['default'], fileName);
  attachModule(problem.objective, moduleTask(source, 'default.objective'));
  return problem;
}

export function checkProblem(value: unknown, fileName = 'problem.ts'): ProblemDefinition {
  if (typeof value !== 'object' || value === null) {
    throw new OptionError('problem', `${fileName} must have a default export describing the problem ({ dim, objective, … }).`);
  }
  const p = value as Record<string, unknown>;
  if (typeof p['objective'] !== 'function') {
    throw new OptionError('objective', `${fileName}: the default export has no objective function.`);
  }
  const bounds = p['bounds'] === undefined ? undefined : checkBounds(p['bounds'], fileName);
  const x0 = p['x0'] === undefined ? undefined : checkVector(p['x0'], 'x0', fileName);
  let dim = p['dim'];
  if (dim === undefined) dim = bounds?.length ?? x0?.length;
  if (typeof dim !== 'number' || !Number.isInteger(dim) || dim < 1) {
    throw new OptionError('dim', `${fileName}: dim must be a positive integer${dim === undefined ? ' (or give bounds or x0)' : `, got ${JSON.stringify(dim)}`}.`);
  }
  if (bounds && bounds.length !== dim) {
    throw new OptionError('bounds', `${fileName}: bounds has ${bounds.length} entries but dim is ${dim}.`);
  }
  if (x0 && x0.length !== dim) throw new OptionError('x0', `${fileName}: x0 has ${x0.length} entries but dim is ${dim}.`);
  for (const key of ['constraints', 'penalties'] as const) {
    const v = p[key];
    if (v !== undefined && typeof v !== 'string' && typeof v !== 'function') {
      throw new OptionError(key, `${fileName}: ${key} must be text or a function.`);
    }
  }
  return {
    name: typeof p['name'] === 'string' ? p['name'] : fileName,
    dim,
    objective: p['objective'] as ObjectiveFn,
    ...(bounds ? { bounds } : {}),
    ...(x0 ? { x0 } : {}),
    ...(p['constraints'] !== undefined ? { constraints: p['constraints'] as string | ConstraintFn } : {}),
    ...(p['penalties'] !== undefined ? { penalties: p['penalties'] as string | PenaltyFn } : {}),
  };
}

function checkVector(value: unknown, name: string, fileName: string): number[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw new OptionError(name, `${fileName}: ${name} must be an array of finite numbers.`);
  }
  return [...(value as number[])];
}

/** Bounds as [[lo, hi], …]; lo > hi and non-numbers are errors naming the entry. */
export function checkBounds(value: unknown, fileName = 'bounds'): Bounds {
  if (!Array.isArray(value)) throw new OptionError('bounds', `${fileName}: bounds must be a list of [lo, hi] pairs.`);
  return value.map((pair, j) => {
    if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((v) => typeof v === 'number' && !Number.isNaN(v))) {
      throw new OptionError('bounds', `${fileName}: bound ${j} must be a [lo, hi] pair of numbers.`);
    }
    const [lo, hi] = pair as [number, number];
    if (lo > hi) throw new OptionError('bounds', `${fileName}: bound ${j} has lo > hi (${lo} > ${hi}).`);
    return [lo, hi] as [number, number];
  });
}
