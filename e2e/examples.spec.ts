import { expect, test, type Page } from '@playwright/test';

/** Monaco is a few megabytes of script, loaded after the page: allow for a busy machine. */
const MONACO_TIMEOUT = 30_000;

/** The gallery (?example=ID), setup parameters in the address, and share links. */

/** What each example opens with (its problem's name and its setup), as DESIGN.md's ids promise. */
const gallery = [
  { id: 'rosenbrock', name: 'Rosenbrock 3-D', solver: 'de', npop: '30', seed: '123', termination: 'VTR(0.0001)' },
  { id: 'chebyshev8', name: 'Chebyshev 8 fit', solver: 'de', npop: '90', seed: '123', termination: 'VTR(0.01)' },
  { id: 'zimmermann', name: 'Zimmermann', solver: 'de', npop: '20', seed: '123', termination: 'VTR(1e-7)' },
  { id: 'corana', name: 'Corana 4-D', solver: 'de', npop: '40', seed: '123', termination: 'VTR(1e-8)' },
  { id: 'griewangk', name: 'Griewangk 10-D', solver: 'de', npop: '50', seed: '123', termination: 'VTR(1e-6)' },
  { id: 'peaks', name: 'Peaks', solver: 'de', npop: '20', seed: '123', termination: 'ChangeOverGeneration(1e-10, 50)' },
  { id: 'decay', name: 'Silver decay', solver: 'de', npop: '50', seed: '123', termination: 'ChangeOverGeneration(1e-8, 100)' },
  { id: 'lp', name: 'Linear program', solver: 'de2', npop: '40', seed: '123', termination: 'ChangeOverGeneration(1e-8, 100)' },
  { id: 'qp', name: 'Quadratic program', solver: 'de2', npop: '40', seed: '123', termination: 'ChangeOverGeneration(1e-10, 50)' },
  { id: 'integer', name: 'Integer program', solver: 'de2', npop: '20', seed: '123', termination: 'ChangeOverGeneration(1e-6, 50)' },
  { id: 'mean-spread', name: 'Mean and spread', solver: 'nm', npop: '', seed: '123', termination: 'CandidateRelativeTolerance(0.0001, 0.0001)' },
  { id: 'ensemble', name: 'Schwefel 2-D', solver: 'lattice', npop: '', seed: '123', termination: 'NormalizedChangeOverGeneration(0.0001, 10)' },
];

/** The problem source, through the studio's script API (window.__studio). */
function editorSource(page: Page): Promise<string> {
  return page.evaluate(() => (window as unknown as { __studio: { getState(): { source: string } } }).__studio.getState().source);
}

async function expectSetup(page: Page, setup: { solver: string; npop: string; seed: string; termination: string }): Promise<void> {
  await expect(page.getByTestId('solver.select')).toHaveValue(setup.solver);
  await expect(page.getByTestId('setup.npop')).toHaveValue(setup.npop);
  await expect(page.getByTestId('setup.seed')).toHaveValue(setup.seed);
  await expect(page.getByTestId('setup.termination')).toHaveValue(setup.termination);
}

for (const example of gallery) {
  test(`?example=${example.id} opens the problem with its setup, and it type-checks`, async ({ page }) => {
    await page.goto(`/?example=${example.id}`);
    await expect(page.getByTestId('editor').locator('.monaco-editor .view-lines')).toContainText(example.name, { timeout: MONACO_TIMEOUT });
    await expectSetup(page, example);
    await expect(page.getByTestId('editor.status')).toHaveText('The module loads and type-checks.', { timeout: MONACO_TIMEOUT });
    await expect(page.getByTestId('run.solve')).toBeEnabled();
  });
}

test('the gallery menu opens an example and puts it in the address', async ({ page }) => {
  await page.goto('/?example=rosenbrock');
  await expect(page.getByTestId('solver.select')).toHaveValue('de');
  await page.getByTestId('examples.select').selectOption('mean-spread');
  await expect(page).toHaveURL(/\?example=mean-spread$/);
  await expectSetup(page, gallery.find((e) => e.id === 'mean-spread')!);
  await expect(page.getByTestId('editor').locator('.monaco-editor .view-lines')).toContainText('Mean and spread', { timeout: MONACO_TIMEOUT });
});

test('query parameters prefill the setup', async ({ page }) => {
  const termination = 'Or(VTR(1e-8), ChangeOverGeneration(1e-9, 40))';
  await page.goto(`/?example=rosenbrock&solver=nm&seed=7&npop=12&workers=3&termination=${encodeURIComponent(termination)}`);
  await expectSetup(page, { solver: 'nm', npop: '12', seed: '7', termination });
  await expect(page.getByTestId('setup.workers')).toHaveValue('3');
  await expect(page.getByTestId('examples.message')).toHaveCount(0);
});

