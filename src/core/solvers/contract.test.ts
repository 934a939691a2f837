import { solverContract } from '../testing/solverContract';

// Every registered solver runs the same contract; a new solver adds one line here.
solverContract({ id: 'de', dim: 3, npop: 12, stepsBeforeSave: 5, termination: 'VTR(1e-6)' });
solverContract({ id: 'de2', dim: 3, npop: 12, stepsBeforeSave: 5, termination: 'VTR(1e-6)' });
solverContract({ id: 'nm', dim: 3, stepsBeforeSave: 9, termination: 'CandidateRelativeTolerance(1e-4, 1e-4)' });
solverContract({ id: 'powell', dim: 3, stepsBeforeSave: 3, termination: 'NormalizedChangeOverGeneration(1e-8, 2)' });
solverContract({ id: 'buckshot', dim: 2, stepsBeforeSave: 4, termination: 'NormalizedChangeOverGeneration(1e-4, 10)', options: { npts: 3 } });
solverContract({ id: 'lattice', dim: 2, stepsBeforeSave: 4, termination: 'NormalizedChangeOverGeneration(1e-4, 10)' });
solverContract({ id: 'sparsity', dim: 2, stepsBeforeSave: 4, termination: 'NormalizedChangeOverGeneration(1e-4, 10)', options: { npts: 3 } });
