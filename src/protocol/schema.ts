import { ProtocolError } from './errors';

/**
 * A small checker for message headers: each Check returns the value typed, or throws a ProtocolError naming
 * the field. Fields are never optional on the wire (null stands for "none"), and unknown fields are refused,
 * so a message has exactly one valid shape.
 */
export type Check<T> = (value: unknown, path: string) => T;

type Checked<S> = { readonly [K in keyof S]: S[K] extends Check<infer T> ? T : never };

function fail(path: string, expected: string, value: unknown): never {
  const got = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value;
  throw new ProtocolError(`${path} must be ${expected}, got ${got}`);
}

/** A value a peer sent, quoted briefly: it goes back into an error message. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? typeof value;
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

export function string(maxLength: number, pattern?: RegExp, description?: string): Check<string> {
  return (value, path) => {
    if (typeof value !== 'string') fail(path, 'a string', value);
    if (value.length > maxLength) throw new ProtocolError(`${path} is longer than ${maxLength} characters`);
    if (pattern && !pattern.test(value)) throw new ProtocolError(`${path} must be ${description ?? `like ${String(pattern)}`}`);
    return value;
  };
}

export function integer(min: number, max: number): Check<number> {
  return (value, path) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) fail(path, 'an integer', value);
    if (value < min || value > max) throw new ProtocolError(`${path} must be between ${min} and ${max}, got ${value}`);
    return value;
  };
}

export function number(min: number, max: number): Check<number> {
  return (value, path) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, 'a finite number', value);
    if (value < min || value > max) throw new ProtocolError(`${path} must be between ${min} and ${max}, got ${value}`);
    return value;
  };
}

export function literal<L extends string | number>(expected: L): Check<L> {
  return (value, path) => {
    if (value !== expected) throw new ProtocolError(`${path} must be ${JSON.stringify(expected)}, got ${shown(value)}`);
    return expected;
  };
}

export function oneOf<L extends string>(...choices: L[]): Check<L> {
  return (value, path) => {
    if (!choices.includes(value as L)) throw new ProtocolError(`${path} must be one of ${choices.join(', ')}`);
    return value as L;
  };
}

export function nullable<T>(check: Check<T>): Check<T | null> {
  return (value, path) => (value === null ? null : check(value, path));
}

export function list<T>(item: Check<T>, maxLength: number): Check<readonly T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) fail(path, 'a list', value);
    if (value.length > maxLength) throw new ProtocolError(`${path} has more than ${maxLength} entries`);
    return value.map((entry, i) => item(entry, `${path}[${i}]`));
  };
}

/** Any JSON value: for encoded task values, which are checked when they are decoded (values.ts). */
export const json: Check<unknown> = (value) => value;

export function record<S extends Record<string, Check<unknown>>>(shape: S): Check<Checked<S>> {
  const keys = Object.keys(shape);
  return (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object', value);
    const input = value as Record<string, unknown>;
    for (const key of Object.keys(input)) {
      if (!Object.hasOwn(shape, key)) throw new ProtocolError(`${path} has an unknown field ${shown(key)}`);
    }
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      if (!Object.hasOwn(input, key)) throw new ProtocolError(`${path}.${key} is missing`);
      out[key] = (shape[key] as Check<unknown>)(input[key], `${path}.${key}`);
    }
    return out as Checked<S>;
  };
}

/** One of several records told apart by the string in `key`. */
export function tagged<K extends string, V extends Record<string, Check<unknown>>>(key: K, variants: V): Check<{ [T in keyof V]: V[T] extends Check<infer R> ? R : never }[keyof V]> {
  return (value, path) => {
    const tag = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    if (typeof tag !== 'string' || !Object.hasOwn(variants, tag)) {
      throw new ProtocolError(`${path}.${key} must be one of ${Object.keys(variants).join(', ')}`);
    }
    return (variants[tag] as Check<never>)(value, path);
  };
}
