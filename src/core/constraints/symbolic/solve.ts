import { ParseError, SibylError } from '../../errors';
import { printNode } from './ast';
import { Scope, parseRelations, type VariableOptions } from './parse';
import { TooComplex, add, constant, constantValue, fromMonomials, monomial, subtract, toNode, toPoly, variable, type Poly } from './poly';

/** One linear equation: Σ coefficients[i]·x_i = value. */
interface Row {
  coefficients: Map<number, number>;
  value: number;
}

function linearRow(p: Poly, line: number, source: string): Row {
  const coefficients = new Map<number, number>();
  let value = 0;
  for (const m of p.values()) {
    if (m.factors.length === 0) value -= m.coef;
    else if (m.factors.length === 1 && m.factors[0]!.exp === 1 && m.factors[0]!.atom.kind === 'var') {
      coefficients.set(m.factors[0]!.atom.index, m.coef);
    } else {
      throw new ParseError(`Line ${line}: solveLinear takes linear equations only, not '${source}'.`, line, 1);
    }
  }
  return { coefficients, value };
}

/**
 * Solve a system of linear equations jointly (mystic's solve, for linear systems): each pivot variable is written in terms of
 * the free ones, so the lines can be applied one after the other and all hold. For example
 * 'x0 + 2*x1 = 3\nx0 - x1 = 0' gives 'x0 = 1\nx1 = 1'. Pivots are taken in increasing variable order, with
 * partial pivoting; redundant equations are dropped, and contradictory ones are an error.
 */
export function solveLinear(text: string, options: VariableOptions = {}): string {
  const scope = new Scope(options);
  const rows = parseRelations(text, scope).map((relation) => {
    if (relation.cmp !== '=') throw new ParseError(`Line ${relation.line}: solveLinear takes equations only, not '${relation.source}'.`, relation.line, 1);
    let p: Poly;
    try {
      p = subtract(toPoly(relation.lhs), toPoly(relation.rhs));
    } catch (error) {
      if (error instanceof TooComplex) throw new ParseError(`Line ${relation.line}: '${relation.source}' is too large to solve.`, relation.line, 1);
      throw error;
    }
    return linearRow(p, relation.line, relation.source);
  });
  const columns = [...new Set(rows.flatMap((r) => [...r.coefficients.keys()]))].sort((a, b) => a - b);
  const scaleOf = (r: Row): number => Math.max(Math.abs(r.value), ...[...r.coefficients.values()].map(Math.abs));
  const pivots: { column: number; row: Row }[] = [];
  let remaining = rows;
  for (const column of columns) {
    let best: Row | undefined;
    for (const r of remaining) {
      const a = Math.abs(r.coefficients.get(column) ?? 0);
      if (a > 1e-12 * scaleOf(r) && a > Math.abs(best?.coefficients.get(column) ?? 0)) best = r;
    }
    if (!best) continue;
    const pivot = best.coefficients.get(column)!;
    const normalized: Row = {
      coefficients: new Map([...best.coefficients].map(([k, v]) => [k, v / pivot])),
      value: best.value / pivot,
    };
    const eliminate = (r: Row): Row => {
      const factor = r.coefficients.get(column) ?? 0;
      if (factor === 0) return r;
      const coefficients = new Map(r.coefficients);
      for (const [k, v] of normalized.coefficients) coefficients.set(k, (coefficients.get(k) ?? 0) - factor * v);
      coefficients.delete(column);
      return { coefficients, value: r.value - factor * normalized.value };
    };
    remaining = remaining.filter((r) => r !== best).map(eliminate);
    pivots.forEach((p) => (p.row = eliminate(p.row)));
    pivots.push({ column, row: normalized });
  }
  for (const r of remaining) {
    const residual = Math.max(0, ...[...r.coefficients.values()].map(Math.abs));
    if (residual <= 1e-12 && Math.abs(r.value) > 1e-9 * (1 + Math.abs(r.value))) {
      throw new SibylError('The equations contradict one another, so they have no solution.');
    }
  }
  const print = (p: Poly): string => printNode(toNode(p), (i) => scope.name(i));
  return pivots
    .sort((a, b) => a.column - b.column)
    .map(({ column, row }) => {
      let rhs = constant(row.value);
      for (const [k, v] of row.coefficients) {
        if (k !== column && Math.abs(v) > 1e-13) rhs = add(rhs, fromMonomials([monomial(-v, [{ atom: variable(k), exp: 1 }])]));
      }
      return `${scope.name(column)} = ${constantValue(rhs) === 0 ? '0' : print(rhs)}`;
    })
    .join('\n');
}
