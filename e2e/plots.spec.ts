import type { Page } from '@playwright/test';
import { expect, sources, test } from './fixtures/studio';

/** What plotly holds for a plot: its public `data` and the axis types and colours it resolved. */
interface DrawnPlot {
  traces: { type: string; points: number; z?: number }[];
  yAxisType: string;
  fontColor: string;
}

/** The graph div plotly draws into, as far as these tests read it. */
interface GraphDiv {
  data?: { type?: string; x?: ArrayLike<unknown>; z?: ArrayLike<unknown> }[];
  _fullLayout?: { yaxis?: { type?: string }; font?: { color?: string } };
}

/** Read the plot inside a container from the plotly graph div (black box: only what plotly exposes on the element). */
function drawn(page: Page, testId: string): Promise<DrawnPlot | undefined> {
  return page.evaluate((id) => {
    // This runs in the page; the e2e tsconfig has Node's types, not the DOM's.
    const { document } = globalThis as unknown as { document: { querySelector(selector: string): GraphDiv | null } };
    const graph = document.querySelector(`[data-testid="${id}"] .js-plotly-plot`);
    if (!graph?.data || !graph._fullLayout) return undefined;
    return {
      traces: graph.data.map((trace) => ({ type: trace.type ?? 'scatter', points: trace.x?.length ?? 0, ...(trace.z ? { z: trace.z.length } : {}) })),
      yAxisType: graph._fullLayout.yaxis?.type ?? '',
      fontColor: graph._fullLayout.font?.color ?? '',
    };
  }, testId);
}

/** Points of the best-cost trace (the convergence plot's last trace). */
async function convergencePoints(page: Page): Promise<number> {
  return (await drawn(page, 'plot.convergence'))?.traces.at(-1)?.points ?? 0;
}

const peaks2d = `import { peaks } from 'sibyl/models';

export default {
  name: 'Peaks',
  dim: 2,
  bounds: [[-3, 3], [-3, 3]],
  objective: (x: number[]): number => peaks(x),
};
`;

