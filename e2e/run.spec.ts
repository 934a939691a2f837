import { readFile } from 'node:fs/promises';
import { expect, sources, test } from './fixtures/studio';

test.describe('runs', () => {
  test('Solve finds the Rosenbrock minimum', async ({ studio, page }) => {
    await studio.setSource(sources.rosenbrock);
    await studio.setField('seed', '1234');
    await studio.setField('termination', 'VTR(1e-10)');
    await studio.button('solve').click();
    await studio.expectStatus('done');

    expect(Number(await studio.bestCost())).toBeLessThanOrEqual(1e-10);
    const x = JSON.parse(await studio.bestX()) as number[];
    expect(x).toHaveLength(3);
    for (const v of x) expect(Math.abs(v - 1)).toBeLessThan(1e-4);
    await expect(page.getByTestId('run.progress')).toHaveAttribute('value', '1');
    expect(Number(await page.getByTestId('run.evaluations').textContent())).toBeGreaterThan(0);
    await expect(page.getByTestId('run.message')).toContainText('VTR');
  });

  test('a long run keeps the main thread free: it only draws', async ({ studio, page }) => {
    await studio.setSource(sources.slowRosenbrock);
    await studio.setField('seed', '4');
    await studio.setField('termination', 'VTR(0, -1)');
    await studio.setField('max-generations', '600');
    // Let the lazy regions (editor, plots) finish loading first: their start-up is not the run's work.
    await page.waitForTimeout(3000);
    await page.evaluate(() => {
      const longTasks: number[] = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration))).observe({ type: 'longtask' });
      (window as unknown as { longTasks: number[] }).longTasks = longTasks;
    });
    const started = Date.now();
    await studio.button('solve').click();
    await studio.expectStatus('done');
    const runMs = Date.now() - started;
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    // Seconds of objective work ran in the worker: no main-thread task comes near the run's length. What long
    // tasks there are, are drawing (plot redraws); their share is recorded for the plots to be tuned against.
    expect(runMs).toBeGreaterThan(2000);
    expect(Math.max(0, ...longTasks)).toBeLessThan(runMs / 2);
    const busy = longTasks.reduce((sum, t) => sum + t, 0);
    test.info().annotations.push({ type: 'main thread', description: `long tasks ${Math.round(busy)} ms of a ${runMs} ms run, longest ${Math.round(Math.max(0, ...longTasks))} ms` });
  });

  test('Pause, three Steps (generation + 3 exactly), a new crossover probability, Resume to the end', async ({ studio, page }) => {
    await studio.setSource(sources.slowRosenbrock);
    await studio.setField('seed', '7');
    await studio.setField('termination', 'VTR(0, -1)');
    await studio.setField('max-generations', '1500');
    await studio.button('solve').click();
    await studio.expectStatus('running');
    await studio.button('pause').click();
    await studio.expectStatus('paused', 5_000);
    const paused = await studio.generation();
    expect(paused).toBeGreaterThanOrEqual(0);
    expect(paused).toBeLessThan(1500);

    for (let k = 1; k <= 3; k++) {
      await studio.button('step').click();
      await expect(page.getByTestId('run.generation')).toHaveText(String(paused + k));
      await studio.expectStatus('paused');
    }
    expect(await studio.generation()).toBe(paused + 3);

    await studio.setField('option.cross', '0.5');
    await studio.button('resume').click();
    await studio.expectStatus('done', 50_000);
    expect(await studio.generation()).toBe(1500);
    await expect(page.getByTestId('run.message')).toContainText('EvaluationLimits');
    // The run itself took the new value, not only the form.
    const saved = JSON.parse(await readFile((await (await studio.download('state.export')).path()) ?? '', 'utf8')) as {
      solver: { options: { cross: number } };
    };
    expect(saved.solver.options.cross).toBe(0.5);
  });

  test('a run on a pool of workers gives the result of a run evaluated inline', async ({ studio, page }) => {
    await studio.setSource(sources.rosenbrock);
    await page.getByTestId('solver.select').selectOption('de2');
    await studio.setField('seed', '5');
    await studio.setField('termination', 'VTR(1e-8)');
    const results: string[] = [];
    for (const workers of ['1', '2']) {
      if (results.length > 0) {
        await studio.button('reset').click();
        await studio.expectStatus('idle');
      }
      await studio.setField('workers', workers);
      await studio.button('solve').click();
      await studio.expectStatus('done');
      results.push(`${await studio.bestCost()} ${await studio.bestX()} ${await studio.generation()}`);
    }
    expect(results[1]).toBe(results[0]);
    expect(Number(await studio.bestCost())).toBeLessThanOrEqual(1e-8);
  });

  test('Ctrl+Enter solves, and Reset goes back to idle', async ({ studio, page }) => {
    await studio.setSource(sources.rosenbrock);
    await expect(studio.button('solve')).toBeEnabled();
    await page.getByTestId('run.panel').click();
    await page.keyboard.press('Control+Enter');
    await studio.expectStatus('done');
    await studio.button('reset').click();
    await studio.expectStatus('idle');
    await expect(page.getByTestId('run.generation')).toHaveText('—');
  });
});
