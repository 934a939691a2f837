import { SibylError } from '../errors';

/** mystic unpacks fixed-size inputs (`x0, x1 = coeffs`), so any other length is an error there too. */
export function requireLength(name: string, x: readonly number[], length: number): void {
  if (x.length !== length) {
    throw new SibylError(`${name} takes exactly ${length} values, got ${x.length}.`);
  }
}
