import { expect, sources, test } from './fixtures/studio';

test.describe('run errors', () => {
  test('an objective that throws pauses the run with the message, the point and the line; fixed, it resumes', async ({ studio, page }) => {
    await studio.setSource(sources.failing);
    await studio.setField('seed', '21');
    await studio.button('solve').click();
    await studio.expectStatus('error');
    await expect(studio.error).toContainText('sensor offline');
    await expect(studio.error).toContainText('x = [');
    await expect(studio.error).toContainText('line 8');
    expect(await studio.diagnostics()).toEqual([expect.objectContaining({ line: 8, source: 'run' })]);
    const kept = await studio.generation();
    expect(kept).toBeGreaterThanOrEqual(0);

    await studio.setSource(sources.rosenbrock);
    await studio.button('resume').click();
    await studio.expectStatus('done');
    expect(await studio.generation()).toBeGreaterThan(kept);
    await expect(studio.error).toHaveCount(0);
    expect(await studio.diagnostics()).toEqual([]);
    await expect(page.getByTestId('run.best-cost')).not.toHaveText('—');
  });

  test('a hung objective is ended by the watchdog while the page answers, and the run resumes', async ({ studio, page }) => {
    await studio.setSource(sources.hanging);
    await studio.setField('seed', '8');
    await studio.setField('termination', 'VTR(0, -1)');
    await studio.setField('watchdog', '2');
    await studio.button('solve').click();
    await studio.expectStatus('running');

    // The page answers while the worker is stuck.
    const html = page.locator('html');
    const before = await html.getAttribute('data-theme');
    await page.getByTestId('theme.toggle').click();
    await expect(html).not.toHaveAttribute('data-theme', before ?? '', { timeout: 500 });
    await expect(studio.status).toHaveText('running');

    await studio.expectStatus('error', 10_000);
    await expect(studio.error).toContainText('did not return within 2 s');
    await expect(studio.error).toContainText('Resume continues from generation');

    await studio.setSource(sources.rosenbrock);
    await studio.button('resume').click();
    await studio.expectStatus('done');
    await expect(studio.error).toHaveCount(0);
  });
});
