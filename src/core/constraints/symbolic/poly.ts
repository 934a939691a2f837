import { functions, type Node } from './ast';

/**
 * Expressions as sums of monomials, the normal form in which variables are isolated. A monomial is a
 * coefficient times atoms raised to non-zero integer powers; an atom is a variable or an opaque
 * sub-expression (a function call, a non-integer power, or a multi-term sum kept whole when expanding it
 * would be too large or when it divides). Every operation bounds its size, so no input can make it hang.
 */

export type Atom =
  | { readonly kind: 'var'; readonly key: string; readonly vars: ReadonlySet<number>; readonly index: number }
  /** A sum kept whole, e.g. a divisor: (x0 + x1)^-1. */
  | { readonly kind: 'group'; readonly key: string; readonly vars: ReadonlySet<number>; readonly poly: Poly }
  | { readonly kind: 'fn'; readonly key: string; readonly vars: ReadonlySet<number>; readonly name: string; readonly args: readonly Poly[] }
  /** base ** exponent where the exponent is not a small integer. */
  | { readonly kind: 'pow'; readonly key: string; readonly vars: ReadonlySet<number>; readonly base: Poly; readonly exponent: Poly };

export interface Factor {
  readonly atom: Atom;
  /** A non-zero integer. */
  readonly exp: number;
}

export interface Monomial {
  readonly coef: number;
  /** Sorted by atom key; no atom twice. */
  readonly factors: readonly Factor[];
  /** Identifies the factors (not the coefficient): like terms share it. */
  readonly key: string;
}

/** Monomials by key. The empty map is 0. */
export type Poly = ReadonlyMap<string, Monomial>;

/** Raised when an expression grows past the size limits; callers fall back or report the line. */
export class TooComplex extends Error {
  override name = 'TooComplex';
}

/** Largest number of monomials any intermediate result may have. */
const MAX_TERMS = 400;
/** Largest integer power expanded into monomials (higher powers of sums stay whole). */
const MAX_EXPANDED_POWER = 12;
/** Largest key length, which bounds the size of nested atoms. */
const MAX_KEY = 20_000;

function checkKey(key: string): string {
  if (key.length > MAX_KEY) throw new TooComplex('expression too large');
  return key;
}

function unionVars(...sets: ReadonlySet<number>[]): Set<number> {
  const all = new Set<number>();
  for (const s of sets) for (const v of s) all.add(v);
  return all;
}

export function polyVars(p: Poly): Set<number> {
  return unionVars(...[...p.values()].flatMap((m) => m.factors.map((f) => f.atom.vars)));
}

export function polyKey(p: Poly): string {
  return checkKey([...p.values()].map((m) => `${m.coef}*${m.key}`).sort().join('+'));
}

export function monomial(coef: number, factors: readonly Factor[]): Monomial {
  const sorted = [...factors].filter((f) => f.exp !== 0).sort((a, b) => (a.atom.key < b.atom.key ? -1 : a.atom.key > b.atom.key ? 1 : 0));
  return { coef, factors: sorted, key: checkKey(sorted.map((f) => `${f.atom.key}^${f.exp}`).join('*')) };
}

/** Sum monomials, merging like terms and dropping zeros. */
export function fromMonomials(monomials: Iterable<Monomial>): Poly {
  const out = new Map<string, Monomial>();
  for (const m of monomials) {
    const existing = out.get(m.key);
    const coef = existing ? existing.coef + m.coef : m.coef;
    if (coef === 0) out.delete(m.key);
    else out.set(m.key, existing ? { ...existing, coef } : m);
    if (out.size > MAX_TERMS) throw new TooComplex('too many terms');
  }
  return out;
}

export const ZERO: Poly = new Map();

export function constant(value: number): Poly {
  return value === 0 ? ZERO : fromMonomials([monomial(value, [])]);
}

/** The constant value of p, or undefined if p depends on an atom. */
export function constantValue(p: Poly): number | undefined {
  if (p.size === 0) return 0;
  if (p.size > 1) return undefined;
  const [m] = p.values();
  return m!.factors.length === 0 ? m!.coef : undefined;
}

export function atomPoly(atom: Atom, exp = 1): Poly {
  return fromMonomials([monomial(1, [{ atom, exp }])]);
}

export function variable(index: number): Atom {
  return { kind: 'var', key: `x${index}`, vars: new Set([index]), index };
}

function group(p: Poly): Atom {
  return { kind: 'group', key: checkKey(`(${polyKey(p)})`), vars: polyVars(p), poly: p };
}

