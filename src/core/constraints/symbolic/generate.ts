import { OptionError } from '../../errors';
import type { Random } from '../../random';
import type { ConstraintFn } from '../../types';
import { andConstraints } from '../combinators';
import { ConstraintError, formatPoint } from '../errors';
import { imposeMean, imposeProduct, imposeSpread, imposeStd, imposeSum, imposeVariance } from '../measures';
import {
  andPenalties,
  createPenalty,
  orPenalties,
  penaltyTypes,
  type Condition,
  type Penalty,
  type PenaltyType,
} from '../penalty';
import { compile, functions, holds, type Compiled, type Comparator, type Relation } from './ast';
import { Scope, parseRelations, type VariableOptions } from './parse';
import { imposable, planLine, printPlan, type Imposable, type LinePlan, type Step } from './plan';

export interface ToleranceOptions {
  /** Absolute part of the margin for strict inequalities and != (mystic's tol, default 1e-15). */
  readonly tol?: number;
  /** Relative part of that margin (mystic's rel, default 1e-15): margin = tol + rel·|value|. */
  readonly rel?: number;
}

export interface SymbolicOptions extends VariableOptions, ToleranceOptions {
  /** The problem's dimension (required: points must have exactly this many coordinates). */
  readonly nvars: number;
}

function margins(options: ToleranceOptions): (value: number) => number {
  const tol = options.tol ?? 1e-15;
  const rel = options.rel ?? 1e-15;
  if (!(tol >= 0)) throw new OptionError('tol', `tol must be a non-negative number, got ${tol}.`);
  if (!(rel >= 0)) throw new OptionError('rel', `rel must be a non-negative number, got ${rel}.`);
  return (value) => tol + Math.abs(value) * rel;
}

function requireNvars(options: SymbolicOptions): Scope {
  if (options.nvars === undefined) throw new OptionError('nvars', 'nvars (the number of variables) is required.');
  return new Scope(options);
}

const imposers: Readonly<Record<Imposable, (target: number, values: readonly number[]) => number[]>> = {
  mean: imposeMean,
  spread: imposeSpread,
  variance: imposeVariance,
  std: imposeStd,
  sum: imposeSum,
  prod: imposeProduct,
};

/** The value a bounded quantity moves to: the bound itself for = and the nearer side for inequalities. */
function boundedValue(current: number, cmp: Comparator, value: number, margin: (v: number) => number, shift = 0): number {
  switch (cmp) {
    case '=':
      return value;
    case '!=':
      return current === value ? current + margin(value) * 1.1 : current;
    case '<=':
      return Math.min(value - shift, current);
    case '<':
      return Math.min(value - margin(value), current);
    case '>=':
      return Math.max(value + shift, current);
    case '>':
      return Math.max(value + margin(value), current);
  }
}

type CompiledStep = (x: number[]) => void;

/**
 * The values a variable must avoid, from the text's != lines with that variable alone on one side: a bound
 * that lands exactly on one moves inward by the margin (mystic's handling of <= and >= next to !=).
 */
function forbiddenValues(relations: readonly Relation[], variable: number): Compiled[] {
  const values: Compiled[] = [];
  for (const r of relations) {
    if (r.cmp !== '!=') continue;
    if (r.lhs.kind === 'var' && r.lhs.index === variable) values.push(compile(r.rhs));
    else if (r.rhs.kind === 'var' && r.rhs.index === variable) values.push(compile(r.lhs));
  }
  return values;
}

function compileStep(step: Step, relations: readonly Relation[], margin: (v: number) => number): CompiledStep {
  const rhs = compile(step.rhs);
  if (step.kind === 'impose') {
    const statistic = functions[step.statistic]!.evaluate;
    const impose = imposers[step.statistic];
    return (x) => {
      const values = step.variables.map((i) => x[i]!);
      const current = statistic(values);
      const target = boundedValue(current, step.cmp, rhs(x), margin);
      if (target === current) return;
      impose(target, values).forEach((v, k) => (x[step.variables[k]!] = v));
    };
  }
  const v = step.variable;
  const forbidden = step.cmp === '<=' || step.cmp === '>=' ? forbiddenValues(relations, v) : [];
  return (x) => {
    const value = rhs(x);
    const shift = forbidden.some((f) => f(x) === value) ? margin(value) : 0;
    x[v] = boundedValue(x[v]!, step.cmp, value, margin, shift);
  };
}

