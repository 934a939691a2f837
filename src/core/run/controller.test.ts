import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { parseLog } from '../monitors/log';
import { compileProblem } from '../problem/compile';
import { createSolver } from '../solvers/registry';
import { RunController, thinnedRange, type RunControllerOptions } from './controller';
import { formatRunLog } from './runLog';
import { checkStateText } from './stateCheck';
import type { RunSetup, RunSnapshot } from './types';

const rosenbrock = `import { rosen } from 'sibyl/models';
export default {
  name: 'Rosenbrock 3-D',
  dim: 3,
  bounds: [[-2, 2], [-2, 2], [-2, 2]],
  objective: (x: number[]) => rosen(x),
};
`;

/** The same problem, but the objective throws from its 601st call on (line 7 of the module). */
const failingAfter600 = `import { rosen } from 'sibyl/models';
let calls = 0;
export default {
  dim: 3,
  bounds: [[-2, 2], [-2, 2], [-2, 2]],
  objective: (x: number[]) => {
    if (++calls > 600) throw new Error('sensor offline');
    return rosen(x);
  },
};
`;

/** A run that only its limits end: Rosenbrock reaches 0 exactly, but never −1. */
const NEVER = 'VTR(0, -1)';

const setup: RunSetup = { source: rosenbrock, solverId: 'de', seed: 7, npop: 20, termination: 'VTR(1e-10)', limits: { generations: 300 } };

/** A controller on Node's event loop that keeps every snapshot. */
function harness(options: RunControllerOptions = {}) {
  const snapshots: RunSnapshot[] = [];
  const controller = new RunController(
    { onSnapshot: (s) => snapshots.push(s), yieldToEvents: () => nextMacrotask(), now: () => performance.now() },
    options,
  );
  return { controller, snapshots, last: () => snapshots.at(-1) as RunSnapshot };
}

/** The same run driven directly through the solver API, as the CLI would. */
function directSolver(seed = setup.seed) {
  const problem = compileProblem(rosenbrock);
  const solver = createSolver('de', { dim: 3, npop: 20, seed, objective: problem.objective });
  solver.setStrictRanges([-2, -2, -2], [2, 2, 2]);
  solver.setRandomInitialPoints([-2, -2, -2], [2, 2, 2]);
  solver.setTermination('VTR(1e-10)');
  solver.setEvaluationLimits({ generations: 300 });
  return solver;
}

