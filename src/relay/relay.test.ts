import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createRunSolver, type BaseSolver } from '../core';
import { RemotePool } from '../core/parallel/remotePool';
import { MAX_STUDIO_FRAME_BYTES, PROTOCOL_VERSION, SUBPROTOCOL, TOKEN_HEADER, TOKEN_PATH, TOKEN_PREFIX, decodeFrame, encodeFrame, parseToStudio, type ToStudio } from '../protocol';
// The page's client is tested here against the real relay, in Node (the `ws` WebSocket stands in for the browser's).
// eslint-disable-next-line no-restricted-imports
import { RelayClient } from '../remote/relayClient';
import { KnownHosts, hostPattern } from './knownHosts';
import { Relay } from './relay';
import { SshHosts } from './sshHosts';
import { buildRemoteProgram } from './testing/buildRemoteWorker';
import { keyPair, sshdAvailable, startSshd, type Sshd } from './testing/sshd';

// The relay on a real HTTP server on 127.0.0.1, in front of real sshd hosts: who may connect, what one bad
// message does, host keys, and a run from the page's client through a relay restart.

const available = sshdAvailable();
let folder: string;
let program: Uint8Array;
let servers: Sshd[] = [];
let known: KnownHosts;
let port = 0;
let server: Server | undefined;
let relay: Relay | undefined;

/** Serve a fresh relay (a new token each time, as npm start does) on `port`, 0 for any. */
async function startRelay(at: number): Promise<void> {
  const hosts = new SshHosts({ knownHosts: known, program: () => program, agent: undefined, heartbeatMs: 300, silenceMs: 2000, backoffMs: 100 });
  const current = new Relay({ hosts });
  const http = createServer((request, response) => {
    if (!current.handleRequest(request, response)) response.writeHead(404).end();
  });
  current.attach(http);
  await new Promise<void>((resolve) => http.listen(at, '127.0.0.1', resolve));
  port = (http.address() as AddressInfo).port;
  server = http;
  relay = current;
}

async function stopRelay(): Promise<void> {
  const [http, current] = [server, relay];
  server = undefined;
  relay = undefined;
  await current?.close();
  http?.closeAllConnections();
  await new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve()));
}

const origin = () => `http://127.0.0.1:${port}`;