function distance(a: readonly number[], b: readonly number[]): number {
  return a.reduce((sum, v, i) => sum + (v - b[i]!) ** 2, 0);
}

/**
 * One line as an in-place update: nothing when the line already holds; otherwise its branch, or, when it has
 * several, the branch whose result lies nearest to x (the first on ties; results with NaN only as a last
 * resort).
 */
function compileLine(plan: LinePlan, relations: readonly Relation[], margin: (v: number) => number): CompiledStep {
  const lhs = compile(plan.relation.lhs);
  const rhs = compile(plan.relation.rhs);
  const cmp = plan.relation.cmp;
  const branches = plan.branches.map((steps) => steps.map((s) => compileStep(s, relations, margin)));
  const run = (steps: CompiledStep[], x: number[]): void => steps.forEach((s) => s(x));
  return (x) => {
    if (holds(lhs(x), cmp, rhs(x))) return;
    if (branches.length === 1) return run(branches[0]!, x);
    let best: number[] | undefined;
    let bestDistance = Infinity;
    for (const steps of branches) {
      const y = [...x];
      run(steps, y);
      const d = y.some(Number.isNaN) ? Infinity : distance(x, y);
      if (!best || d < bestDistance) [best, bestDistance] = [y, d];
    }
    best!.forEach((v, i) => (x[i] = v));
  };
}

export interface GenerateConstraintOptions extends SymbolicOptions {
  /**
   * 'sequential' (default): lines are applied once, top to bottom, after the != lines (mystic's
   * generate_constraint: fast, and the lines must not undo one another). 'and': the lines are applied
   * together, cycling until a full pass changes nothing (mystic's join=and_), which fails with a
   * ConstraintError, or `onFail`, after `maxCycles` passes.
   */
  readonly join?: 'sequential' | 'and';
  /** For join 'and': perturbs repeating cycles. */
  readonly random?: Random;
  readonly maxCycles?: number;
  readonly onFail?: ConstraintFn;
}

/** A hard constraint generated from text; `simplified` shows the lines as they are applied. */
export interface SymbolicConstraint extends ConstraintFn {
  readonly simplified: string;
}

/**
 * Hard constraints from the language: x' = c(x) satisfies every line (mystic's generate_constraint of
 * generate_solvers of the text). A line with one variable alone on a side assigns (=), caps (<=, <),
 * floors (>=, >) or nudges (!=) that variable; `mean([x0, x1]) = v` and likewise spread, variance, std,
 * sum and prod move all listed variables; any other line is isolated first (see simplify). Strict < and >
 * keep a margin tol + rel·|bound| inside the bound; != moves an equal value by 1.1 times that margin.
 * A line that already holds leaves x unchanged.
 */
export function generateConstraint(text: string, options: GenerateConstraintOptions): SymbolicConstraint {
  const scope = requireNvars(options);
  const margin = margins(options);
  const relations = parseRelations(text, scope);
  const plans = relations.map((relation) => planLine(relation, { keep: imposable, target: [] }));
  // != lines go first, as in mystic, so the bounds that follow can step around the values they forbid.
  const ordered = [...plans.filter((p) => p.relation.cmp === '!='), ...plans.filter((p) => p.relation.cmp !== '!=')];
  const lines = ordered.map((plan) => compileLine(plan, relations, margin));
  const nvars = options.nvars;
  const checked = (x: readonly number[]): number[] => {
    if (x.length !== nvars) throw new ConstraintError(`The constraints expect ${nvars} variables, got x = ${formatPoint(x)}.`, [...x]);
    return [...x];
  };
  let constraint: ConstraintFn;
  if ((options.join ?? 'sequential') === 'sequential') {
    constraint = (x) => {
      const y = checked(x);
      lines.forEach((line) => line(y));
      return y;
    };
  } else {
    const each: ConstraintFn[] = lines.map((line) => (x) => {
      const y = [...x];
      line(y);
      return y;
    });
    const joined = andConstraints(each, {
      ...(options.random ? { random: options.random } : {}),
      ...(options.maxCycles === undefined ? {} : { maxCycles: options.maxCycles }),
      ...(options.onFail ? { onFail: options.onFail } : {}),
    });
    constraint = (x) => joined(checked(x));
  }
  const simplified = ordered.map((plan) => printPlan(plan, scope).join('\n-- or --\n')).join('\n');
  return Object.assign(constraint, { simplified });
}

