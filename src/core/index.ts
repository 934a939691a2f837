/**
 * Sibyl's engine: mystic's solvers, terminations, monitors, constraints and resumable state, and pathos's
 * pools, as framework-free TypeScript. This is the only import path for app/, the CLI and the relay, and
 * what problem modules get as `import … from 'sibyl'`.
 */
import './problem/importables';

export * from './errors';
export * from './types';
export { Random, type RandomState } from './random';
export { Monitor, VerboseMonitor, toSink, type MonitorLike, type MonitorSink } from './monitors/monitor';
export * from './monitors/log';
export { pythonFloat } from './termination/numberText';
export * from './termination';
export type { Termination, TerminationView, ConditionName, ConditionArg } from './termination/types';
export { conditionNames } from './termination/types';
export type { Solver, SolverId, SolverMeta, BoundsMode } from './solvers/solver';
export { solverIds } from './solvers/solver';
export { BaseSolver, DEFAULT_BOUND, type BaseSolverConfig } from './solvers/baseSolver';
export { createSolver, getSolverMeta, isSolverId, solverMetas } from './solvers/registry';
export { EnsembleSolver, type MemberHistory } from './solvers/ensembles';
export { de2Minimize, de2Minimizer, type De2MinimizeSettings } from './solvers/de2Minimize';
export { validateOptions, defaultOptions, type OptionSpec, type OptionValue, type OptionValues } from './solvers/options';
export * from './state/schema';
export { loadSolver, parseSolverState, type LoadOptions } from './state/load';
export * from './problem/compile';
export * from './problem/rules';
// The constraints library is exported flat, as docs/constraints.md shows it: none of its names (mean, spread,
// withMean, …) clashes with another export here, and the test functions live apart in 'sibyl/models'.
export * from './constraints/index';
export * from './parallel/index';
export * from './run/index';
