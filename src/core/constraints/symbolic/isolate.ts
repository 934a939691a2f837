import { flipComparator, type Comparator } from './ast';
import {
  add,
  applyFunction,
  atomPoly,
  constant,
  constantValue,
  divide,
  divideBy,
  fromMonomials,
  monomial,
  multiply,
  negate,
  polyVars,
  power,
  subtract,
  type Atom,
  type Factor,
  type Monomial,
  type Poly,
  TooComplex,
} from './poly';

/** x_variable cmp rhs, with rhs free of x_variable. */
export interface SolvedLine {
  readonly variable: number;
  readonly cmp: Comparator;
  readonly rhs: Poly;
}

/**
 * One way a relation holds: lines applied in order, conditions first (such as x1 > 0 when x1 divided an
 * inequality), the line that fixes the isolated variable last. A relation isolates into one branch or, when
 * the sign of a divisor or of an abs() argument is unknown, several, any one of which satisfies it.
 */
export type Branch = readonly SolvedLine[];

const MAX_DEPTH = 8;
const MAX_BRANCHES = 16;

/**
 * How much searching one line may do. Isolating a condition can recurse through every variable of a product,
 * which is exponential in the worst case (x0*x1*…*x29 <= 4); the budget keeps every line within
 * milliseconds, at the price of giving up on such lines. Work is counted in terms searched.
 */
export class Budget {
  constructor(
    private left: number,
    private readonly parent?: Budget,
  ) {}

  /** A share of this budget with its own, smaller limit. */
  child(limit: number): Budget {
    return new Budget(limit, this);
  }

  get exhausted(): boolean {
    return this.left <= 0 || (this.parent?.exhausted ?? false);
  }

  /** Charge `work` units (the size of the poly being searched), failing once the budget is gone. */
  spend(work: number): void {
    this.parent?.spend(work);
    this.left -= work;
    if (this.left < 0) throw new TooComplex('search budget exhausted');
  }
}

type Branches = Branch[] | undefined;

function capped(branches: Branch[]): Branches {
  return branches.length > MAX_BRANCHES ? undefined : branches;
}

/** Either set of branches (a union). */
function either(a: Branches, b: Branches): Branches {
  return a && b ? capped([...a, ...b]) : undefined;
}

/** Both sets at once (every pairing of their branches). */
function both(a: Branches, b: Branches): Branches {
  if (!a || !b) return undefined;
  return capped(a.flatMap((x) => b.map((y) => [...x, ...y])));
}

function prefixed(conditions: Branch | 'never' | undefined, branches: Branches): Branches {
  if (conditions === 'never') return [];
  return conditions && branches ? branches.map((b) => [...conditions, ...b]) : undefined;
}

/** Inverses of monotonically increasing functions: f(P) cmp r ⟺ P cmp inverse(r). */
const inverses: Readonly<Record<string, (r: Poly) => Poly>> = {
  exp: (r) => applyFunction('log', [r], false),
  log: (r) => applyFunction('exp', [r], false),
  log10: (r) => power(constant(10), r),
  log2: (r) => power(constant(2), r),
  sqrt: (r) => power(r, constant(2)),
  cbrt: (r) => power(r, constant(3)),
  sinh: (r) => applyFunction('asinh', [r], false),
  asinh: (r) => applyFunction('sinh', [r], false),
  tanh: (r) => applyFunction('atanh', [r], false),
  atanh: (r) => applyFunction('tanh', [r], false),
  atan: (r) => applyFunction('tan', [r], false),
  expm1: (r) => applyFunction('log1p', [r], false),
  log1p: (r) => applyFunction('expm1', [r], false),
};

function oddRoot(r: Poly, k: number): Poly {
  if (k === 1) return r;
  if (k === 3) return applyFunction('cbrt', [r], false);
  return multiply(applyFunction('sign', [r], false), power(applyFunction('abs', [r], false), constant(1 / k)));
}

function evenRoot(r: Poly, k: number): Poly {
  return k === 2 ? applyFunction('sqrt', [r], false) : power(r, constant(1 / k));
}

/**
 * The lines that make `p cmp 0` hold, isolating whichever variable of p gives a single branch; 'never' when
 * it cannot hold (a square below zero). A single power is reduced to its base first: the sign of a·g^k is
 * that of a·g for odd k, and that of a wherever g ≠ 0 for even k.
 */
function condition(p: Poly, cmp: Comparator, depth: number, budget: Budget): Branch | 'never' | undefined {
  let subject = p;
  let relation = cmp;
  const only = p.size === 1 ? [...p.values()][0]! : undefined;
  if (only?.factors.length === 1) {
    const { atom, exp } = only.factors[0]!;
    subject = atomPoly(atom);
    if (exp % 2 !== 0) relation = only.coef > 0 ? cmp : flipComparator(cmp);
    else if (cmp === '!=' || (cmp === '>') === only.coef > 0) relation = '!=';
    else return 'never';
  }
  for (const u of [...polyVars(subject)].sort((a, b) => a - b)) {
    const branches = isolate(subject, relation, u, budget, depth + 1);
    if (branches?.length === 1) return branches[0];
  }
  return undefined;
}