/** A raw page connection; resolves once open, or with the status the server refused it with. */
function connect(protocols: string[], headers: { origin?: string; host?: string } = {}): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/relay`, protocols, { origin: headers.origin ?? origin(), ...(headers.host ? { headers: { host: headers.host } } : {}) });
    socket.on('open', () => resolve(socket));
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.on('error', () => resolve(-1));
  });
}

const goodProtocols = () => [SUBPROTOCOL, `${TOKEN_PREFIX}${relay?.token}`];

/** A page that speaks the protocol by hand, collecting the relay's messages. */
async function page(): Promise<{ socket: WebSocket; messages: ToStudio[]; send(body: object, payload?: Uint8Array): void; closed: Promise<number>; next(type: string, where?: (m: ToStudio) => boolean): Promise<ToStudio> }> {
  const socket = (await connect(goodProtocols())) as WebSocket;
  const messages: ToStudio[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (data: Buffer) => {
    messages.push(parseToStudio(decodeFrame(new Uint8Array(data)).header));
    for (const wake of waiters.splice(0)) wake();
  });
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  const send = (body: object, payload?: Uint8Array) => socket.send(encodeFrame({ v: PROTOCOL_VERSION, ...body }, payload));
  const next = async (type: string, where: (m: ToStudio) => boolean = () => true): Promise<ToStudio> => {
    for (;;) {
      const found = messages.find((m) => m.type === type && where(m));
      if (found) return found;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  send({ type: 'hello', client: 'test' });
  await next('welcome');
  return { socket, messages, send, closed, next };
}

function sha256Fingerprint(publicKeyFile: string): string {
  // ssh-keygen's own reading of the key, to check ours against.
  return (execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', publicKeyFile]).toString().split(/\s+/)[1] ?? '').trim();
}

beforeAll(async () => {
  if (!available) return;
  folder = mkdtempSync(join(tmpdir(), 'sibyl-relay-'));
  keyPair(join(folder, 'user_key'));
  const built = buildRemoteProgram();
  servers = await Promise.all(['a', 'b', 'c'].map((name) => startSshd(join(folder, name), join(folder, 'user_key.pub'))));
  const [a, , c] = servers as [Sshd, Sshd, Sshd];
  // a is known; b is not; c is on file with another key (a's): a changed key.
  writeFileSync(join(folder, 'known_hosts'), `${hostPattern('127.0.0.1', a.port)} ssh-ed25519 ${a.hostKey.toString('base64')}\n${hostPattern('127.0.0.1', c.port)} ssh-ed25519 ${a.hostKey.toString('base64')}\n`);
  known = new KnownHosts(join(folder, 'known_hosts'));
  program = await built;
  await startRelay(0);
});

afterAll(async () => {
  await stopRelay();
  await Promise.all(servers.map((s) => s.stop()));
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe.skipIf(!available)('relay security', () => {
  it('gives the token only to a same-origin page that asks with its header, on a Host naming this machine', async () => {
    const url = `${origin()}${TOKEN_PATH}`;
    const plain = await fetch(url);
    expect(plain.status).toBe(403);
    const asked = await fetch(url, { headers: { [TOKEN_HEADER]: '1' } });
    expect(asked.status).toBe(200);
    expect(asked.headers.get('cache-control')).toBe('no-store');
    expect(((await asked.json()) as { token: string }).token).toBe(relay?.token);
    const foreign = await fetch(url, { headers: { [TOKEN_HEADER]: '1', origin: 'http://evil.example' } });
    expect(foreign.status).toBe(403);
    // A DNS name rebound to 127.0.0.1 makes another site same-origin: its Host header gives it away.
    const rebound = await new Promise<number>((resolve) => {
      const request = createRequest(url, { [TOKEN_HEADER]: '1', host: `evil.example:${port}` });
      request.on('response', (response) => resolve(response.statusCode ?? 0));
    });
    expect(rebound).toBe(403);
  });

  it('refuses a WebSocket without the token, with a wrong one, from a foreign Origin or a rebound Host', async () => {
    expect(await connect([SUBPROTOCOL])).toBe(401);
    expect(await connect([SUBPROTOCOL, `${TOKEN_PREFIX}${'x'.repeat(43)}`])).toBe(401);
    expect(await connect(goodProtocols(), { origin: 'http://evil.example' })).toBe(403);
    expect(await connect(goodProtocols(), { origin: `http://evil.example:${port}`, host: `evil.example:${port}` })).toBe(403);
    const ok = await connect(goodProtocols());
    expect(ok).toBeInstanceOf(WebSocket);
    (ok as WebSocket).close();
  });

  it('closes the connection of a page that sends an oversized or malformed frame, and only that one', async () => {
    const bystander = await page();
    const bad: [string, (p: Awaited<ReturnType<typeof page>>) => void, number][] = [
      ['oversized', (p) => p.socket.send(new Uint8Array(MAX_STUDIO_FRAME_BYTES + 1)), 1009],
      ['text', (p) => p.socket.send('{"v":1,"type":"hello"}'), 1008],
      ['garbage', (p) => p.socket.send(new Uint8Array([0, 0, 0, 9, 1, 2, 3])), 1008],
      ['not json', (p) => p.socket.send(encodeFrame({}).fill(0x7b, 4)), 1008],
      ['old version', (p) => p.socket.send(encodeFrame({ v: 0, type: 'cancel', id: 1 })), 1008],
      ['unknown type', (p) => p.send({ type: 'shell', command: 'id' }), 1008],
      ['extra field', (p) => p.send({ type: 'cancel', id: 1, also: true }), 1008],
      ['long foreign field', (p) => p.send({ type: 'cancel', id: 1, ['é'.repeat(5000)]: true }), 1008],
      ['deep nesting', (p) => p.socket.send(rawFrame(`{"v":1,"type":"cancel","id":${'['.repeat(200_000)}${']'.repeat(200_000)}}`)), 1008],
      ['unknown task', (p) => p.send({ type: 'run', id: 1, host: 'x', hash: 'abc', timeoutMs: null, input: { kind: 'points', dim: 1, count: 1 } }, new Uint8Array(8)), 1008],
    ];
    for (const [name, send, code] of bad) {
      const victim = await page();
      send(victim);
      expect(await victim.closed, name).toBe(code);
    }
    // The relay and the other page go on.
    bystander.send({ type: 'removeHost', name: 'nobody@nowhere:22' });
    expect(await bystander.next('refused')).toMatchObject({ message: 'There is no host nobody@nowhere:22.' });
    bystander.socket.close();
  });

  it('refuses host strings with shell metacharacters, and starts nothing', async () => {
    const p = await page();
    for (const target of ['root@127.0.0.1;touch /tmp/pwned', 'root@$(id).example:22', 'root@host`id`:22', "root@host':22", 'ro ot@host:22', 'root@host:22 -oProxyCommand=id', '-oProxyCommand=id']) {
      p.messages.length = 0;
      p.send({ type: 'addHost', host: { target, identity: null, node: null, workers: null } });
      expect((await p.next('refused')).type, target).toBe('refused');
    }
    p.messages.length = 0;
    p.send({ type: 'addHost', host: { target: servers[0]!.target, identity: null, node: 'node; rm -rf ~', workers: null } });
    expect(await p.next('refused')).toMatchObject({ message: expect.stringMatching(/Node binary/) });
    expect(p.messages.filter((m) => m.type === 'host')).toEqual([]);
    p.socket.close();
  });

  it('shows an unknown host key with its fingerprint and connects only once it is accepted', async () => {
    const b = servers[1] as Sshd;
    const p = await page();
    p.send({ type: 'addHost', host: { target: b.target, identity: join(folder, 'user_key'), node: process.execPath, workers: 1 } });
    const unknown = (await p.next('host', (m) => m.type === 'host' && m.status.state === 'unknown-key')) as Extract<ToStudio, { type: 'host' }>;
    const expected = sha256Fingerprint(join(folder, 'b', 'host_key.pub'));
    expect(unknown.status.fingerprint).toBe(expected);
    expect(unknown.status.message).toContain(expected);
    p.send({ type: 'acceptKey', name: b.target, fingerprint: 'SHA256:notTheKey' });
    expect((await p.next('refused')).type).toBe('refused');
    p.send({ type: 'acceptKey', name: b.target, fingerprint: expected });
    await p.next('host', (m) => m.type === 'host' && m.status.name === b.target && m.status.state === 'ready');
    expect(readFileSync(join(folder, 'known_hosts'), 'utf8')).toContain(`[127.0.0.1]:${b.port} ssh-ed25519 ${b.hostKey.toString('base64')}`);
    p.send({ type: 'removeHost', name: b.target });
    await p.next('removed');
    p.socket.close();
  });

  it('refuses a changed host key, and accepting it does not help', async () => {
    const c = servers[2] as Sshd;
    const p = await page();
    p.send({ type: 'addHost', host: { target: c.target, identity: join(folder, 'user_key'), node: process.execPath, workers: 1 } });
    const changed = (await p.next('host', (m) => m.type === 'host' && m.status.state === 'changed-key')) as Extract<ToStudio, { type: 'host' }>;
    expect(changed.status.fingerprint).toBe(sha256Fingerprint(join(folder, 'c', 'host_key.pub')));
    expect(changed.status.message).toMatch(/changed .* refused/);
    p.send({ type: 'acceptKey', name: c.target, fingerprint: changed.status.fingerprint });
    expect((await p.next('refused')).type).toBe('refused');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const last = p.messages.filter((m): m is Extract<ToStudio, { type: 'host' }> => m.type === 'host' && m.status.name === c.target).at(-1);
    expect(last?.status.state).toBe('changed-key');
    p.send({ type: 'removeHost', name: c.target });
    await p.next('removed');
    p.socket.close();
  });
});

