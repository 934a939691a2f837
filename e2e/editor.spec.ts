import { expect, test, type Page } from '@playwright/test';

/** Monaco is a few megabytes of script, loaded after the page: allow for a busy machine. */
const MONACO_TIMEOUT = 30_000;

/** The problem editor: Monaco with the library's types, live diagnostics, and Solve blocked by errors. */

const OK_STATUS = 'The module loads and type-checks.';

async function openEditor(page: Page): Promise<void> {
  await page.goto('/?example=rosenbrock');
  await expect(page.getByTestId('editor').locator('.monaco-editor .view-lines')).toContainText('Rosenbrock', { timeout: MONACO_TIMEOUT });
  await expect(page.getByTestId('editor.status')).toHaveText(OK_STATUS, { timeout: MONACO_TIMEOUT });
}

/** Put the cursor at the end of the module and type there. */
async function typeAtEnd(page: Page, text: string): Promise<void> {
  await page.getByTestId('editor').locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(text);
}

test('a syntax error is marked and blocks Solve with the reason; fixing it unblocks Solve', async ({ page }) => {
  await openEditor(page);
  await expect(page.getByTestId('run.solve')).toBeEnabled();

  await typeAtEnd(page, '\nconst broken = ;');
  const editor = page.getByTestId('editor');
  await expect(editor.locator('.squiggly-error').first()).toBeVisible();
  await expect(page.getByTestId('editor.status')).toContainText('Problem module, line 11');
  await expect(page.getByTestId('editor.status')).toContainText('Expression expected');
  await expect(page.getByTestId('run.solve')).toBeDisabled();
  await expect(page.getByTestId('run.step')).toBeDisabled();
  await expect(page.getByTestId('run.blocker')).toContainText('Problem module, line 11');

  // Fix it: remove the bad line again.
  await page.keyboard.press('Shift+Home');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await expect(page.getByTestId('editor.status')).toHaveText(OK_STATUS);
  await expect(editor.locator('.squiggly-error')).toHaveCount(0);
  await expect(page.getByTestId('run.solve')).toBeEnabled();
  await expect(page.getByTestId('run.blocker')).toHaveCount(0);
});

test('a type error and a module without an objective are marked too', async ({ page }) => {
  await openEditor(page);
  await typeAtEnd(page, "\nconst wrong: number = 'text';");
  await expect(page.getByTestId('editor.status')).toContainText("Type 'string' is not assignable to type 'number'");
  await expect(page.getByTestId('run.solve')).toBeDisabled();
  await expect(page.getByTestId('run.blocker')).toContainText("Type 'string' is not assignable to type 'number'");
  await page.keyboard.press('Shift+Home');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await expect(page.getByTestId('editor.status')).toHaveText(OK_STATUS);

  // A module whose default export has no objective: the type check and the module loader both say so.
  await page.getByTestId('editor').locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('export default { dim: 2 };');
  await expect(page.getByTestId('editor.status')).toContainText('objective');
  await expect(page.getByTestId('run.solve')).toBeDisabled();
});

test('Ctrl+Enter in the editor solves instead of inserting a line, and a run blocked by an error can not continue', async ({ page }) => {
  await openEditor(page);
  const source = () => page.evaluate(() => (window as unknown as { __studio: { getState(): { source: string } } }).__studio.getState().source);
  const before = await source();
  await page.getByTestId('editor').locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByTestId('run.status')).toHaveText(/running|done/);
  await expect(page.getByTestId('run.status')).toHaveText('done', { timeout: 30_000 });
  expect(await source()).toBe(before);

  // An error in the module blocks Step and Resume of the run too: they would send the broken source.
  await typeAtEnd(page, '\nconst broken = ;');
  await expect(page.getByTestId('run.blocker')).toContainText('Expression expected');
  await expect(page.getByTestId('run.step')).toBeDisabled();
  await expect(page.getByTestId('run.resume')).toBeDisabled();
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByTestId('run.status')).toHaveText('done');
});

test("completion offers the models of 'sibyl/models'", async ({ page }) => {
  await openEditor(page);
  await page.getByTestId('editor').locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.type("import { ro } from 'sibyl/models';\n");
  // Back to just after "ro" on the first line.
  await page.keyboard.press('ControlOrMeta+Home');
  for (let i = 0; i < 'import { ro'.length; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Control+Space');
  const suggestions = page.locator('.monaco-editor .suggest-widget');
  await expect(suggestions).toBeVisible({ timeout: MONACO_TIMEOUT });
  await expect(suggestions).toContainText('rosen');
});

test('hovering a model shows its type from the generated declarations', async ({ page }) => {
  await openEditor(page);
  // Line 8 is `  objective: (x: number[]) => rosen(x),`: put the cursor on rosen and ask for its hover.
  await page.getByTestId('editor').locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+Home');
  for (let i = 1; i < 8; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  for (let i = 0; i < 'sen(x),'.length; i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ControlOrMeta+k');
  await page.keyboard.press('ControlOrMeta+i');
  const hover = page.locator('.monaco-editor .monaco-hover:not(.hidden)');
  await expect(hover).toContainText('rosen(x: readonly number[]): number', { timeout: MONACO_TIMEOUT });
  await expect(hover).toContainText("Rosenbrock's saddle");
});

test('the editor follows the dark theme', async ({ page }) => {
  await openEditor(page);
  const html = page.locator('html');
  if ((await html.getAttribute('data-theme')) !== 'dark') await page.getByTestId('theme.toggle').click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  const editor = page.getByTestId('editor').locator('.monaco-editor').first();
  await expect(editor).toHaveClass(/vs-dark/);
  // The editor takes the panel colour of the dark theme (styles/theme.css --surface #1a1e24).
  await expect(page.getByTestId('editor').locator('.monaco-editor-background').first()).toHaveCSS('background-color', 'rgb(26, 30, 36)');
  await page.getByTestId('theme.toggle').click();
  await expect(editor).not.toHaveClass(/vs-dark/);
});

test('Monaco is not in the first chunk, nothing is fetched from another origin, and nothing fails to load', async ({ page }) => {
  const foreign: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith('http://127.0.0.1')) foreign.push(request.url());
  });
  // The browser's own requests (the favicon) are not page requests, but a failure shows on the console.
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const html = await (await page.request.get('/')).text();
  const entry = /<script type="module"[^>]*src="([^"]+)"/.exec(html)?.[1];
  expect(entry).toBeTruthy();
  const firstChunk = await (await page.request.get(entry!)).text();
  expect(firstChunk).not.toContain('monaco-editor');
  expect(firstChunk).not.toContain('IStandaloneCodeEditor');
  await openEditor(page);
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
});
