import { describe, expect, it } from 'vitest';
import { OptionError } from '../errors';
import { createRunSolver, restoreRunSolver } from './problem';

const source = `export default {
  dim: 2,
  x0: [2, -1],
  objective: (x: number[]) => (x[0] - 1) ** 2 + (x[1] + 2) ** 2,
  penalties: 'x0 + x1 >= 3',
};
`;

describe('symbolic constraints and penalties in studio runs', () => {
  it('applies the setup’s text with the module’s penalties, and a restored run rebuilds both', async () => {
    const { solver } = createRunSolver({ source, solverId: 'nm', seed: 1, constraints: 'x1 = x0 - 1' });
    for (let k = 0; k < 8; k++) await solver.step();
    const state = solver.saveState();
    expect(state.problem?.constraints).toBe('x1 = x0 - 1');
    for (const x of solver.population) expect(x[1]).toBe(x[0]! - 1);
    // On the line x1 = x0 − 1 the penalty x0 + x1 >= 3 is active: the penalized energy exceeds the raw cost.
    expect(solver.bestEnergy).toBeGreaterThan(solver.bestRawCost);

    const { solver: restored } = restoreRunSolver(state);
    await solver.step();
    await restored.step();
    expect(restored.solutionHistory).toEqual(solver.solutionHistory);
    expect(restored.bestEnergy).toBe(solver.bestEnergy);
  });

  it('reports a mistake in the text as the setting’s error, with its line and column', () => {
    const refused = () => createRunSolver({ source, solverId: 'nm', seed: 1, constraints: 'x1 = x0 -' });
    expect(refused).toThrow(OptionError);
    expect(refused).toThrow(/^constraints: Line 1, column \d+: /);
  });
});
