import { roundHalfEven } from '../constraints';
import { mean, spread, std, variance } from '../measures';

/** The comparators of the language; `==` is read as `=`. */
export type Comparator = '=' | '!=' | '<=' | '>=' | '<' | '>';

export type BinaryOp = '+' | '-' | '*' | '/' | '^';

/** An expression: data, evaluated by compiled closures (never by eval). */
export type Node =
  /** A number; `name` keeps a named constant (pi) for printing. */
  | { readonly kind: 'num'; readonly value: number; readonly name?: string }
  | { readonly kind: 'var'; readonly index: number }
  | { readonly kind: 'neg'; readonly arg: Node }
  | { readonly kind: 'bin'; readonly op: BinaryOp; readonly left: Node; readonly right: Node }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Node[] };

/** One line of the language: lhs cmp rhs. */
export interface Relation {
  readonly lhs: Node;
  readonly cmp: Comparator;
  readonly rhs: Node;
  /** 1-based line number in the text. */
  readonly line: number;
  /** The line as written (trimmed, comment removed). */
  readonly source: string;
}

interface FunctionSpec {
  /** Number of arguments, or 'list' for functions of a list (mean([x0, x1]) or mean(x0, x1)). */
  readonly arity: number | readonly [number, number] | 'list';
  readonly evaluate: (args: number[]) => number;
}

const unary = (f: (v: number) => number): FunctionSpec => ({ arity: 1, evaluate: (a) => f(a[0]!) });
const ofList = (f: (v: number[]) => number): FunctionSpec => ({ arity: 'list', evaluate: f });

/** Math functions of numpy/math that the language knows, by canonical name. */
export const functions: Readonly<Record<string, FunctionSpec>> = {
  sin: unary(Math.sin),
  cos: unary(Math.cos),
  tan: unary(Math.tan),
  asin: unary(Math.asin),
  acos: unary(Math.acos),
  atan: unary(Math.atan),
  sinh: unary(Math.sinh),
  cosh: unary(Math.cosh),
  tanh: unary(Math.tanh),
  asinh: unary(Math.asinh),
  acosh: unary(Math.acosh),
  atanh: unary(Math.atanh),
  exp: unary(Math.exp),
  expm1: unary(Math.expm1),
  log: { arity: [1, 2], evaluate: (a) => (a.length === 2 ? Math.log(a[0]!) / Math.log(a[1]!) : Math.log(a[0]!)) },
  log10: unary(Math.log10),
  log2: unary(Math.log2),
  log1p: unary(Math.log1p),
  sqrt: unary(Math.sqrt),
  cbrt: unary(Math.cbrt),
  abs: unary(Math.abs),
  sign: unary(Math.sign),
  floor: unary(Math.floor),
  ceil: unary(Math.ceil),
  trunc: unary(Math.trunc),
  round: unary((v) => roundHalfEven(v)),
  atan2: { arity: 2, evaluate: (a) => Math.atan2(a[0]!, a[1]!) },
  pow: { arity: 2, evaluate: (a) => a[0]! ** a[1]! },
  hypot: ofList((a) => Math.hypot(...a)),
  min: ofList((a) => Math.min(...a)),
  max: ofList((a) => Math.max(...a)),
  sum: ofList((a) => a.reduce((s, v) => s + v, 0)),
  prod: ofList((a) => a.reduce((s, v) => s * v, 1)),
  mean: ofList((a) => mean(a)),
  spread: ofList((a) => spread(a)),
  variance: ofList((a) => variance(a)),
  std: ofList((a) => std(a)),
};

/** Other spellings from numpy and mystic. */
export const functionAliases: Readonly<Record<string, string>> = {
  average: 'mean',
  ptp: 'spread',
  var: 'variance',
  product: 'prod',
  fabs: 'abs',
  arcsin: 'asin',
  arccos: 'acos',
  arctan: 'atan',
  arctan2: 'atan2',
  power: 'pow',
};

export const constants: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E, inf: Infinity, nan: NaN };

export type Compiled = (x: readonly number[]) => number;

