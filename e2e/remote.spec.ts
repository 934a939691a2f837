import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startStudioServer, type StudioServer } from './fixtures/server';
import { keyPair, sshdUnavailable, startSshd, type Sshd } from './fixtures/sshd';
import { Studio } from './fixtures/studio';

// Remote hosts from the studio: two real sshd on 127.0.0.1, a studio server of this spec's own (it needs a
// known_hosts file of its own), hosts added and their keys accepted in the hosts panel, and de2 runs
// through them that must end exactly where the same run evaluated inline ends: with every host, with one
// host killed mid-run, and across a restart of the relay.

/** Rosenbrock in 4-D with half a millisecond of busy work per evaluation, so a run lasts a few seconds. */
const busyRosenbrock = `import { rosen } from 'sibyl/models';

export default {
  name: 'Busy Rosenbrock',
  dim: 4,
  bounds: [[-2, 2], [-2, 2], [-2, 2], [-2, 2]],
  objective: (x: number[]): number => {
    const until = performance.now() + 0.5;
    while (performance.now() < until);
    return rosen(x);
  },
};
`;

const GENERATIONS = 300;
const unavailable = sshdUnavailable();

test.describe.configure({ mode: 'serial' });
test.skip(unavailable !== '', unavailable);

let folder: string;
let servers: Sshd[] = [];
let server: StudioServer | undefined;
let serverArgs: string[];
let page: Page;
let studio: Studio;
/** The inline run's result: every run through hosts must end here. */
let inline: { cost: string; x: string };

test.beforeAll(async ({ browser }) => {
  folder = mkdtempSync(join(tmpdir(), 'sibyl-e2e-remote-'));
  keyPair(join(folder, 'user_key'));
  servers = await Promise.all(['a', 'b'].map((name) => startSshd(join(folder, name), join(folder, 'user_key.pub'))));
  writeFileSync(join(folder, 'known_hosts'), '');
  serverArgs = ['--known-hosts', join(folder, 'known_hosts')];
  server = await startStudioServer(serverArgs);
  page = await browser.newPage();
  studio = new Studio(page);
  await page.goto(server.url);
  await expect(studio.status).toBeVisible();
});

test.afterAll(async () => {
  await page?.close();
  await server?.stop();
  await Promise.all(servers.map((s) => s.stop()));
  if (folder) rmSync(folder, { recursive: true, force: true });
});

function hostRow(target: string): Locator {
  return page.locator(`[data-testid="hosts.row"][data-host="${target}"]`);
}

/** Set up the de2 run every test makes, with `workers` local workers. */
async function setUpRun(workers: number): Promise<void> {
  await studio.setSource(busyRosenbrock);
  await page.getByTestId('solver.select').selectOption('de2');
  await studio.setField('seed', '2024');
  await studio.setField('npop', '16');
  await studio.setField('termination', 'VTR(0, -1)');
  await studio.setField('max-generations', String(GENERATIONS));
  await studio.setField('workers', String(workers));
}

async function result(): Promise<{ cost: string; x: string }> {
  return { cost: await studio.bestCost(), x: await studio.bestX() };
}

/** Solve, and return once the new run is past `generation` (and not done). */
async function solveUntilGeneration(generation: number): Promise<void> {
  await studio.button('solve').click();
  // The previous run's numbers stay on screen until the new run's first snapshot.
  await studio.expectStatus('running');
  await expect.poll(() => studio.generation(), { timeout: 20_000, intervals: [50] }).toBeGreaterThanOrEqual(generation);
  await expect(studio.status).toHaveText('running');
}

async function tasksOf(target: string): Promise<number> {
  return Number((await hostRow(target).getByTestId('hosts.tasks').textContent())?.replace(/,/g, ''));
}

async function addHost(sshd: Sshd): Promise<void> {
  await page.getByTestId('hosts.add').click();
  const form = page.getByTestId('hosts.form');
  await form.getByTestId('hosts.form.target').fill(sshd.target);
  await form.getByTestId('hosts.form.identity').fill(join(folder, 'user_key'));
  await form.getByTestId('hosts.form.node').fill(process.execPath);
  await form.getByTestId('hosts.form.workers').fill('1');
  await form.getByTestId('hosts.form.submit').click();
  await expect(form).toHaveCount(0);
}

