import { readFile } from 'node:fs/promises';
import { expect, sources, test } from './fixtures/studio';

test.describe('saved runs', () => {
  test('export, reload, import and continue: the same result as a run straight through', async ({ studio, page }, testInfo) => {
    await studio.setSource(sources.rosenbrock);
    await studio.setField('seed', '99');
    await studio.setField('termination', 'VTR(1e-12)');
    await studio.setField('max-generations', '400');
    await studio.button('solve').click();
    await studio.expectStatus('done');
    const straight = { cost: await studio.bestCost(), x: await studio.bestX(), generation: await studio.generation() };

    await studio.button('reset').click();
    await studio.expectStatus('idle');
    await studio.button('step').click();
    await expect(page.getByTestId('run.generation')).toHaveText('0');
    for (let k = 1; k <= 5; k++) {
      await studio.button('step').click();
      await expect(page.getByTestId('run.generation')).toHaveText(String(k));
    }
    const download = await studio.download('state.export');
    const file = testInfo.outputPath('rosenbrock.state.json');
    await download.saveAs(file);
    const saved = JSON.parse(await readFile(file, 'utf8')) as { format: string; problem: { source: string }; history: { y: unknown[] } };
    expect(saved.format).toBe('sibyl.solver-state');
    expect(saved.problem.source).toBe(sources.rosenbrock);
    expect(saved.history.y).toHaveLength(6);

    // A fresh page with another problem in the editor: the import brings back the editor text too.
    await page.reload();
    await studio.setSource(sources.slowRosenbrock);
    await page.getByTestId('state.import').setInputFiles(file);
    await studio.expectStatus('paused');
    expect(await studio.generation()).toBe(5);
    expect(await studio.source()).toBe(sources.rosenbrock);
    await expect(page.getByTestId('setup.seed')).toHaveValue('99');

    await studio.button('resume').click();
    await studio.expectStatus('done');
    expect(await studio.bestCost()).toBe(straight.cost);
    expect(await studio.bestX()).toBe(straight.x);
    expect(await studio.generation()).toBe(straight.generation);
  });

  test('an invalid state file lists what is wrong and changes nothing', async ({ studio, page }) => {
    await studio.setSource(sources.rosenbrock);
    await studio.button('step').click();
    await studio.button('step').click();
    await expect(page.getByTestId('run.generation')).toHaveText('1');
    const before = { cost: await studio.bestCost(), source: await studio.source() };

    const broken = JSON.stringify({ format: 'sibyl.solver-state', version: 1, savedAt: 'now', rng: [1, 2], counters: { evaluations: -1 } });
    await page.getByTestId('state.import').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
    const problems = page.getByTestId('state.error').locator('li');
    await expect(problems.first()).toBeVisible();
    expect(await problems.count()).toBeGreaterThan(2);
    await expect(page.getByTestId('state.error')).toContainText("'rng'");

    // Dropped on the drop zone, the same checks apply.
    const dropped = await page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['not json'], 'notes.json', { type: 'application/json' }));
      return transfer;
    });
    await page.getByTestId('state.drop').dispatchEvent('drop', { dataTransfer: dropped });
    await expect(page.getByTestId('state.error')).toContainText('not JSON');

    await expect(studio.status).toHaveText('paused');
    await expect(page.getByTestId('run.generation')).toHaveText('1');
    expect(await studio.bestCost()).toBe(before.cost);
    expect(await studio.source()).toBe(before.source);
    await expect(studio.error).toHaveCount(0);
  });

  test('after a reload the autosaved run is offered, restored and continued', async ({ studio, page }) => {
    await studio.setSource(sources.slowRosenbrock);
    await studio.setField('seed', '5');
    await studio.setField('termination', 'VTR(0, -1)');
    await studio.setField('max-generations', '600');
    await studio.button('solve').click();
    await expect.poll(() => studio.generation(), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    await studio.button('pause').click();
    await studio.expectStatus('paused');
    const paused = await studio.generation();
    const cost = await studio.bestCost();
    // The paused state reaches the database a moment after the status; the panel says when it has.
    await expect(page.getByTestId('autosave.status')).toContainText(`generation ${paused}.`);

    await page.reload();
    await studio.expectStatus('idle');
    await expect(page.getByTestId('autosave.offer')).toContainText(`generation ${paused}`);
    await page.getByTestId('autosave.restore').click();
    await studio.expectStatus('paused');
    expect(await studio.generation()).toBe(paused);
    expect(await studio.bestCost()).toBe(cost);
    await expect(page.getByTestId('autosave.offer')).toHaveCount(0);

    await studio.button('resume').click();
    await studio.expectStatus('done');
    expect(await studio.generation()).toBe(600);
  });

  test('the log exports in mystic format and a new run restarts from it', async ({ studio, page }, testInfo) => {
    await studio.setSource(sources.rosenbrock);
    await studio.setField('seed', '3');
    await studio.setField('termination', 'VTR(0.01)');
    await studio.button('solve').click();
    await studio.expectStatus('done');
    const download = await studio.download('log.export');
    const file = testInfo.outputPath('rosenbrock.log.txt');
    await download.saveAs(file);
    const log = await readFile(file, 'utf8');
    expect(log).toMatch(/^# .+\n# sibyl studio: Rosenbrock 3-D, solver de, seed 3\n# ___#___ {2}__ChiSquare__ {2}__params__\n {2}\(0,\) {5}/);
    expect(log).toContain('# STOP("');

    await studio.setField('termination', 'VTR(1e-8)');
    await page.getByTestId('log.restart').setInputFiles(file);
    await expect(page.getByTestId('state.notice')).toContainText('Restarting from the best');
    // The first run was done too: wait for the new one's result.
    await expect.poll(async () => Number(await studio.bestCost()), { timeout: 30_000 }).toBeLessThanOrEqual(1e-8);
    await studio.expectStatus('done');
  });
});
