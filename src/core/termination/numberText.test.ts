import { describe, expect, it } from 'vitest';
import { pythonFloat, pythonValue, shortNumber } from './numberText';

describe('pythonFloat', () => {
  // Each expected string is what CPython 3 prints for repr(float(value)).
  const cases: [number, string][] = [
    [0, '0.0'],
    [-0, '-0.0'],
    [0.005, '0.005'],
    [0.1, '0.1'],
    [1 / 3, '0.3333333333333333'],
    [2.5, '2.5'],
    [100, '100.0'],
    [86400, '86400.0'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1e-6, '1e-06'],
    [1e-20, '1e-20'],
    [-1.5e-7, '-1.5e-07'],
    [1e15, '1000000000000000.0'],
    [1e16, '1e+16'],
    [1.2345678901234568e17, '1.2345678901234568e+17'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [5e-324, '5e-324'],
    [1.5e300, '1.5e+300'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
    [NaN, 'nan'],
  ];
  it.each(cases)('repr(%s) is %s', (value, expected) => {
    expect(pythonFloat(value)).toBe(expected);
  });
});

describe('pythonValue', () => {
  it('prints each kind as mystic receives it', () => {
    expect(pythonValue(0, 'float')).toBe('0.0');
    expect(pythonValue(30, 'int')).toBe('30');
    expect(pythonValue(86400, 'number')).toBe('86400');
    expect(pythonValue(0.5, 'number')).toBe('0.5');
    expect(pythonValue(Infinity, 'number')).toBe('inf');
    expect(pythonValue(null, 'float')).toBe('None');
  });
});

describe('shortNumber', () => {
  const cases: [number, string][] = [
    [30, '30'],
    [1000000, '1000000'],
    [0.01, '0.01'],
    [0.5, '0.5'],
    [1e-6, '1e-6'],
    [1e-4, '1e-4'],
    [0.005, '5e-3'],
    [1.5e-7, '1.5e-7'],
    [123.456, '123.456'],
    [1e21, '1e21'],
    [1.5e300, '1.5e300'],
    [-2.5e-10, '-2.5e-10'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
    [-0, '-0'],
  ];
  it.each(cases)('%s prints as %s', (value, expected) => {
    expect(shortNumber(value)).toBe(expected);
    expect(Number(expected.replace('inf', 'Infinity'))).toBe(value);
  });
});