describe('RunController', () => {
  it('solves to done with the result the solver gives on its own, and sends the whole history', async () => {
    const { controller, snapshots, last } = harness({ maxHistoryDelta: 100_000 });
    expect(await controller.start(1, setup)).toEqual({ ok: true });
    await controller.settled();
    const direct = directSolver();
    const message = await direct.solve();

    expect(last().status).toBe('done');
    expect(last().message).toBe(message);
    expect(last().bestCost).toBe(direct.bestEnergy);
    expect(last().bestX).toEqual(direct.bestSolution);
    expect(last().generation).toBe(direct.generations);
    expect(last().evaluations).toBe(direct.evaluations);
    expect(last().progress).toBe(1);
    // Once done, the speed is the run's average over its own time, however short the run was.
    const { evaluations, elapsedMs, evaluationsPerSecond } = last();
    expect(evaluationsPerSecond).toBe(elapsedMs > 0 ? (evaluations * 1000) / elapsedMs : 0);
    expect(last().bestX.every((v) => Math.abs(v - 1) < 1e-3)).toBe(true);
    // Deltas, concatenated, are the history; the last snapshot carries the final state.
    const costs = snapshots.flatMap((s) => s.history.costs);
    const generations = snapshots.flatMap((s) => s.history.generations);
    expect(costs).toEqual([...direct.energyHistory]);
    expect(generations).toEqual(direct.energyHistory.map((_, g) => g));
    expect(last().state?.history.y.length).toBe(direct.energyHistory.length);
    expect(last().population?.points.length).toBe(20);
  });

  it('keeps a window of the solver history, and still sends every generation once, numbered on', async () => {
    const { controller, snapshots, last } = harness({ maxHistoryDelta: 100_000, historyLimit: 40 });
    const longRun: RunSetup = { ...setup, termination: NEVER };
    await controller.start(1, longRun);
    await controller.settled();
    const direct = directSolver();
    direct.setTermination(NEVER);
    await direct.solve();

    expect([last().generation, last().bestCost]).toEqual([direct.generations, direct.bestEnergy]);
    expect(snapshots.flatMap((s) => s.history.generations)).toEqual(direct.energyHistory.map((_, g) => g));
    expect(snapshots.flatMap((s) => s.history.costs)).toEqual([...direct.energyHistory]);
    // The state carries the window: at least 40 generations, fewer than twice as many, ending at the last.
    const state = await controller.saveState();
    if (!state) throw new Error('no state');
    const start = state.history.start ?? 0;
    expect(state.history.y.length).toBeGreaterThanOrEqual(40);
    expect(state.history.y.length).toBeLessThan(80);
    expect(start + state.history.y.length - 1).toBe(direct.generations);
    expect(state.history.y.map(Number)).toEqual(direct.energyHistory.slice(start));
    // Its log is the log of that window, numbered as the run counted.
    const log = parseLog(formatRunLog(state, new Date(2026, 0, 2, 3, 4, 5)));
    expect(log.entries.map((entry) => entry.step)).toEqual(state.history.y.map((_, k) => start + k));
  });

  it('pauses, steps exactly, takes a new crossover probability and finishes as the same run driven by hand', async () => {
    const { controller, last } = harness();
    await controller.start(1, setup, 'step');
    expect(last().status).toBe('paused');
    expect(last().generation).toBe(0);
    await controller.step(2);
    await controller.step();
    expect(last().generation).toBe(3);
    expect(await controller.reconfigure({ options: { cross: 0.5 } })).toEqual({ ok: true });
    await controller.resume();
    await controller.settled();

    const direct = directSolver();
    for (let g = 0; g <= 3; g++) await direct.step();
    direct.setOptions({ cross: 0.5 });
    await direct.solve();
    expect(last().status).toBe('done');
    expect(last().bestCost).toBe(direct.bestEnergy);
    expect(last().bestX).toEqual(direct.bestSolution);
    expect(last().state?.solver.options['cross']).toBe(0.5);
  });

  it('answers pause between generations and resumes to the uninterrupted result', async () => {
    const { controller, last } = harness();
    const limits = { generations: 4000, evaluations: 1e9 };
    await controller.start(1, { ...setup, termination: NEVER, limits });
    await nextMacrotask();
    await controller.pause();
    const paused = last();
    expect(paused.status).toBe('paused');
    expect(paused.generation).toBeGreaterThanOrEqual(0);
    expect(paused.generation).toBeLessThan(4000);
    expect(paused.state?.history.y.length).toBe(paused.generation + 1);
    await controller.resume();
    await controller.settled();

    const direct = directSolver();
    direct.setTermination(NEVER);
    direct.setEvaluationLimits(limits);
    await direct.solve();
    expect(last().bestCost).toBe(direct.bestEnergy);
    expect(last().generation).toBe(4000);
  });

  it('sends a new status before the checkpoint, so Pause does not wait for the state of a long run', async () => {
    const { controller, snapshots } = harness();
    await controller.start(1, { ...setup, termination: NEVER, limits: { generations: 4000, evaluations: 1e9 } });
    await nextMacrotask();
    await controller.pause();
    const first = snapshots.findIndex((s) => s.status === 'paused');
    const announced = snapshots[first] as RunSnapshot;
    const checkpoint = snapshots[first + 1] as RunSnapshot;
    expect(announced.state).toBeUndefined();
    expect(checkpoint).toMatchObject({ status: 'paused', generation: announced.generation });
    expect(checkpoint.state?.history.y.length).toBe(announced.generation + 1);
    expect(snapshots).toHaveLength(first + 2);
  });

  it('thins history deltas and throttles snapshots while running', async () => {
    const { controller, snapshots } = harness({ maxHistoryDelta: 5, snapshotIntervalMs: 50 });
    const started = performance.now();
    await controller.start(1, { ...setup, termination: NEVER, limits: { generations: 3000 } });
    await controller.settled();
    const seconds = (performance.now() - started) / 1000;
    const running = snapshots.filter((s) => s.status === 'running');
    // 20 a second at most, plus the one that announces the status.
    expect(running.length).toBeLessThanOrEqual(Math.ceil(seconds * 20) + 2);
    for (const s of snapshots) expect(s.history.costs.length).toBeLessThanOrEqual(5);
    expect(snapshots.flatMap((s) => s.history.generations).at(-1)).toBe(3000);
  });

  it('pauses on an objective error with the message, point and line, and continues bit for bit from the checkpoint once fixed', async () => {
    // Checkpoints as often as they cost (not 5 % of the time), so one falls between generation 0 and the
    // failure at generation 30 however fast the machine runs those.
    const { controller, last } = harness({ checkpointShare: 1 });
    await controller.start(1, { ...setup, source: failingAfter600 });
    await controller.settled();
    const failed = last();
    const checkpoint = failed.state;
    expect(failed.status).toBe('error');
    expect(failed.error?.kind).toBe('objective');
    expect(failed.error?.message).toContain('sensor offline');
    expect(failed.error?.point).toHaveLength(3);
    expect(failed.error?.line).toBe(7);
    // The run went back to its last checkpoint, which came before the failure.
    expect(failed.generation).toBe((checkpoint?.history.y.length ?? 0) - 1);
    expect(failed.generation).toBeGreaterThan(0);
    expect(failed.evaluations).toBeLessThanOrEqual(600);

    expect(await controller.reconfigure({ source: rosenbrock })).toEqual({ ok: true });
    expect(last().status).toBe('paused');
    await controller.resume();
    await controller.settled();
    const direct = directSolver();
    await direct.solve();
    expect(last().status).toBe('done');
    expect(last().bestCost).toBe(direct.bestEnergy);
    expect(last().bestX).toEqual(direct.bestSolution);
    expect(last().evaluations).toBe(direct.evaluations);
  });

  it('restores a saved state in another controller and finishes as the uninterrupted run', async () => {
    const first = harness();
    await first.controller.start(1, setup, 'step');
    await first.controller.step(9);
    const state = JSON.parse(JSON.stringify(await first.controller.saveState()));
    const check = checkStateText(JSON.stringify(state));
    expect(check.ok).toBe(true);

    const second = harness({ maxHistoryDelta: 100_000 });
    expect(await second.controller.restore(5, state)).toEqual({ ok: true });
    expect(second.last()).toMatchObject({ runId: 5, status: 'paused', generation: 9 });
    expect(second.last().history.costs).toHaveLength(10);
    await second.controller.resume();
    await second.controller.settled();
    const direct = directSolver();
    await direct.solve();
    expect(second.last().bestCost).toBe(direct.bestEnergy);
    expect(second.last().bestX).toEqual(direct.bestSolution);
  });

  it('keeps the current run when a new setup is refused', async () => {
    const { controller, last } = harness();
    await controller.start(1, setup, 'step');
    const reply = await controller.start(2, { ...setup, termination: 'VTR(' });
    expect(reply.ok).toBe(false);
    expect(last()).toMatchObject({ status: 'error', runId: 1, generation: 0, error: { kind: 'option', field: 'termination' } });
    const bad = await controller.start(3, { ...setup, source: 'export default {' });
    expect(bad.ok).toBe(false);
    expect(last().error?.kind).toBe('parse');
    expect(last().error?.line).toBeGreaterThan(0);
    await controller.step();
    expect(last()).toMatchObject({ status: 'paused', runId: 1, generation: 1 });
  });

  it('refuses a wrong option without changing the run', async () => {
    const { controller, last } = harness();
    await controller.start(1, setup, 'step');
    const reply = await controller.reconfigure({ options: { cross: 2 }, termination: 'VTR(0.5)' });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'option', field: 'cross' } });
    const state = await controller.saveState();
    expect(state?.solver.options['cross']).toBe(0.9);
    expect(state?.settings.termination).toBe('VTR(1e-10)');
    expect(last().status).toBe('paused');
  });

  it('stops with SolverInterrupt and can still resume', async () => {
    const { controller, last } = harness();
    await controller.start(1, setup, 'step');
    await controller.stop();
    expect(last().status).toBe('done');
    expect(last().message).toContain('SolverInterrupt');
    await controller.resume();
    await controller.settled();
    expect(last().status).toBe('done');
    expect(last().message).not.toContain('SolverInterrupt');
  });

  it('continues from the best point with Nelder–Mead, numbering on', async () => {
    const { controller, last } = harness();
    await controller.start(1, { ...setup, termination: 'VTR(0.5)' });
    await controller.settled();
    const de = last();
    expect(de.status).toBe('done');
    await controller.continueWith('nm', { changes: { termination: 'CandidateRelativeTolerance(1e-10, 1e-10)' } });
    await controller.settled();
    const nm = last();
    expect(nm.solverId).toBe('nm');
    expect(nm.status).toBe('done');
    expect(nm.generation).toBeGreaterThan(de.generation);
    expect(nm.evaluations).toBeGreaterThan(de.evaluations);
    expect(nm.bestCost).toBeLessThan(Math.min(de.bestCost, 1e-8));
    expect(nm.state?.solver.id).toBe('nm');
  });

  it('sends per-member traces for ensembles', async () => {
    const { controller, snapshots, last } = harness();
    await controller.start(1, { source: rosenbrock, solverId: 'buckshot', seed: 3, options: { npts: 4 }, limits: { generations: 30 } });
    await controller.settled();
    expect(last().status).toBe('done');
    const members = new Set(snapshots.flatMap((s) => s.members ?? []).map((m) => m.member));
    expect([...members].sort()).toEqual([0, 1, 2, 3]);
  });

  it('resets to idle', async () => {
    const { controller, last } = harness();
    await controller.start(1, setup, 'step');
    await controller.reset(2);
    expect(last()).toMatchObject({ status: 'idle', runId: 2, generation: -1, solverId: undefined });
    expect((await controller.resume()).ok).toBe(false);
  });
});