/** A penalty condition generated from one line; `text` is the line it came from. */
export interface NamedCondition extends Condition {
  readonly text: string;
}

/**
 * Penalty conditions from the language (mystic's generate_conditions): each `<=` or `<` line gives the
 * inequality condition lhs − rhs (≤ 0 when satisfied), each `>=` or `>` line −(lhs − rhs), strict ones moved
 * inside by the margin; each `=` line the equality condition lhs − rhs, and each `!=` line the equality
 * condition that is 1 when both sides are equal and 0 otherwise.
 */
export function generateConditions(text: string, options: SymbolicOptions): { inequalities: NamedCondition[]; equalities: NamedCondition[] } {
  const scope = requireNvars(options);
  const margin = margins(options);
  const inequalities: NamedCondition[] = [];
  const equalities: NamedCondition[] = [];
  for (const relation of parseRelations(text, scope)) {
    const lhs = compile(relation.lhs);
    const rhs = compile(relation.rhs);
    const named = (f: Condition): NamedCondition => Object.assign(f, { text: relation.source });
    switch (relation.cmp) {
      case '<=':
        inequalities.push(named((x) => lhs(x) - rhs(x)));
        break;
      case '<':
        inequalities.push(named((x) => lhs(x) - (rhs(x) - margin(rhs(x)))));
        break;
      case '>=':
        inequalities.push(named((x) => -(lhs(x) - rhs(x))));
        break;
      case '>':
        inequalities.push(named((x) => -(lhs(x) - (rhs(x) + margin(rhs(x))))));
        break;
      case '=':
        equalities.push(named((x) => lhs(x) - rhs(x)));
        break;
      case '!=':
        equalities.push(named((x) => (lhs(x) - rhs(x) === 0 ? 1 : 0)));
        break;
    }
  }
  return { inequalities, equalities };
}

/** Families that pick the equality or inequality type per line. */
export type PenaltyFamily = 'quadratic' | 'linear' | 'uniform' | 'lagrange';

export interface GeneratePenaltyOptions extends SymbolicOptions {
  /**
   * A family ('quadratic', the default, 'linear', 'uniform', 'lagrange') uses its equality type for = and !=
   * lines and its inequality type for the others; a single penalty type is used for every line, as mystic's
   * ptype= does.
   */
  readonly ptype?: PenaltyFamily | PenaltyType;
  readonly k?: number;
  readonly h?: number;
  /**
   * Default: one chained penalty (the sum of each line's penalty). 'and' / 'or': the lines' penalties
   * combined by mystic's coupler and_ (sum) or or_ (smallest).
   */
  readonly join?: 'and' | 'or';
}

const families: readonly PenaltyFamily[] = ['quadratic', 'linear', 'uniform', 'lagrange'];

/** Soft constraints from the language: mystic's generate_penalty of generate_conditions. */
export function generatePenalty(text: string, options: GeneratePenaltyOptions): Penalty {
  const { inequalities, equalities } = generateConditions(text, options);
  const ptype = options.ptype ?? 'quadratic';
  if (!families.includes(ptype as PenaltyFamily) && !penaltyTypes.includes(ptype as PenaltyType)) {
    throw new OptionError('ptype', `unknown penalty type '${ptype}'; use a family (${families.join(', ')}) or one of ${penaltyTypes.join(', ')}.`);
  }
  const typeFor = (inequality: boolean): PenaltyType => {
    if (!families.includes(ptype as PenaltyFamily)) return ptype as PenaltyType;
    return `${ptype}${inequality ? 'Inequality' : 'Equality'}` as PenaltyType;
  };
  const scaling = { ...(options.k === undefined ? {} : { k: options.k }), ...(options.h === undefined ? {} : { h: options.h }) };
  const conditions = [...inequalities.map((c) => [c, true] as const), ...equalities.map((c) => [c, false] as const)];
  if (options.join) {
    const each = conditions.map(([c, inequality]) => createPenalty(typeFor(inequality), c, scaling));
    return options.join === 'and' ? andPenalties(each) : orPenalties(each);
  }
  if (conditions.length === 0) return createPenalty('linearEquality', () => 0, { k: 1 });
  let chained: Penalty | undefined;
  for (const [c, inequality] of conditions) {
    chained = createPenalty(typeFor(inequality), c, { ...scaling, ...(chained ? { inner: chained } : {}) });
  }
  return chained!;
}