function invertAtom(atom: Atom, cmp: Comparator, rhs: Poly, v: number, budget: Budget, depth: number): Branches {
  switch (atom.kind) {
    case 'var':
      return [[{ variable: v, cmp, rhs }]];
    case 'group':
      return isolate(subtract(atom.poly, rhs), cmp, v, budget, depth + 1);
    case 'fn': {
      if (atom.args.length !== 1) return undefined;
      const inner = atom.args[0]!;
      if (atom.name === 'abs') {
        const nonNegative = both(isolate(inner, '>=', v, budget, depth + 1), isolate(subtract(inner, rhs), cmp, v, budget, depth + 1));
        const nonPositive = both(isolate(inner, '<=', v, budget, depth + 1), isolate(add(inner, rhs), flipComparator(cmp), v, budget, depth + 1));
        return either(nonNegative, nonPositive);
      }
      const inverse = inverses[atom.name];
      return inverse ? isolate(subtract(inner, inverse(rhs)), cmp, v, budget, depth + 1) : undefined;
    }
    case 'pow': {
      const inBase = polyVars(atom.base).has(v);
      const inExponent = polyVars(atom.exponent).has(v);
      if (inBase && !inExponent) {
        const p = constantValue(atom.exponent);
        // A non-integer power is defined (and increasing) for a non-negative base only.
        if (p === undefined || (p < 0 && cmp !== '=' && cmp !== '!=')) return undefined;
        return isolate(subtract(atom.base, power(rhs, constant(1 / p))), cmp, v, budget, depth + 1);
      }
      const b = constantValue(atom.base);
      if (inExponent && !inBase && b !== undefined && b > 0 && b !== 1) {
        const exponentRhs = divideBy(applyFunction('log', [rhs], false), Math.log(b));
        return isolate(subtract(atom.exponent, exponentRhs), b > 1 ? cmp : flipComparator(cmp), v, budget, depth + 1);
      }
      return undefined;
    }
  }
}

/** Solve atom^exp cmp rhs for v. */
function invertFactor(factor: Factor, cmp: Comparator, rhs: Poly, v: number, budget: Budget, depth: number): Branches {
  const { atom, exp } = factor;
  if (exp === 1) return invertAtom(atom, cmp, rhs, v, budget, depth);
  if (exp < 0) {
    // atom^-k = r ⟺ atom^k = 1/r; an inequality would need the sign of atom, which is unknown.
    if (cmp !== '=' && cmp !== '!=') return undefined;
    return invertFactor({ atom, exp: -exp }, cmp, divide(constant(1), rhs), v, budget, depth);
  }
  if (exp % 2 === 1) return invertAtom(atom, cmp, oddRoot(rhs, exp), v, budget, depth);
  const root = evenRoot(rhs, exp);
  const minus = negate(root);
  const at = (c: Comparator, r: Poly): Branches => invertAtom(atom, c, r, v, budget, depth);
  switch (cmp) {
    case '=':
      return either(at('=', root), at('=', minus));
    case '!=':
      return both(at('!=', root), at('!=', minus));
    case '<=':
    case '<':
      return both(at(flipComparator(cmp), minus), at(cmp, root));
    case '>=':
    case '>':
      return either(at(cmp, root), at(flipComparator(cmp), minus));
  }
}

function dependsOn(m: Monomial, v: number): boolean {
  return m.factors.some((f) => f.atom.vars.has(v));
}

/**
 * Isolate x_v in `f cmp 0`. Succeeds when every term holding x_v shares one factor of x_v (x_v itself, a
 * power, or an invertible function of an expression in x_v): f = A·g(x_v) + R with A and R free of x_v.
 * Dividing by A keeps the comparator when A is a positive number and flips it when negative; when A is an
 * expression, an inequality splits into the branch A > 0 and the branch A < 0, and an equality gains the
 * condition A ≠ 0. Returns undefined when x_v cannot be isolated this way.
 */
export function isolate(f: Poly, cmp: Comparator, v: number, budget: Budget, depth = 0): Branches {
  budget.spend(1 + f.size);
  if (depth > MAX_DEPTH) return undefined;
  const dependent = [...f.values()].filter((m) => dependsOn(m, v));
  if (dependent.length === 0) return undefined;
  let shared: readonly Factor[] | undefined;
  let sharedKey = '';
  const coefficient: Monomial[] = [];
  for (const m of dependent) {
    const own = m.factors.filter((fa) => fa.atom.vars.has(v));
    const key = own.map((fa) => `${fa.atom.key}^${fa.exp}`).join('*');
    if (shared === undefined) [shared, sharedKey] = [own, key];
    else if (key !== sharedKey) return undefined;
    coefficient.push(monomial(m.coef, m.factors.filter((fa) => !fa.atom.vars.has(v))));
  }
  if (shared?.length !== 1) return undefined;
  const factor = shared[0]!;
  const A = fromMonomials(coefficient);
  const R = fromMonomials([...f.values()].filter((m) => !dependsOn(m, v)));
  const a = constantValue(A);
  if (a !== undefined) {
    if (a === 0) return undefined;
    return invertFactor(factor, a > 0 ? cmp : flipComparator(cmp), divideBy(negate(R), a), v, budget, depth);
  }
  const rhs = divide(negate(R), A);
  if (cmp === '!=') return invertFactor(factor, cmp, rhs, v, budget, depth);
  if (cmp === '=') return prefixed(condition(A, '!=', depth, budget), invertFactor(factor, cmp, rhs, v, budget, depth));
  return either(
    prefixed(condition(A, '>', depth, budget), invertFactor(factor, cmp, rhs, v, budget, depth)),
    prefixed(condition(A, '<', depth, budget), invertFactor(factor, flipComparator(cmp), rhs, v, budget, depth)),
  );
}