describe('run helpers', () => {
  it('thins a range evenly, keeping both ends', () => {
    expect(thinnedRange(3, 6, 10)).toEqual([3, 4, 5]);
    expect(thinnedRange(0, 101, 5)).toEqual([0, 25, 50, 75, 100]);
  });

  it('writes the log mystic reads back', async () => {
    const { controller } = harness();
    await controller.start(1, setup);
    await controller.settled();
    const state = await controller.saveState();
    if (!state) throw new Error('no state');
    const log = parseLog(formatRunLog(state, new Date(2026, 0, 2, 3, 4, 5)));
    expect(log.entries).toHaveLength(state.history.y.length);
    expect(log.entries.at(-1)?.cost).toBe(state.history.y.at(-1));
    expect(log.stop).toBe(state.stopMessage);
  });

  it('lists every malformed field of a state file', () => {
    const check = checkStateText(JSON.stringify({ format: 'sibyl.solver-state', version: 1, rng: [1], counters: {} }));
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems.length).toBeGreaterThan(3);
    expect(check.problems.some((p) => p.includes("'rng'"))).toBe(true);
    expect(checkStateText('{').ok).toBe(false);
  });
});

describe('constraints and penalties as text', () => {
  it('applies symbolic constraints and penalties from the setup, and names the field of a wrong one', async () => {
    const { controller, last } = harness();
    await controller.start(1, { ...setup, termination: 'VTR(1e-10)', constraints: 'x0 = 0.5' });
    await controller.settled();
    expect(last().status).toBe('done');
    expect(last().bestX[0]).toBe(0.5);
    expect(last().state?.problem?.constraints).toBe('x0 = 0.5');

    const penalized = harness();
    await penalized.controller.start(1, { ...setup, penalties: 'x0 >= 1.5', termination: '', limits: { generations: 200 } });
    await penalized.controller.settled();
    expect(penalized.last().bestX[0]).toBeGreaterThan(1.2);
    expect(penalized.last().bestCost).toBeGreaterThan(penalized.last().bestRawCost);

    const reply = await controller.start(2, { ...setup, constraints: 'x0 = = 1' });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'option', field: 'constraints' } });
  });
});
