/**
 * Number ↔ text for terminations. Two printers are needed: Python's `repr`, because stop messages must read
 * exactly as mystic prints its settings dict, and a short JS form for the canonical termination text.
 */

/** How mystic's factory receives a setting, which decides how Python would print it. */
export type ParameterKind =
  /** Always a Python float: `0.0`, `1e-06`. */
  | 'float'
  /** A count: printed as a Python int, `30`. */
  | 'int'
  /** Whatever the user typed: integral values print as ints (`86400`), others as floats (`0.5`). */
  | 'number';

/** Python's `repr` of a float: shortest round-trip digits, fixed notation for exponents in [-4, 16). */
export function pythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  const [mantissa = '0', exponentText = '0'] = Math.abs(value).toExponential().split('e');
  const exponent = Number(exponentText);
  const digits = mantissa.replace('.', '');
  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const magnitude = String(Math.abs(exponent)).padStart(2, '0');
    return `${sign}${fraction}e${exponent < 0 ? '-' : '+'}${magnitude}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}.${fraction || '0'}`;
}

/** Python's `repr` of a setting of the given kind; `null` is None. */
export function pythonValue(value: number | null, kind: ParameterKind): string {
  if (value === null) return 'None';
  const integral = Number.isInteger(value) && Math.abs(value) < 1e16;
  if (kind === 'float' || !integral) return pythonFloat(value);
  return String(value);
}

/**
 * The canonical text of a number: integers as plain digits (`30`, `86400`); other values in the shorter
 * of JS's decimal and exponent forms, the decimal one on a tie (`0.01`, `1e-6`, `1.5e-7`); ±∞ as `inf`.
 */
export function shortNumber(value: number): string {
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  if (Object.is(value, -0)) return '-0';
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value);
  const exponential = value.toExponential().replace('e+', 'e');
  const decimal = String(value);
  if (decimal.includes('e')) return exponential;
  return exponential.length < decimal.length ? exponential : decimal;
}
