import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main';
import { buildNodeWorker } from '../pool/node/buildWorker';
import { fingerprint, hostPattern } from './knownHosts';
import { buildRemoteProgram } from './testing/buildRemoteWorker';
import { keyPair, sshdAvailable, startSshd, type Sshd } from './testing/sshd';

// `sibyl solve … --hosts` through two real sshd hosts on 127.0.0.1: the same result as the serial run.

const available = sshdAvailable();
let folder: string;
let servers: Sshd[] = [];
let workerEntry: URL;
let program: Uint8Array;

const problem = `import { rosen } from 'sibyl/models';
export default {
  name: 'slow rosen',
  dim: 4,
  bounds: [[-2, 2], [-2, 2], [-2, 2], [-2, 2]],
  objective(x: number[]): number {
    const until = performance.now() + 0.5;
    while (performance.now() < until);
    return rosen(x);
  },
};
`;

async function sibyl(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd: folder,
    isTTY: false,
    workerEntry,
    remoteProgram: () => program,
  });
  return { code, stdout, stderr };
}

const run = ['solve', 'problem.ts', '--solver', 'de2', '--seed', '11', '--npop', '16', '--max-generations', '20', '--json'];
const comparable = (json: string) => {
  const { solution, cost, generations, evaluations, termination } = JSON.parse(json) as Record<string, unknown>;
  return { solution, cost, generations, evaluations, termination };
};

beforeAll(async () => {
  if (!available) return;
  folder = mkdtempSync(join(tmpdir(), 'sibyl-cli-hosts-'));
  keyPair(join(folder, 'user_key'));
  const builds = Promise.all([buildNodeWorker(), buildRemoteProgram()]);
  servers = await Promise.all(['a', 'b', 'c'].map((name) => startSshd(join(folder, name), join(folder, 'user_key.pub'))));
  // a and b are known; c is not.
  writeFileSync(join(folder, 'known_hosts'), servers.slice(0, 2).map((s) => `${hostPattern('127.0.0.1', s.port)} ssh-ed25519 ${s.hostKey.toString('base64')}\n`).join(''));
  writeFileSync(join(folder, 'problem.ts'), problem);
  [workerEntry, program] = await builds;
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe.skipIf(!available)('sibyl solve --hosts', () => {
  it('runs de2 through two hosts, with and without local workers, exactly as the serial run', async () => {
    const serial = await sibyl(run);
    expect(serial.stderr).toBe('');
    const hosts = `${servers[0]!.target},${servers[1]!.target}`;
    const remote = await sibyl([...run, '--hosts', hosts, '--identity', 'user_key', '--known-hosts', 'known_hosts', '--local-workers', '0']);
    expect(remote.stderr).toBe('');
    expect(remote.code).toBe(0);
    expect(comparable(remote.stdout)).toEqual(comparable(serial.stdout));

    const mixed = await sibyl([...run, '--hosts', hosts, '--identity', 'user_key', '--known-hosts', 'known_hosts', '--local-workers', '1', '--verbose', '100']);
    expect(mixed.code).toBe(0);
    expect(comparable(mixed.stdout)).toEqual(comparable(serial.stdout));
    // The per-host figures, on stderr since stdout holds the JSON.
    // Each host runs as many workers as it has cores, by default.
    expect(mixed.stderr).toContain(`Hosts: 2 of 2 ready (${2 * availableParallelism()} workers), and 1 local worker thread.`);
    expect(mixed.stderr).toMatch(/^local\s+1\s+\d+/m);
    for (const server of servers.slice(0, 2)) expect(mixed.stderr).toContain(server.target);
    const evaluations = mixed.stderr
      .split('\n')
      .filter((line) => /^(local|\S+@\S+)\s+\d/.test(line))
      .reduce((sum, line) => sum + Number(line.trim().split(/\s+/)[3]), 0);
    expect(evaluations).toBe((JSON.parse(serial.stdout) as { evaluations: number }).evaluations);
    // Each host's line has its rate and heartbeat round trip.
    for (const server of servers.slice(0, 2)) expect(mixed.stderr).toMatch(new RegExp(`^${server.target.replace(/\./g, '\\.')}\\s+\\d+\\s+\\d+\\s+\\d+\\s+\\d+\\.\\d\\s+\\d+\\.\\d ms\\s+0\\s+ready$`, 'm'));
  });

  it('stops with one sentence on an unknown host key, giving its fingerprint', async () => {
    const c = servers[2] as Sshd;
    const result = await sibyl([...run, '--hosts', c.target, '--identity', 'user_key', '--known-hosts', 'known_hosts', '--local-workers', '0']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(fingerprint(c.hostKey));
    expect(result.stderr).toMatch(/not in .*known_hosts/);
  });

  it('refuses a host string with shell metacharacters before connecting anywhere', async () => {
    const result = await sibyl([...run, '--hosts', `root@127.0.0.1:${servers[0]!.port};touch pwned`, '--identity', 'user_key']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/is not a host/);
  });

  it('says which flags need --hosts, and which solvers cannot use hosts', async () => {
    expect((await sibyl([...run, '--identity', 'user_key'])).stderr).toBe('sibyl: --identity goes with --hosts user@host:port,….\n');
    expect((await sibyl([...run, '--local-workers', '2'])).stderr).toMatch(/--local-workers goes with --hosts/);
    const de = await sibyl(['solve', 'problem.ts', '--solver', 'de', '--max-generations', '2', '--hosts', servers[0]!.target]);
    expect(de.code).toBe(1);
    expect(de.stderr).toMatch(/de evaluates one point at a time, so it cannot use --hosts/);
  });
});
