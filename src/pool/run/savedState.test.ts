import { describe, expect, it } from 'vitest';
import { createSolver } from '../../core/index';
import { rosen } from '../../core/models/index';
import { decodeState, encodeState, toStudioSnapshot } from './savedState';

/** A de run's state after a few generations, with a problem record. */
async function someState() {
  const solver = createSolver('de', { dim: 3, npop: 10, seed: 3, objective: rosen });
  solver.setRandomInitialPoints([-2, -2, -2], [2, 2, 2]);
  solver.setEvaluationLimits({ generations: 5 });
  await solver.solve();
  return solver.saveState();
}

describe('a state as a Blob', () => {
  it('reads back as the same state, and is the text of the state file', async () => {
    const state = await someState();
    const saved = encodeState(state);
    expect(await decodeState(saved)).toEqual(JSON.parse(JSON.stringify(state)));
    expect(await saved.blob.text()).toBe(JSON.stringify(state));
    expect(saved.blob.type).toBe('application/json');
    expect(saved.summary).toEqual({ solverId: 'de', problemName: state.problem?.name, generationsRecorded: state.history.y.length, bestEnergy: state.best.energy });
    expect(saved.summary.generationsRecorded).toBe(6);
  });

  it('travels in a snapshot without the state object', async () => {
    const state = await someState();
    const snapshot = { runId: 1, status: 'paused', generation: 5, state } as unknown as Parameters<typeof toStudioSnapshot>[0];
    const wire = toStudioSnapshot(snapshot);
    expect('state' in wire).toBe(false);
    expect(wire.saved && (await decodeState(wire.saved))).toEqual(JSON.parse(JSON.stringify(state)));
    const { state: _dropped, ...rest } = snapshot;
    expect(toStudioSnapshot(rest)).toEqual(rest);
  });
});
