/**
 * mystic's constraints and penalties: hard constraints x' = c(x), soft penalties p(x), their combinators and
 * conversions, the symbolic constraint language, measures and discrete (product) measures. See
 * docs/constraints.md.
 */
export { ConstraintError, formatPoint } from './errors';
export {
  almostEqual,
  expectation,
  imposeMean,
  imposeProduct,
  imposeSpread,
  imposeStd,
  imposeSum,
  imposeVariance,
  mean,
  normalize,
  spread,
  std,
  variance,
} from './measures';
export {
  andPenalties,
  barrierInequality,
  createPenalty,
  defaultPenaltyK,
  isInequality,
  isPenalty,
  lagrangeEquality,
  lagrangeInequality,
  linearEquality,
  linearInequality,
  notPenalty,
  orPenalties,
  penaltyTypes,
  quadraticEquality,
  quadraticInequality,
  uniformEquality,
  uniformInequality,
  type Condition,
  type CouplerOptions,
  type Penalty,
  type PenaltyOptions,
  type PenaltyType,
} from './penalty';
export {
  bounded,
  discrete,
  imposeBounds,
  imposeUnique,
  integers,
  monotonic,
  normalized,
  periodic,
  roundHalfEven,
  rounded,
  unique,
  withMean,
  withSpread,
  withStd,
  withVariance,
  type BoundedOptions,
  type BoundsSpec,
  type Coupling,
  type IndexOption,
  type Interval,
  type MonotonicOptions,
  type UniquePool,
} from './constraints';
export {
  imposeAs,
  imposeAt,
  insertMissing,
  maskDimensions,
  masked,
  partial,
  synchronized,
  type MaskedProblem,
  type Tracking,
} from './tying';
export {
  andConstraints,
  asConstraint,
  asPenalty,
  constraintResidual,
  isSolution,
  notConstraint,
  orConstraints,
  type AsConstraintOptions,
  type AsPenaltyOptions,
  type CombinatorOptions,
} from './combinators';
export { nelderMeadMinimize, type MinimizeProblem, type MinimizeResult, type Minimizer } from './minimize';
export {
  Measure,
  ProductMeasure,
  imposeExpectation,
  nested,
  pack,
  pointMass,
  type ExpectOptions,
  type PointMass,
} from './discrete';
export { boundsConstraint, tightBounds, type TightBoundsOptions } from './tight';
export { type Comparator } from './symbolic/ast';
export { type VariableOptions } from './symbolic/parse';
export { simplify, type SimplifyOptions } from './symbolic/simplify';
export { solveLinear } from './symbolic/solve';
export {
  generateConditions,
  generateConstraint,
  generatePenalty,
  type GenerateConstraintOptions,
  type GeneratePenaltyOptions,
  type NamedCondition,
  type PenaltyFamily,
  type SymbolicConstraint,
  type SymbolicOptions,
  type ToleranceOptions,
} from './symbolic/generate';
export { linearSymbolic, symbolicBounds } from './symbolic/helpers';
