import { expect, test } from '@playwright/test';

test('the server serves the page and it lists the solvers', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('placeholder.status')).toContainText('command line');
  await expect(page.getByTestId('placeholder.solvers').locator('li')).toHaveCount(7);
});