export function fnAtom(name: string, args: readonly Poly[]): Atom {
  return { kind: 'fn', key: checkKey(`${name}(${args.map(polyKey).join(',')})`), vars: unionVars(...args.map(polyVars)), name, args };
}

function powAtom(base: Poly, exponent: Poly): Atom {
  return { kind: 'pow', key: checkKey(`pow(${polyKey(base)};${polyKey(exponent)})`), vars: unionVars(polyVars(base), polyVars(exponent)), base, exponent };
}

export function add(a: Poly, b: Poly): Poly {
  return fromMonomials([...a.values(), ...b.values()]);
}

export function scale(p: Poly, factor: number): Poly {
  if (factor === 0) return ZERO;
  return fromMonomials([...p.values()].map((m) => ({ ...m, coef: m.coef * factor })));
}

/** p / d for a number d, dividing each coefficient (more exact than multiplying by 1/d). */
export function divideBy(p: Poly, d: number): Poly {
  return fromMonomials([...p.values()].map((m) => ({ ...m, coef: m.coef / d })));
}

export function negate(p: Poly): Poly {
  return scale(p, -1);
}

export function subtract(a: Poly, b: Poly): Poly {
  return add(a, negate(b));
}

function multiplyMonomials(a: Monomial, b: Monomial): Monomial {
  const exps = new Map<string, Factor>();
  for (const f of [...a.factors, ...b.factors]) {
    const existing = exps.get(f.atom.key);
    exps.set(f.atom.key, { atom: f.atom, exp: (existing?.exp ?? 0) + f.exp });
  }
  return monomial(a.coef * b.coef, [...exps.values()]);
}

/** p as a single monomial: itself if it is one, else the whole sum as one factor. */
function asMonomial(p: Poly): Monomial {
  if (p.size === 1) return [...p.values()][0]!;
  return monomial(1, [{ atom: group(p), exp: 1 }]);
}

export function multiply(a: Poly, b: Poly): Poly {
  if (a.size === 0 || b.size === 0) return ZERO;
  // Expanding a product of two long sums would blow up; keeping them as factors is exact and bounded.
  const [left, right] = a.size * b.size > MAX_TERMS ? [[asMonomial(a)], [asMonomial(b)]] : [[...a.values()], [...b.values()]];
  const products: Monomial[] = [];
  for (const m of left) for (const n of right) products.push(multiplyMonomials(m, n));
  return fromMonomials(products);
}

function invertMonomial(m: Monomial): Monomial {
  return monomial(1 / m.coef, m.factors.map((f) => ({ atom: f.atom, exp: -f.exp })));
}

export function divide(a: Poly, b: Poly): Poly {
  const d = constantValue(b);
  if (d !== undefined) return divideBy(a, d);
  const divisor = b.size === 1 ? invertMonomial([...b.values()][0]!) : monomial(1, [{ atom: group(b), exp: -1 }]);
  return fromMonomials([...a.values()].map((m) => multiplyMonomials(m, divisor)));
}

/** base ** exponent; integer powers of sums are multiplied out unless `expand` is false (or they are too big). */
export function power(base: Poly, exponent: Poly, expand = true): Poly {
  const e = constantValue(exponent);
  const b = constantValue(base);
  if (e !== undefined && b !== undefined) return constant(b ** e);
  if (e === undefined || !Number.isInteger(e)) {
    if (e === 1) return base;
    return atomPoly(powAtom(base, exponent));
  }
  if (e === 0) return constant(1);
  if (base.size === 1) {
    const m = [...base.values()][0]!;
    return fromMonomials([monomial(m.coef ** e, m.factors.map((f) => ({ atom: f.atom, exp: f.exp * e })))]);
  }
  if (expand && e > 0 && e <= MAX_EXPANDED_POWER) {
    try {
      let result = base;
      for (let i = 1; i < e; i++) {
        result = multiply(result, base);
        if (result.size === 1 && [...result.values()][0]!.factors.some((f) => f.atom.kind === 'group')) throw new TooComplex('kept whole');
      }
      return result;
    } catch (error) {
      if (!(error instanceof TooComplex)) throw error;
    }
  }
  return atomPoly(group(base), e);
}

/** The canonical spelling of a function applied to polys, folding constants. */
export function applyFunction(name: string, args: readonly Poly[], expandLists: boolean): Poly {
  const values = args.map(constantValue);
  if (values.every((v) => v !== undefined)) return constant(functions[name]!.evaluate(values as number[]));
  if (expandLists) {
    if (name === 'sum') return args.reduce(add, ZERO);
    if (name === 'mean') return divideBy(args.reduce(add, ZERO), args.length);
    if (name === 'prod') return args.reduce(multiply, constant(1));
  }
  if (name === 'sqrt') return atomPoly(fnAtom('sqrt', args));
  return atomPoly(fnAtom(name, args));
}

