import type { TestHarness } from './poolContract';

/** The outcome of one test run by a PageHarness. */
export interface TestOutcome {
  /** Names of the enclosing describes and of the test, joined by ' > '. */
  readonly name: string;
  readonly passed: boolean;
  /** The failure's message, when it failed. */
  readonly error?: string;
  readonly ms: number;
}

/**
 * A test runner small enough to live in a page: it collects describe/it/afterAll and runs the tests one after
 * the other. It lets the pool contract run in a browser (e.g. a test page that Playwright opens and asks for
 * `await harness.run()`), where vitest is not available.
 */
export class PageHarness implements TestHarness {
  private readonly tests: { name: string; body: () => Promise<void> }[] = [];
  private readonly cleanups: (() => Promise<void>)[] = [];
  private readonly path: string[] = [];

  readonly describe = (name: string, body: () => void): void => {
    this.path.push(name);
    try {
      body();
    } finally {
      this.path.pop();
    }
  };

  readonly it = (name: string, body: () => Promise<void>): void => {
    this.tests.push({ name: [...this.path, name].join(' > '), body });
  };

  readonly afterAll = (body: () => Promise<void>): void => {
    this.cleanups.push(body);
  };

  /** Run every test whose name contains `filter` (all by default), then the cleanups. */
  async run(filter = '', clock: () => number = Date.now): Promise<TestOutcome[]> {
    const outcomes: TestOutcome[] = [];
    for (const test of this.tests.filter((t) => t.name.includes(filter))) {
      const started = clock();
      try {
        await test.body();
        outcomes.push({ name: test.name, passed: true, ms: clock() - started });
      } catch (error) {
        outcomes.push({ name: test.name, passed: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error), ms: clock() - started });
      }
    }
    for (const cleanup of this.cleanups) await cleanup();
    return outcomes;
  }
}
