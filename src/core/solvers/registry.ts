import { OptionError } from '../errors';
import type { BaseSolver, BaseSolverConfig } from './baseSolver';
import { DifferentialEvolutionSolver, DifferentialEvolutionSolver2, de2Meta, deMeta } from './differentialEvolution';
import { BuckshotSolver, LatticeSolver, SparsitySolver, buckshotMeta, latticeMeta, sparsityMeta } from './ensembles';
import { NelderMeadSolver, nelderMeadMeta } from './nelderMead';
import { PowellSolver, powellMeta } from './powell';
import { solverIds, type SolverId, type SolverMeta } from './solver';

type SolverClass = new (config: BaseSolverConfig) => BaseSolver;

/** The one list of solvers: the studio's picker, the CLI's --solver and loadSolver all read it. */
const registry: Record<SolverId, { meta: SolverMeta; create: SolverClass }> = {
  de: { meta: deMeta, create: DifferentialEvolutionSolver },
  de2: { meta: de2Meta, create: DifferentialEvolutionSolver2 },
  nm: { meta: nelderMeadMeta, create: NelderMeadSolver },
  powell: { meta: powellMeta, create: PowellSolver },
  buckshot: { meta: buckshotMeta, create: BuckshotSolver },
  lattice: { meta: latticeMeta, create: LatticeSolver },
  sparsity: { meta: sparsityMeta, create: SparsitySolver },
};

export const solverMetas: readonly SolverMeta[] = solverIds.map((id) => registry[id].meta);

export function isSolverId(id: string): id is SolverId {
  return (solverIds as readonly string[]).includes(id);
}

export function getSolverMeta(id: string): SolverMeta {
  if (!isSolverId(id)) throw new OptionError('solver', `Unknown solver '${id}' (solvers: ${solverIds.join(', ')}).`);
  return registry[id].meta;
}

/** Create a solver by id: `createSolver('de', { dim: 3, npop: 30, seed: 1, objective: rosen })`. */
export function createSolver(id: string, config: BaseSolverConfig): BaseSolver {
  getSolverMeta(id);
  return new registry[id as SolverId].create(config);
}