test.describe('plots', () => {
  // Plots off-screen are not drawn: a page tall enough to show them beside the run controls.
  test.use({ viewport: { width: 1400, height: 2000 } });

  test('the convergence plot gains points while the run goes, and the log toggle switches the y-axis', async ({ studio, page }) => {
    await studio.setSource(sources.slowRosenbrock);
    await studio.setField('seed', '7');
    // Never met (costs are ≥ 0): the run goes to the limit, 451 points, fewer than a trace's cap of 500.
    await studio.setField('termination', 'VTR(0, -1)');
    await studio.setField('max-generations', '450');
    await studio.button('solve').click();
    await studio.expectStatus('running');

    const seen: number[] = [];
    while ((await studio.status.textContent()) === 'running' && seen.length < 600) {
      seen.push(await convergencePoints(page));
      await page.waitForTimeout(40);
    }
    await studio.expectStatus('done');
    const growing = [...new Set(seen.filter((n) => n > 0))];
    expect(growing.length, `point counts seen while running: ${growing.join(', ')}`).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < growing.length; i++) expect(growing[i]).toBeGreaterThan(growing[i - 1] as number);

    // Once done, the plot reaches the last generation.
    const generation = await studio.generation();
    await expect.poll(() => convergencePoints(page), { timeout: 15_000 }).toBe(generation + 1);

    const toggle = page.getByTestId('plot.convergence.log');
    await expect(toggle).toBeChecked();
    await expect.poll(async () => (await drawn(page, 'plot.convergence'))?.yAxisType).toBe('log');
    await toggle.uncheck();
    await expect.poll(async () => (await drawn(page, 'plot.convergence'))?.yAxisType).toBe('linear');
    await toggle.check();
    await expect.poll(async () => (await drawn(page, 'plot.convergence'))?.yAxisType).toBe('log');

    // One trace per parameter, each reaching the last generation too.
    const parameters = await drawn(page, 'plot.parameters');
    expect(parameters?.traces.map((trace) => trace.points)).toEqual([generation + 1, generation + 1, generation + 1]);
  });

  test('the population plot shows NP points for DE, on the axes chosen', async ({ studio, page }) => {
    await studio.setSource(sources.rosenbrock);
    await page.getByTestId('solver.select').selectOption('de');
    await studio.setField('npop', '24');
    await studio.setField('seed', '3');
    await studio.button('solve').click();
    await studio.expectStatus('done');

    const population = page.getByTestId('plot.population');
    await expect.poll(async () => (await drawn(page, 'plot.population'))?.traces[0]?.points, { timeout: 15_000 }).toBe(24);
    // The markers are really drawn: 24 in the population trace, and the best point's star.
    await expect(population.locator('.scatterlayer .trace').first().locator('path.point')).toHaveCount(24);
    await expect(population.locator('.scatterlayer .trace').nth(1).locator('path.point')).toHaveCount(1);

    await population.getByTestId('plot.population.x').selectOption('2');
    await population.getByTestId('plot.population.y').selectOption('cost');
    await expect(population.locator('.xtitle')).toHaveText('x2');
    await expect(population.locator('.ytitle')).toHaveText('cost');
    await expect(population.locator('.scatterlayer .trace').first().locator('path.point')).toHaveCount(24);
  });

  test('a 2-D problem gets the objective’s contour with the path of the best point', async ({ studio, page }) => {
    await studio.setSource(peaks2d);
    await page.getByTestId('solver.select').selectOption('de');
    await studio.setField('seed', '5');
    await studio.button('solve').click();
    await studio.expectStatus('done');

    const contour = page.getByTestId('plot.contour');
    await expect(contour).toBeVisible();
    await expect.poll(async () => (await drawn(page, 'plot.contour'))?.traces[0], { timeout: 15_000 }).toEqual({ type: 'contour', points: 41, z: 41 });
    await expect(contour.locator('.contourlayer path').first()).toBeAttached();
    // The grid may be drawn before the run's path reaches the plot: the path comes with a later redraw.
    const types = async () => ((await drawn(page, 'plot.contour'))?.traces ?? []).map((trace) => trace.type);
    await expect.poll(types, { timeout: 15_000 }).toEqual(['contour', 'scatter', 'scatter', 'scatter']);
    const traces = (await drawn(page, 'plot.contour'))?.traces ?? [];
    expect(traces[1]?.points).toBeGreaterThan(1);
  });

  test('a plot scrolled out of view is not redrawn until it shows again', async ({ studio, page }) => {
    await page.setViewportSize({ width: 1400, height: 700 });
    await studio.setSource(sources.rosenbrock);
    await studio.setField('seed', '2');
    await studio.button('solve').click();
    await studio.expectStatus('done');
    const generation = await studio.generation();
    // The plots are below the fold: the run ended without them being drawn.
    await expect(page.getByTestId('plot.convergence')).not.toBeInViewport();
    expect(await convergencePoints(page)).toBe(0);
    await page.getByTestId('plot.convergence').scrollIntoViewIfNeeded();
    await expect.poll(() => convergencePoints(page), { timeout: 15_000 }).toBe(generation + 1);
  });

  test('a problem that is not 2-D has no contour, and the plots follow the theme', async ({ studio, page }) => {
    await studio.setSource(sources.rosenbrock);
    await studio.button('solve').click();
    await studio.expectStatus('done');
    await expect(page.getByTestId('plot.contour')).toHaveCount(0);

    await expect.poll(async () => (await drawn(page, 'plot.convergence'))?.fontColor, { timeout: 15_000 }).toMatch(/^rgba/);
    const before = (await drawn(page, 'plot.convergence'))?.fontColor;
    await page.getByTestId('theme.toggle').click();
    await expect.poll(async () => (await drawn(page, 'plot.convergence'))?.fontColor, { timeout: 15_000 }).not.toBe(before);
  });
});
