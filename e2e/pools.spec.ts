import { expect, test } from '@playwright/test';

/** What harness/pools.html publishes on `window.__poolContract` (e2e imports nothing from src/ or harness/). */
interface PoolContractReport {
  done: boolean;
  outcomes: { name: string; passed: boolean; error?: string; ms: number }[];
  error?: string;
}

const report = () => (globalThis as unknown as { __poolContract?: PoolContractReport }).__poolContract;

test.describe('pools in Chromium', () => {
  test('SerialPool and a WorkerPool of Web Workers pass the pool contract', async ({ page }) => {
    test.setTimeout(180_000);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto('/harness/pools.html');
    await page.waitForFunction(() => (globalThis as unknown as { __poolContract?: { done: boolean } }).__poolContract?.done === true, undefined, {
      timeout: 170_000,
    });
    const result = (await page.evaluate(report)) as PoolContractReport;
    expect(result.error, 'the page runner itself failed').toBeUndefined();
    const failures = result.outcomes.filter((outcome) => !outcome.passed).map((outcome) => `${outcome.name}: ${outcome.error ?? ''}`);
    expect(failures, `failed contract tests:\n${failures.join('\n')}`).toEqual([]);
    // Both pools ran the whole suite, the isolated-only tests included for the WorkerPool.
    const serial = result.outcomes.filter((outcome) => outcome.name.startsWith('SerialPool (pool contract)'));
    const workers = result.outcomes.filter((outcome) => outcome.name.startsWith('WorkerPool (Web Workers) (pool contract)'));
    expect(serial.length).toBeGreaterThan(20);
    expect(workers.length).toBeGreaterThan(serial.length);
    expect(workers.map((outcome) => outcome.name)).toContain('WorkerPool (Web Workers) (pool contract) > failures > a worker that dies mid-batch is replaced, and the chunk rejected after its retries');
    await expect(page.locator('#status')).toHaveText(`${result.outcomes.length} passed, 0 failed`);
    expect(pageErrors).toEqual([]);
  });
});