export interface ToPolyOptions {
  /** mean, sum and prod of lists become their algebra (so their members can be isolated). */
  readonly expandLists: boolean;
  /** Integer powers of sums are multiplied out (x0 + 1)**2 → x0**2 + 2*x0 + 1. */
  readonly expandPowers: boolean;
}

/** Convert an expression to a poly; list functions other than mean, sum and prod stay opaque. */
export function toPoly(node: Node, options: ToPolyOptions = { expandLists: true, expandPowers: true }): Poly {
  switch (node.kind) {
    case 'num':
      return constant(node.value);
    case 'var':
      return atomPoly(variable(node.index));
    case 'neg':
      return negate(toPoly(node.arg, options));
    case 'bin': {
      const left = toPoly(node.left, options);
      const right = toPoly(node.right, options);
      switch (node.op) {
        case '+':
          return add(left, right);
        case '-':
          return subtract(left, right);
        case '*':
          return multiply(left, right);
        case '/':
          return divide(left, right);
        case '^':
          return power(left, right, options.expandPowers);
      }
      break;
    }
    case 'call':
      return applyFunction(
        node.name,
        node.args.map((a) => toPoly(a, options)),
        options.expandLists,
      );
  }
  throw new Error('unreachable');
}

function atomNode(atom: Atom): Node {
  switch (atom.kind) {
    case 'var':
      return { kind: 'var', index: atom.index };
    case 'group':
      return toNode(atom.poly);
    case 'fn':
      return { kind: 'call', name: atom.name, args: atom.args.map(toNode) };
    case 'pow':
      return { kind: 'bin', op: '^', left: toNode(atom.base), right: toNode(atom.exponent) };
  }
}

function product(nodes: Node[]): Node | undefined {
  return nodes.reduce<Node | undefined>((acc, n) => (acc ? { kind: 'bin', op: '*', left: acc, right: n } : n), undefined);
}

function factorNode(f: Factor, exp: number): Node {
  const base = atomNode(f.atom);
  return exp === 1 ? base : { kind: 'bin', op: '^', left: base, right: { kind: 'num', value: exp } };
}

/** A monomial without its sign: |coef| · numerator / denominator. */
function magnitudeNode(m: Monomial): Node {
  const numerator = m.factors.filter((f) => f.exp > 0).map((f) => factorNode(f, f.exp));
  const denominator = m.factors.filter((f) => f.exp < 0).map((f) => factorNode(f, -f.exp));
  const c = Math.abs(m.coef);
  const top = c === 1 && numerator.length > 0 ? product(numerator)! : product([{ kind: 'num', value: c }, ...numerator])!;
  const bottom = product(denominator);
  return bottom ? { kind: 'bin', op: '/', left: top, right: bottom } : top;
}

function lowestVariable(m: Monomial): number {
  let lowest = Infinity;
  for (const f of m.factors) for (const v of f.atom.vars) lowest = Math.min(lowest, v);
  return lowest;
}

/**
 * The simple fraction p/q (q ≤ 64) within a few ulps of v, else v: undoes the rounding that dividing
 * coefficients leaves behind (mean([x0, x1, x2]) >= x2 gives 2*x2, not 2.0000000000000004*x2).
 */
export function tidyNumber(v: number): number {
  if (!Number.isFinite(v) || Number.isInteger(v)) return v;
  for (let q = 1; q <= 64; q++) {
    const p = Math.round(v * q);
    if (Math.abs(p / q - v) <= 8 * Number.EPSILON * Math.abs(v)) return p / q;
  }
  return v;
}

/** A poly as an expression: terms ordered by their lowest variable, constants last, signs as subtractions. */
export function toNode(p: Poly): Node {
  const terms = [...p.values()].sort((a, b) => lowestVariable(a) - lowestVariable(b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  if (terms.length === 0) return { kind: 'num', value: 0 };
  let node: Node | undefined;
  for (const term of terms) {
    const m = { ...term, coef: tidyNumber(term.coef) };
    const magnitude = magnitudeNode(m);
    const negative = m.coef < 0;
    if (!node) node = negative ? (magnitude.kind === 'num' ? { kind: 'num', value: -magnitude.value } : { kind: 'neg', arg: magnitude }) : magnitude;
    else node = { kind: 'bin', op: negative ? '-' : '+', left: node, right: magnitude };
  }
  return node!;
}
