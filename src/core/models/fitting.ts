import { SibylError } from '../errors';

/** A forward model: the model with coefficients `coeffs`, evaluated at one point `x`. */
export type Model = (coeffs: readonly number[], x: number) => number;

/**
 * A least-squares cost for fitting `model` to observations (mystic's forward_model.CostFactory with its default
 * metric): cost(coeffs) = Σ_i ((model(coeffs, x_i) − data_i) / σ_i)². `sigma` is one scale for every point or
 * one per point (1 by default). The inputs are copied, so changing them later does not change the cost.
 */
export function costFactory(
  model: Model,
  x: readonly number[],
  data: readonly number[],
  sigma: number | readonly number[] = 1,
): (coeffs: readonly number[]) => number {
  if (x.length !== data.length) {
    throw new SibylError(`costFactory needs one observation per point, got ${x.length} points and ${data.length} observations.`);
  }
  if (typeof sigma !== 'number' && sigma.length !== x.length) {
    throw new SibylError(`costFactory needs one sigma per point, got ${x.length} points and ${sigma.length} sigmas.`);
  }
  const points = [...x];
  const observed = [...data];
  const scales = typeof sigma === 'number' ? points.map(() => sigma) : [...sigma];
  return (coeffs) => {
    let cost = 0;
    for (let i = 0; i < points.length; i++) {
      const residual = (model(coeffs, points[i] as number) - (observed[i] as number)) / (scales[i] as number);
      cost += residual * residual;
    }
    return cost;
  };
}
