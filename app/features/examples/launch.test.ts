import { describe, expect, it } from 'vitest';
import { getExample } from './examples';
import { currentQuery, planFromQuery, planFromShared, sharedSettings } from './launch';
import { decodeShare, encodeShare, type SharedProblem } from './share';
import type { SetupFields } from '../../store/setupSlice';

describe('query parameters', () => {
  it('open an example with its setup', () => {
    const plan = planFromQuery('?example=zimmermann');
    expect(plan.source).toBe(getExample('zimmermann').source);
    expect(plan.fileName).toBe('zimmermann.ts');
    expect(plan.setup).toMatchObject({ solverId: 'de', npop: 20, seed: 123, termination: 'VTR(1e-7)', maxGenerations: 2500, bounds: '' });
    expect(plan.setup.optionsBySolver).toEqual({ de: { strategy: 'Rand1Exp', cross: 0.3, scale: 1 } });
    expect(plan.messages).toEqual([]);
  });

  it('prefill the setup over an example', () => {
    const plan = planFromQuery('?example=rosenbrock&solver=nm&seed=7&npop=12&workers=3&termination=' + encodeURIComponent('Or(VTR(1e-8), ChangeOverGeneration(1e-9, 40))'));
    expect(plan.setup).toMatchObject({ solverId: 'nm', seed: 7, npop: 12, workers: 3, termination: 'Or(VTR(1e-8), ChangeOverGeneration(1e-9, 40))' });
    expect(plan.messages).toEqual([]);
  });

  it('skip bad values with a message each and keep the rest', () => {
    const plan = planFromQuery('?example=nope&solver=bfgs&seed=-1&npop=1.5&workers=0&termination=VTR(&sed=1');
    expect(plan.source).toBeUndefined();
    expect(plan.setup).toEqual({});
    expect(plan.messages).toHaveLength(6);
    expect(plan.messages[0]).toMatch(/no example "nope"/);
    expect(plan.messages[1]).toMatch(/solver=bfgs is not a solver/);
    expect(plan.messages[5]).toMatch(/termination=VTR\( does not parse \(.*column/);
  });
});

const state: SetupFields = {
  solverId: 'de2',
  optionsBySolver: { de2: { cross: 0.4 } },
  termination: 'VTR(0.001)',
  maxGenerations: 300,
  maxEvaluations: null,
  bounds: '-5:5',
  x0: '',
  constraints: 'x0 + x1 <= 1',
  penalties: '',
  seed: 42,
  npop: null,
  workers: 3,
  watchdogSeconds: 10,
};

describe('share links', () => {
  it('round-trip the source and every setting', async () => {
    const source = "import { rosen } from 'sibyl/models';\nexport default { dim: 2, objective: (x: number[]) => rosen(x) }; // ü €\n";
    const fragment = await encodeShare(source, sharedSettings(state));
    expect(fragment).toMatch(/^#problem=[A-Za-z0-9_-]+$/);
    const plan = planFromShared(await decodeShare(fragment));
    expect(plan.messages).toEqual([]);
    expect(plan.source).toBe(source);
    expect(plan.setup).toEqual({ ...state, optionsBySolver: { de2: { strategy: 'Best1Bin', cross: 0.4, scale: 0.8 } } });
  });

  it('say so when a link is damaged or foreign', async () => {
    await expect(decodeShare('#problem=not-base64-deflate')).rejects.toThrow(/damaged/);
    const foreign = await encodeShare('x', sharedSettings(state));
    const { v: _v, ...rest } = await decodeShare(foreign);
    const bytes = new TextEncoder().encode(JSON.stringify({ ...rest, v: 99 }));
    const compressed = new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
    const text = btoa(String.fromCharCode(...compressed)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    await expect(decodeShare(`#problem=${text}`)).rejects.toThrow(/another version of Sibyl .*field v/);
  });

  it('skip settings that do not check out and keep the rest', () => {
    const shared: SharedProblem = { v: 1, source: 's', ...sharedSettings(state), solver: 'de', options: { cross: 7 }, seed: 'x', workers: '' };
    const plan = planFromShared(shared);
    expect(plan.setup.solverId).toBe('de');
    expect(plan.setup.optionsBySolver).toEqual({ de: { strategy: 'Best1Bin', cross: 0.9, scale: 0.8 } });
    expect(plan.setup.seed).toBeUndefined();
    expect(plan.setup.workers).toBeUndefined();
    expect(plan.setup.maxGenerations).toBe(300);
    expect(plan.messages).toHaveLength(3);
  });
});

describe('the address follows the screen', () => {
  it('keeps the parameters that still hold and drops the ones the user changed', () => {
    const example = getExample('rosenbrock');
    const shown = { ...state, source: example.source, solverId: 'nm' as const, seed: 7 };
    expect(currentQuery('?example=rosenbrock&solver=nm&seed=7', shown)).toBe('?example=rosenbrock&solver=nm&seed=7');
    expect(currentQuery('?example=rosenbrock&solver=nm&seed=7', { ...shown, source: example.source + '// edited\n' })).toBe('?solver=nm&seed=7');
    expect(currentQuery('?example=rosenbrock&solver=de&seed=8&other=1', shown)).toBe('?example=rosenbrock&other=1');
    expect(currentQuery('?seed=7', { ...shown, seed: 8 })).toBe('');
  });
});