describe.skipIf(!available)('a run from the page through the relay', () => {
  const problem = `import { rosen } from 'sibyl/models';
export default {
  dim: 3,
  bounds: [[-2, 2], [-2, 2], [-2, 2]],
  objective(x: number[]): number {
    const until = performance.now() + 1;
    while (performance.now() < until);
    return rosen(x);
  },
};
`;
  const setup = { source: problem, solverId: 'de2' as const, seed: 7, npop: 12, limits: { generations: 30 } };
  const result = (solver: BaseSolver) => ({ x: solver.bestSolution, cost: solver.bestEnergy, energies: solver.energyHistory, evaluations: solver.evaluations });

  it('gives the serial result, and pauses (not fails) while the relay restarts', async () => {
    const { solver: reference } = createRunSolver(setup);
    while ((await reference.step()) === undefined);

    const client = new RelayClient({
      origin: origin(),
      socket: (url, protocols) => new WebSocket(url, protocols, { origin: origin() }) as never,
      backoffMs: 50,
    });
    const a = servers[0] as Sshd;
    await until(() => client.state === 'open', 'the client to connect');
    client.addHost({ target: a.target, identity: join(folder, 'user_key'), node: process.execPath, workers: 2 });
    await until(() => client.hosts.some((h) => h.state === 'ready'), 'the host to be ready');
    const pool = new RemotePool({ hosts: client });
    const { solver } = createRunSolver(setup);
    solver.setPool(pool);
    let paused = false;
    pool.subscribe(() => {
      if (pool.waitingForWorkers) paused = true;
    });
    for (let restarted = false; ; ) {
      const stepping = solver.step();
      if (!restarted && solver.generations >= 10) {
        restarted = true;
        const oldToken = relay?.token;
        await stopRelay();
        await new Promise((resolve) => setTimeout(resolve, 200));
        await startRelay(port);
        expect(relay?.token).not.toBe(oldToken);
      }
      if ((await stepping) !== undefined) break;
    }
    expect(result(solver)).toEqual(result(reference));
    expect(paused).toBe(true);
    expect(client.state).toBe('open');
    expect(pool.stats()[0]?.evaluations).toBeGreaterThan(0);
    await pool.close();
    client.close();
  });
});

/** A frame around header text as given, valid JSON or not. */
function rawFrame(header: string): Uint8Array {
  const json = Buffer.from(header);
  const frame = Buffer.alloc(4 + json.length);
  frame.writeUInt32BE(json.length);
  json.copy(frame, 4);
  return frame;
}

/** fetch() will not send a Host header of our choosing; node:http will. */
function createRequest(url: string, headers: Record<string, string>) {
  const sent = request(url, { headers });
  sent.end();
  return sent;
}

async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
