import { ParseError } from '../../errors';
import { nodeVariables, printNode, type Comparator, type Node, type Relation } from './ast';
import { Budget, isolate, type Branch } from './isolate';
import { TooComplex, subtract, toNode, toPoly } from './poly';
import type { Scope } from './parse';

/** Statistics a line may impose directly on a list of variables: `mean([x0, x1]) = 2`. */
export const imposable = ['mean', 'spread', 'variance', 'std', 'sum', 'prod'] as const;
export type Imposable = (typeof imposable)[number];

/** One assignment of a hard constraint, in the order the line applies them. */
export type Step =
  /** x_variable cmp rhs: `=` assigns, `<=`/`<` caps, `>=`/`>` floors, `!=` nudges off an equal value. */
  | { readonly kind: 'solve'; readonly variable: number; readonly cmp: Comparator; readonly rhs: Node }
  /** statistic(variables) cmp rhs, met by moving all the listed variables (mystic's impose_*). */
  | { readonly kind: 'impose'; readonly statistic: Imposable; readonly variables: readonly number[]; readonly cmp: Comparator; readonly rhs: Node };

/** How one line of text becomes a hard constraint: one or more alternative branches of steps. */
export interface LinePlan {
  readonly relation: Relation;
  readonly branches: readonly (readonly Step[])[];
}

export interface PlanOptions {
  /** Which statistics on the left stay imposed rather than expanded and isolated. */
  readonly keep: readonly Imposable[];
  /** Variables to isolate first, in order (simplify's target). */
  readonly target: readonly number[];
}

/** Variables of a relation ordered as mystic tries them: fewest occurrences first, then first written. */
function candidateOrder(relation: Relation): number[] {
  const seen: number[] = [];
  const visit = (node: Node): void => {
    if (node.kind === 'var') seen.push(node.index);
    else if (node.kind === 'neg') visit(node.arg);
    else if (node.kind === 'bin') [node.left, node.right].forEach(visit);
    else if (node.kind === 'call') node.args.forEach(visit);
  };
  visit(relation.lhs);
  visit(relation.rhs);
  const count = (v: number): number => seen.filter((s) => s === v).length;
  return [...new Set(seen)].sort((a, b) => count(a) - count(b) || seen.indexOf(a) - seen.indexOf(b));
}

function directStep(relation: Relation): (Step & { kind: 'solve' }) | undefined {
  const { lhs, rhs, cmp } = relation;
  if (lhs.kind === 'var' && !nodeVariables(rhs).has(lhs.index)) return { kind: 'solve', variable: lhs.index, cmp, rhs };
  return undefined;
}

function imposeStep(relation: Relation, keep: readonly Imposable[]): Step | undefined {
  const { lhs, rhs, cmp } = relation;
  if (lhs.kind !== 'call' || !keep.includes(lhs.name as Imposable)) return undefined;
  if (!lhs.args.every((a) => a.kind === 'var')) return undefined;
  const variables = lhs.args.map((a) => (a as { index: number }).index);
  const right = nodeVariables(rhs);
  if (new Set(variables).size !== variables.length || variables.some((v) => right.has(v))) return undefined;
  return { kind: 'impose', statistic: lhs.name as Imposable, variables, cmp, rhs };
}

/** Rank of an isolation: one plain line, one line with conditions, or several branches. */
function tier(branches: readonly Branch[]): number {
  if (branches.length > 1) return 2;
  return branches[0]!.length > 1 ? 1 : 0;
}

function cannot(relation: Relation, why: string): never {
  throw new ParseError(`Line ${relation.line}: ${why} in '${relation.source}'.`, relation.line, 1);
}

/** Search work allowed per candidate variable, and per line (see Budget). */
const CANDIDATE_BUDGET = 600;
const LINE_BUDGET = 4000;

/** The best isolation of one normal form of the relation, or undefined. */
function bestIsolation(relation: Relation, expandPowers: boolean, order: readonly number[], target: readonly number[], budget: Budget): Branch[] | undefined {
  let f;
  try {
    const form = { expandLists: true, expandPowers };
    f = subtract(toPoly(relation.lhs, form), toPoly(relation.rhs, form));
  } catch (error) {
    if (error instanceof TooComplex) return undefined;
    throw error;
  }
  let best: Branch[] | undefined;
  const preferred = target.filter((v) => order.includes(v));
  for (const v of [...preferred, ...order.filter((u) => !preferred.includes(u))]) {
    if (budget.exhausted) break;
    let branches: Branch[] | undefined;
    try {
      branches = isolate(f, relation.cmp, v, budget.child(CANDIDATE_BUDGET));
    } catch (error) {
      if (!(error instanceof TooComplex)) throw error;
    }
    if (!branches?.length) continue;
    if (preferred.includes(v) || tier(branches) === 0) return branches;
    if (!best || tier(branches) < tier(best)) best = branches;
  }
  return best;
}

function isolated(relation: Relation, target: readonly number[]): Step[][] {
  const order = candidateOrder(relation);
  if (order.length === 0) cannot(relation, 'there is no variable to constrain');
  // Multiplying out powers of sums makes most lines linear; when it hides the structure instead
  // ((x0 + x1)**3 = 8), the powers are kept whole and inverted.
  const budget = new Budget(LINE_BUDGET);
  const best = bestIsolation(relation, true, order, target, budget) ?? bestIsolation(relation, false, order, target, budget);
  if (!best) {
    cannot(relation, 'no variable can be isolated (write one variable alone on the left, or use the line as a penalty)');
  }
  return best.map((branch) => branch.map((line) => ({ kind: 'solve', variable: line.variable, cmp: line.cmp, rhs: toNode(line.rhs) })));
}

/**
 * Plan a line: kept as written when one variable already stands alone on the left (or a kept statistic of
 * plain variables stands on the left), otherwise a variable is isolated symbolically.
 */
export function planLine(relation: Relation, options: PlanOptions): LinePlan {
  const direct = directStep(relation);
  const wanted = options.target.filter((v) => candidateOrder(relation).includes(v));
  if (direct && (wanted.length === 0 || wanted.includes(direct.variable))) return { relation, branches: [[direct]] };
  const imposed = imposeStep(relation, options.keep);
  if (imposed) return { relation, branches: [[imposed]] };
  return { relation, branches: isolated(relation, options.target) };
}

function printStep(step: Step, scope: Scope): string {
  const rhs = printNode(step.rhs, (i) => scope.name(i));
  if (step.kind === 'solve') return `${scope.name(step.variable)} ${step.cmp} ${rhs}`;
  return `${step.statistic}([${step.variables.map((v) => scope.name(v)).join(', ')}]) ${step.cmp} ${rhs}`;
}

/** Each branch of a plan as text, one step per line. */
export function printPlan(plan: LinePlan, scope: Scope): string[] {
  return plan.branches.map((steps) => steps.map((step) => printStep(step, scope)).join('\n'));
}