/** Turn an expression into a closure of x. */
export function compile(node: Node): Compiled {
  switch (node.kind) {
    case 'num': {
      const value = node.value;
      return () => value;
    }
    case 'var': {
      const i = node.index;
      return (x) => x[i]!;
    }
    case 'neg': {
      const arg = compile(node.arg);
      return (x) => -arg(x);
    }
    case 'bin': {
      const left = compile(node.left);
      const right = compile(node.right);
      switch (node.op) {
        case '+':
          return (x) => left(x) + right(x);
        case '-':
          return (x) => left(x) - right(x);
        case '*':
          return (x) => left(x) * right(x);
        case '/':
          return (x) => left(x) / right(x);
        case '^':
          return (x) => left(x) ** right(x);
      }
      break;
    }
    case 'call': {
      const evaluate = functions[node.name]!.evaluate;
      const args = node.args.map(compile);
      return (x) => evaluate(args.map((a) => a(x)));
    }
  }
  throw new Error('unreachable');
}

/** Indices of the variables an expression reads. */
export function nodeVariables(node: Node, into: Set<number> = new Set()): Set<number> {
  switch (node.kind) {
    case 'var':
      into.add(node.index);
      break;
    case 'neg':
      nodeVariables(node.arg, into);
      break;
    case 'bin':
      nodeVariables(node.left, into);
      nodeVariables(node.right, into);
      break;
    case 'call':
      node.args.forEach((a) => nodeVariables(a, into));
      break;
    case 'num':
      break;
  }
  return into;
}

/** Binding strength for printing: higher binds tighter. */
function precedence(node: Node): number {
  switch (node.kind) {
    case 'bin':
      return node.op === '+' || node.op === '-' ? 1 : node.op === '^' ? 4 : 2;
    case 'neg':
      return 3;
    case 'num':
      return node.value < 0 || Object.is(node.value, -0) ? 3 : 5;
    default:
      return 5;
  }
}

function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return String(value);
}

/** Print an expression in the language's own syntax (powers as **), with the fewest parentheses. */
export function printNode(node: Node, name: (index: number) => string): string {
  const wrap = (child: Node, min: number): string => {
    const text = printNode(child, name);
    return precedence(child) < min ? `(${text})` : text;
  };
  switch (node.kind) {
    case 'num':
      return node.name ?? formatNumber(node.value);
    case 'var':
      return name(node.index);
    case 'neg':
      // -(a*b) prints as -a*b: negation is exact, so (-a)*b has the same value.
      return `-${wrap(node.arg, 2)}`;
    case 'bin':
      switch (node.op) {
        case '+':
          return `${wrap(node.left, 1)} + ${wrap(node.right, 2)}`;
        case '-':
          return `${wrap(node.left, 1)} - ${wrap(node.right, 2)}`;
        case '*':
          return `${wrap(node.left, 2)}*${wrap(node.right, 3)}`;
        case '/':
          return `${wrap(node.left, 2)}/${wrap(node.right, 4)}`;
        case '^':
          return `${wrap(node.left, 5)}**${wrap(node.right, 3)}`;
      }
      break;
    case 'call': {
      const args = node.args.map((a) => printNode(a, name)).join(', ');
      return functions[node.name]!.arity === 'list' ? `${node.name}([${args}])` : `${node.name}(${args})`;
    }
  }
  throw new Error('unreachable');
}

export function flipComparator(cmp: Comparator): Comparator {
  switch (cmp) {
    case '<=':
      return '>=';
    case '>=':
      return '<=';
    case '<':
      return '>';
    case '>':
      return '<';
    default:
      return cmp;
  }
}

/** Whether lhs cmp rhs holds, exactly. */
export function holds(lhs: number, cmp: Comparator, rhs: number): boolean {
  switch (cmp) {
    case '=':
      return lhs === rhs;
    case '!=':
      return lhs !== rhs;
    case '<=':
      return lhs <= rhs;
    case '>=':
      return lhs >= rhs;
    case '<':
      return lhs < rhs;
    case '>':
      return lhs > rhs;
  }
}
