import { OptionError } from '../errors';

/**
 * Plain-data description of one solver option. The studio builds its options form from these, the CLI maps
 * its flags onto them, and `validateOptions` checks values against them: one registry, no per-solver forms.
 */
export type OptionSpec =
  | { readonly name: string; readonly label: string; readonly help: string; readonly type: 'number'; readonly default: number; readonly min?: number; readonly max?: number; readonly exclusiveMin?: boolean }
  | { readonly name: string; readonly label: string; readonly help: string; readonly type: 'integer'; readonly default: number; readonly min?: number; readonly max?: number }
  | { readonly name: string; readonly label: string; readonly help: string; readonly type: 'boolean'; readonly default: boolean }
  | { readonly name: string; readonly label: string; readonly help: string; readonly type: 'choice'; readonly default: string; readonly choices: readonly string[] };

export type OptionValue = number | boolean | string;
export type OptionValues = Readonly<Record<string, OptionValue>>;

export function defaultOptions(specs: readonly OptionSpec[]): Record<string, OptionValue> {
  return Object.fromEntries(specs.map((s) => [s.name, s.default]));
}

/** Checks `given` against `specs` and returns the full option set; a wrong value throws naming the option. */
export function validateOptions(
  solverLabel: string,
  specs: readonly OptionSpec[],
  given: Readonly<Record<string, unknown>>,
  base: OptionValues = defaultOptions(specs),
): Record<string, OptionValue> {
  const result: Record<string, OptionValue> = { ...base };
  for (const [name, value] of Object.entries(given)) {
    if (value === undefined) continue;
    const spec = specs.find((s) => s.name === name);
    if (!spec) {
      const known = specs.map((s) => s.name).join(', ') || 'none';
      throw new OptionError(name, `Unknown option '${name}' for ${solverLabel} (options: ${known}).`);
    }
    result[name] = checkValue(spec, value);
  }
  return result;
}

function checkValue(spec: OptionSpec, value: unknown): OptionValue {
  const fail = (what: string): never => {
    throw new OptionError(spec.name, `Option '${spec.name}' ${what}, got ${JSON.stringify(value)}.`);
  };
  switch (spec.type) {
    case 'boolean':
      if (typeof value !== 'boolean') fail('must be true or false');
      return value as boolean;
    case 'choice':
      if (typeof value !== 'string' || !spec.choices.includes(value)) fail(`must be one of ${spec.choices.join(', ')}`);
      return value as string;
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) fail('must be a finite number');
      const n = value as number;
      if (spec.type === 'integer' && !Number.isInteger(n)) fail('must be an integer');
      if (spec.min !== undefined && (n < spec.min || ('exclusiveMin' in spec && spec.exclusiveMin && n === spec.min))) {
        fail(`must be ${'exclusiveMin' in spec && spec.exclusiveMin ? 'greater than' : 'at least'} ${spec.min}`);
      }
      if (spec.max !== undefined && n > spec.max) fail(`must be at most ${spec.max}`);
      return n;
    }
  }
}