test('hosts added in the panel, their keys accepted by fingerprint, run de2 to the inline result', async () => {
  test.setTimeout(90_000);
  await expect(page.getByTestId('hosts.empty')).toBeVisible();
  await setUpRun(1);
  await studio.button('solve').click();
  await studio.expectStatus('done');
  inline = await result();
  expect(await studio.generation()).toBe(GENERATIONS);

  // The form names a mistake beside its field, as it is typed, and sends nothing.
  await page.getByTestId('hosts.add').click();
  const target = page.getByTestId('hosts.form.target');
  await target.fill('root@127.0.0.1:99999');
  await expect(target).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('hosts.form')).toContainText('The port must be a number from 1 to 65535.');
  await page.getByTestId('hosts.form.cancel').click();

  // Each host presents a key that is not in known_hosts: the dialog shows the fingerprint ssh-keygen gives.
  for (const sshd of servers) {
    await addHost(sshd);
    const dialog = page.getByTestId('hosts.key');
    await expect(dialog).toBeVisible({ timeout: 15_000 });
    await expect(dialog.getByTestId('hosts.key.host')).toHaveText(sshd.target);
    await expect(dialog.getByTestId('hosts.key.fingerprint')).toHaveText(sshd.fingerprint);
    await expect(hostRow(sshd.target)).toHaveAttribute('data-state', 'unknown-key');
    await dialog.getByTestId('hosts.key.accept').click();
    await expect(hostRow(sshd.target)).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  }

  // Remote hosts only, so every evaluation goes through the relay and SSH.
  await page.getByTestId('hosts.remote-only').check();
  await studio.button('solve').click();
  // The inline run's numbers stay on screen until the new run's first snapshot.
  await studio.expectStatus('running');
  await studio.expectStatus('done', 60_000);
  expect(await result()).toEqual(inline);
  for (const sshd of servers) {
    const row = hostRow(sshd.target);
    await expect.poll(() => tasksOf(sshd.target), { timeout: 5_000 }).toBeGreaterThan(0);
    await expect(row.getByTestId('hosts.errors')).toHaveText('0');
    await expect(row.getByTestId('hosts.latency')).toHaveText(/ms$/);
  }
  await expect(page.locator('[data-testid="hosts.row"][data-host="local"]')).toHaveCount(0);
});

test('a host killed mid-run: the run ends with the same result on the other; the panel shows it lost, then its changed key refused', async () => {
  test.setTimeout(90_000);
  const [victim, survivor] = servers as [Sshd, Sshd];
  await solveUntilGeneration(60);
  victim.kill();
  await studio.expectStatus('done', 60_000);
  expect(await result()).toEqual(inline);
  await expect(hostRow(victim.target)).toHaveAttribute('data-state', 'lost', { timeout: 15_000 });
  await expect(hostRow(victim.target).getByTestId('hosts.message')).toContainText('was lost');
  await expect(hostRow(survivor.target)).toHaveAttribute('data-state', 'ready');
  // It worked for this run before it died; the other host did the rest.
  expect(await tasksOf(victim.target)).toBeGreaterThanOrEqual(30);
  expect(await tasksOf(survivor.target)).toBeGreaterThan(GENERATIONS - 60);

  // The lost host comes back with another key (reinstalled, or someone in between): refused, not used.
  const impostor = await startSshd(join(folder, 'a-again'), join(folder, 'user_key.pub'), victim.port);
  servers.push(impostor);
  // It is tried again with back-off (up to 30 s between tries).
  await expect(hostRow(victim.target)).toHaveAttribute('data-state', 'changed-key', { timeout: 40_000 });
  await expect(hostRow(victim.target).getByTestId('hosts.message')).toContainText(`changed (now ${impostor.fingerprint})`);
  await expect(page.getByTestId('hosts.key')).toHaveCount(0);
  await hostRow(victim.target).getByTestId('hosts.remove').click();
  await expect(hostRow(victim.target)).toHaveCount(0);
});

test('the relay restarts mid-run: the run pauses, waiting for hosts, then ends with the same result', async () => {
  test.setTimeout(90_000);
  const survivor = servers[1] as Sshd;
  await solveUntilGeneration(40);
  const port = Number(new URL((server as StudioServer).url).port);
  await server?.stop();
  await expect(page.getByTestId('hosts.waiting')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('hosts.relay')).toBeVisible();
  const pausedAt = await studio.generation();
  await page.waitForTimeout(1500);
  await expect(studio.status).toHaveText('running');
  expect(await studio.generation()).toBe(pausedAt);

  // The same server again (a new token): the page reconnects, adds its host again, and the run goes on.
  server = await startStudioServer(serverArgs, port);
  await expect(hostRow(survivor.target)).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await studio.expectStatus('done', 60_000);
  expect(await result()).toEqual(inline);
  await expect(page.getByTestId('hosts.waiting')).toHaveCount(0);
});
