import { OptionError } from '../../errors';

/** Name the i-th variable: a base ('x' → x0, x1, …) or an explicit list. */
function namer(variables: string | readonly string[] | undefined, count: number, option: string): (i: number) => string {
  if (variables === undefined || typeof variables === 'string') return (i) => `${variables ?? 'x'}${i}`;
  if (variables.length !== count) {
    throw new OptionError('variables', `${variables.length} variable names were given for ${count} ${option}.`);
  }
  return (i) => variables[i]!;
}

/** Python's str(float(v)): integers keep a '.0', so the text reads as mystic's does. */
function floatText(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return value.toFixed(1);
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return String(value);
}

/**
 * Box bounds as constraint text: `x_i >= lo` lines, then `x_i <= hi` lines; null or infinite ends are left
 * out. symbolicBounds([0, 1], [2, 3]) is "x0 >= 0.0\nx1 >= 1.0\nx0 <= 2.0\nx1 <= 3.0".
 */
export function symbolicBounds(
  min: readonly (number | null)[],
  max: readonly (number | null)[],
  variables?: string | readonly string[],
): string {
  if (min.length !== max.length) throw new OptionError('bounds', `min has ${min.length} entries and max ${max.length}.`);
  const lo = min.map((v) => v ?? -Infinity);
  const hi = max.map((v) => v ?? Infinity);
  const bad = lo.findIndex((v, i) => !(v <= hi[i]!));
  if (bad >= 0) throw new OptionError('bounds', `each min must be <= its max; entry ${bad} has ${lo[bad]} > ${hi[bad]}.`);
  const name = namer(variables, lo.length, 'bounds');
  const lines = [
    ...lo.flatMap((v, i) => (v === -Infinity ? [] : [`${name(i)} >= ${floatText(v)}`])),
    ...hi.flatMap((v, i) => (v === Infinity ? [] : [`${name(i)} <= ${floatText(v)}`])),
  ];
  return lines.join('\n');
}

function rows(matrix: readonly number[] | readonly (readonly number[])[]): (readonly number[])[] {
  return (matrix.length > 0 && typeof matrix[0] === 'number' ? [matrix as readonly number[]] : matrix) as (readonly number[])[];
}

/**
 * Linear constraints from matrices as text: `G x <= h` lines first, then `A x = b` lines, each written out as
 * `a0*x0 + a1*x1 + … cmp b`. Either pair may be omitted; a single row may be given as a flat list.
 */
export function linearSymbolic(
  A?: readonly number[] | readonly (readonly number[])[],
  b?: readonly number[],
  G?: readonly number[] | readonly (readonly number[])[],
  h?: readonly number[],
  variables?: string | readonly string[],
): string {
  const block = (matrix: typeof A, rhs: readonly number[] | undefined, cmp: string, option: string): string[] => {
    if (!matrix || !rhs) return [];
    const lines = rows(matrix);
    if (lines.length !== rhs.length) throw new OptionError(option, `${lines.length} rows but ${rhs.length} right-hand sides.`);
    const width = lines[0]?.length ?? 0;
    if (lines.some((row) => row.length !== width)) throw new OptionError(option, 'every row needs the same number of coefficients.');
    const name = namer(variables, width, 'coefficients');
    return lines.map((row, i) => `${row.map((a, j) => `${floatText(a)}*${name(j)}`).join(' + ')} ${cmp} ${floatText(rhs[i]!)}`);
  };
  return [...block(G, h, '<=', 'G'), ...block(A, b, '=', 'A')].join('\n');
}