test('bad parameters say why and fall back', async ({ page }) => {
  await page.goto('/?example=rosenbrock&seed=abc&solver=bfgs&termination=VTR(');
  const message = page.getByTestId('examples.message');
  await expect(message).toContainText('seed=abc is not a whole number');
  await expect(message).toContainText('solver=bfgs is not a solver');
  await expect(message).toContainText('termination=VTR( does not parse');
  await expectSetup(page, gallery[0]!);
  await page.getByTestId('examples.dismiss').click();
  await expect(message).toHaveCount(0);

  await page.goto('/?example=nope');
  await expect(page.getByTestId('examples.message')).toContainText('There is no example "nope"');
});

test('a bad setup value is shown beside its field and blocks Solve', async ({ page }) => {
  await page.goto('/?example=rosenbrock');
  // The bounds are checked against the module's dimension, known once the module has loaded.
  await expect(page.getByTestId('editor.status')).toHaveText('The module loads and type-checks.', { timeout: MONACO_TIMEOUT });
  await expect(page.getByTestId('run.solve')).toBeEnabled();
  await page.getByTestId('setup.bounds').fill('-2:2, 0:1');
  await expect(page.getByTestId('setup.panel')).toContainText('The bounds have 2 pairs but the problem has dim 3.');
  await expect(page.getByTestId('run.solve')).toBeDisabled();
  await expect(page.getByTestId('run.blocker')).toHaveText('The bounds have 2 pairs but the problem has dim 3.');
  await page.getByTestId('setup.bounds').fill('-3:3');
  await expect(page.getByTestId('run.solve')).toBeEnabled();

  await page.getByTestId('setup.termination').fill('Or(VTR(0.01), ChangeOverGeneration(1e-6, 30)');
  await expect(page.getByTestId('setup.panel')).toContainText("Unclosed '(' of Or at column 3");
  await expect(page.getByTestId('run.solve')).toBeDisabled();
  await page.getByTestId('setup.termination-preset').selectOption({ label: 'Value to reach: VTR(0.005)' });
  await expect(page.getByTestId('setup.termination')).toHaveValue('VTR(0.005)');

  await page.getByTestId('setup.seed').fill('1.5');
  await expect(page.getByTestId('setup.panel')).toContainText('The seed must be a whole number, got "1.5".');
  await expect(page.getByTestId('run.solve')).toBeDisabled();
  await page.getByTestId('setup.seed').fill('15');
  await expect(page.getByTestId('run.solve')).toBeEnabled();

  await page.getByTestId('setup.penalties').fill('x0 + x1 <= 1\nx0 +* 2 >= 1');
  await expect(page.getByTestId('setup.panel')).toContainText('Line 2, column 5');
  await expect(page.getByTestId('run.solve')).toBeDisabled();
  await page.getByTestId('setup.penalties').fill('');
  await expect(page.getByTestId('run.solve')).toBeEnabled();
});

test('a share link reproduces the source and every setting in a fresh browser', async ({ page, browser }) => {
  await page.goto('/?example=lp');
  await expect(page.getByTestId('editor').locator('.monaco-editor .view-lines')).toContainText('Linear program', { timeout: MONACO_TIMEOUT });
  await page.getByTestId('editor').locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('\n// shared with a colleague');
  await page.getByTestId('setup.seed').fill('99');
  await page.getByTestId('setup.termination').fill('Or(VTR(1e-9, -22), ChangeOverGeneration(1e-8, 80))');
  await page.getByTestId('setup.option.cross').fill('0.7');
  await page.getByTestId('setup.x0').fill('0, 0');
  await page.getByTestId('setup.max-generations').fill('900');

  // The address no longer claims to show the example or its seed: a reload keeps these edits.
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);

  await page.getByTestId('share.copy').click();
  const link = await page.getByTestId('share.link').inputValue();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#problem=[A-Za-z0-9_-]+$/);
  const source = await editorSource(page);
  expect(source).toContain('// shared with a colleague');

  // A new context has its own (empty) storage: only the link can bring the problem back.
  const context = await browser.newContext();
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByTestId('editor').locator('.monaco-editor .view-lines')).toContainText('shared with a colleague', { timeout: MONACO_TIMEOUT });
  expect(await editorSource(other)).toBe(source);
  await expectSetup(other, { solver: 'de2', npop: '40', seed: '99', termination: 'Or(VTR(1e-9, -22), ChangeOverGeneration(1e-8, 80))' });
  await expect(other.getByTestId('setup.option.cross')).toHaveValue('0.7');
  await expect(other.getByTestId('setup.x0')).toHaveValue('0, 0');
  await expect(other.getByTestId('setup.max-generations')).toHaveValue('900');
  await expect(other.getByTestId('examples.message')).toHaveCount(0);
  await context.close();
});

test('a damaged share link says so', async ({ page }) => {
  await page.goto('/#problem=AAAA');
  await expect(page.getByTestId('examples.message')).toContainText('The shared link is damaged');
});
