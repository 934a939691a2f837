import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Client, type ClientChannel, type ConnectConfig } from 'ssh2';
import { OptionError, errorMessage, type HostLink, type HostOutcome, type HostRun, type HostState, type TaskDescriptor } from '../core';
import {
  FrameReader,
  MAX_WORKER_FRAME_BYTES,
  ProtocolError,
  decodeFrame,
  decodeOutcome,
  encodeCalls,
  encodeFrame,
  message,
  parseFromWorker,
  type FromWorker,
  type HostStatus,
  type InputHeader,
  type Outcome,
  type ToStudio,
  type ToWorker,
  type WireTask,
} from '../protocol';
import type { HostSpec } from './hostSpec';
import type { KnownHosts } from './knownHosts';
import { remoteCommand } from './program';

/** A chunk's outcome as it came over the wire (or was made up here when the host went away). */
export interface RawOutcome {
  readonly header: Outcome | Extract<ToStudio, { type: 'dropped' }>;
  readonly body: Uint8Array;
}

/** One chunk sent with `send`: its raw outcome, and how to give up on it. */
export interface RawRun {
  readonly outcome: Promise<RawOutcome>;
  cancel(): void;
}

export interface SshHostOptions {
  readonly knownHosts: KnownHosts;
  /** The remote worker program, wrapped for the bootstrap (program.ts). */
  readonly program: () => Uint8Array;
  /** ssh-agent's socket; default SSH_AUTH_SOCK. */
  readonly agent?: string | undefined;
  /** How often the relay pings a host (ms; default 2500). */
  readonly heartbeatMs?: number;
  /** A host silent this long is lost (ms; default 7500, so a silent host is noticed within 10 s). */
  readonly silenceMs?: number;
  /** The first wait before reconnecting a lost host (ms; default 250), doubled up to `maxBackoffMs`. */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
  /** How long the SSH handshake may take (ms; default 10 s). */
  readonly connectTimeoutMs?: number;
}

/** The host's key types as ssh2 names them, to be asked for first when known_hosts holds such a key. */
function hostKeyAlgorithms(keyTypes: readonly string[]): string[] {
  return keyTypes.flatMap((type) => (type === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [type]));
}

const DEFAULT_KEYS = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

/**
 * One remote host over SSH (ssh2): it connects, verifies the host key against known_hosts, starts the
 * worker program on an exec channel, and runs chunks there. A heartbeat notices a silent host; a lost host
 * is reconnected with back-off, and its chunks come back as crashed so the pool runs them elsewhere. An
 * unknown key waits for the user to accept its fingerprint; a changed key is refused.
 */
export class SshHost implements HostLink {
  private current: HostState = 'connecting';
  private announcedWorkers: number | undefined;
  private latency: number | undefined;
  private why: string | undefined;
  private keyPrint: string | undefined;
  /** The unknown key the host presented, kept until the user accepts or refuses it. */
  private presentedKey: Buffer | undefined;
  private retryAt: number | undefined;
  /** Each connection attempt has a number; events of older attempts are ignored. */
  private attempt = 0;
  private client: Client | undefined;
  private channel: ClientChannel | undefined;
  /** Task hashes the running program has been sent in full. */
  private known = new Set<string>();
  private readonly pending = new Map<number, (outcome: RawOutcome) => void>();
  private nextId = 1;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private reconnect: ReturnType<typeof setTimeout> | undefined;
  private backoff: number;
  private lastHeard = 0;
  private stderrTail = '';
  /** A problem found while connecting that decides the next state (key, authentication, start-up). */
  private verdict: { state: 'unknown-key' | 'changed-key' | 'failed'; message: string } | undefined;
  private closed = false;
  /** The remote program's process id, from its hello (tests kill it to fake a dead host). */
  pid: number | undefined;
  private readonly heartbeatMs: number;
  private readonly silenceMs: number;
  private readonly firstBackoffMs: number;
  private readonly maxBackoffMs: number;

  constructor(
    readonly spec: HostSpec,
    private readonly options: SshHostOptions,
    /** Told after every change of state, workers or latency. */
    private readonly changed: () => void,
  ) {
    this.heartbeatMs = options.heartbeatMs ?? 2500;
    this.silenceMs = options.silenceMs ?? 7500;
    this.firstBackoffMs = options.backoffMs ?? 250;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.backoff = this.firstBackoffMs;
    this.connect();
  }

  get name(): string {
    return this.spec.name;
  }

  get state(): HostState {
    return this.current;
  }

  get workers(): number {
    return this.announcedWorkers ?? this.spec.workers ?? 1;
  }

  get latencyMs(): number | undefined {
    return this.latency;
  }

  get message(): string | undefined {
    return this.why;
  }

  /** What the hosts panel shows. */
  status(): HostStatus {
    return {
      name: this.name,
      state: this.current,
      workers: this.workers,
      latencyMs: this.latency ?? null,
      message: this.why ?? null,
      fingerprint: this.keyPrint ?? null,
      retryInMs: this.current === 'lost' && this.retryAt !== undefined ? Math.max(0, this.retryAt - Date.now()) : null,
      config: this.spec.config,
    };
  }

  run(task: TaskDescriptor, calls: readonly (readonly unknown[])[], timeoutMs: number | undefined): HostRun {
    let encoded: ReturnType<typeof encodeCalls>;
    try {
      encoded = encodeCalls(calls);
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      return { outcome: Promise.resolve({ kind: 'failed', message: `The inputs cannot be sent to ${this.name}: ${error.message}.` }), cancel: () => {} };
    }
    const raw = this.send(task, encoded.input, encoded.body, timeoutMs);
    return {
      outcome: raw.outcome.then(({ header, body }): HostOutcome => {
        try {
          return decodeOutcome(header, body);
        } catch (error) {
          return { kind: 'crashed', reason: `${this.name} sent a malformed result (${errorMessage(error)})` };
        }
      }),
      cancel: () => raw.cancel(),
    };
  }

  /** Run one chunk whose inputs are already encoded (the relay forwards a page's chunk as it came). */
  send(task: WireTask, input: InputHeader, body: Uint8Array | undefined, timeoutMs: number | undefined): RawRun {
    const channel = this.channel;
    if (this.current !== 'ready' || !channel) return { outcome: Promise.resolve(this.dropped(0, `${this.name} is not ready`)), cancel: () => {} };
    const id = this.nextId++;
    if (!this.known.has(task.hash)) {
      this.known.add(task.hash);
      this.write(message<ToWorker>({ type: 'task', task }));
    }
    const outcome = new Promise<RawOutcome>((resolve) => this.pending.set(id, resolve));
    this.write(message<ToWorker>({ type: 'run', id, hash: task.hash, timeoutMs: timeoutMs ?? null, input }), body);
    return {
      outcome,
      cancel: () => {
        const resolve = this.pending.get(id);
        if (!resolve) return;
        this.pending.delete(id);
        if (this.channel === channel) this.write(message<ToWorker>({ type: 'cancel', id }));
        resolve(this.dropped(id, 'the chunk was cancelled'));
      },
    };
  }

  /** Trust the unknown key the host presented, whose fingerprint the user saw, and connect again. */
  acceptKey(fingerprint: string): void {
    if (this.current !== 'unknown-key' || !this.presentedKey || fingerprint !== this.keyPrint) {
      throw new OptionError('fingerprint', `${this.name} has no unknown key with the fingerprint ${fingerprint} waiting to be accepted.`);
    }
    this.options.knownHosts.add(this.spec.host, this.spec.port, this.presentedKey);
    this.presentedKey = undefined;
    this.keyPrint = undefined;
    this.connect();
  }

  /** Disconnect for good; chunks still out come back as dropped. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.reconnect);
    const client = this.client;
    this.teardown('the host was removed', false);
    if (client) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          client.destroy();
          resolve();
        }, 1000);
        client.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        client.end();
      });
    }
  }

  // ----- connecting --------------------------------------------------------------------------------------

  private connect(): void {
    if (this.closed) return;
    const attempt = ++this.attempt;
    this.verdict = undefined;
    this.setState('connecting', undefined);
    let config: ConnectConfig;
    try {
      config = this.connectConfig();
    } catch (error) {
      this.verdict = { state: 'failed', message: errorMessage(error) };
      this.lost(attempt, errorMessage(error));
      return;
    }
    const client = new Client();
    this.client = client;
    client.on('ready', () => this.startProgram(attempt, client));
    client.on('error', (error: Error & { level?: string }) => {
      if (error.level === 'client-authentication') {
        this.verdict = {
          state: 'failed',
          message: `${this.name} accepted none of the keys offered${this.spec.identity ? ` (${this.spec.identity})` : ''}: check its authorized_keys, or the identity file.`,
        };
      }
      this.lost(attempt, describeError(error));
    });
    client.on('close', () => this.lost(attempt, 'the connection closed'));
    try {
      client.connect(config);
    } catch (error) {
      // ssh2 refuses some keys at once (e.g. an encrypted key without its passphrase).
      this.verdict = { state: 'failed', message: `${this.name}: ${errorMessage(error)}; load the key into ssh-agent instead.` };
      this.lost(attempt, errorMessage(error));
    }
  }

  private connectConfig(): ConnectConfig {
    const { host, port, user, identity } = this.spec;
    const knownHosts = this.options.knownHosts;
    const agent = this.options.agent ?? process.env['SSH_AUTH_SOCK'];
    let privateKey: Buffer | undefined;
    if (identity) {
      try {
        privateKey = readFileSync(identity);
      } catch (error) {
        throw new OptionError('identity', `Cannot read the identity file ${identity} for ${this.name}: ${errorMessage(error)}.`);
      }
    } else {
      const fallback = DEFAULT_KEYS.map((name) => join(homedir(), '.ssh', name)).find((file) => existsSync(file));
      if (fallback) privateKey = readFileSync(fallback);
      else if (!agent) throw new OptionError('identity', `No key to log in to ${this.name}: give an identity file, or start ssh-agent and add your key.`);
    }
    const preferred = hostKeyAlgorithms(knownHosts.keyTypes(host, port));
    return {
      host,
      port,
      username: user,
      ...(privateKey ? { privateKey } : {}),
      ...(agent ? { agent } : {}),
      readyTimeout: this.options.connectTimeoutMs ?? 10_000,
      ...(preferred.length > 0 ? { algorithms: { serverHostKey: { prepend: preferred } as never } } : {}),
      hostVerifier: (key: Buffer): boolean => {
        const verdict = knownHosts.check(host, port, key);
        switch (verdict.kind) {
          case 'known':
            return true;
          case 'unknown':
            this.presentedKey = Buffer.from(key);
            this.keyPrint = verdict.fingerprint;
            this.verdict = {
              state: 'unknown-key',
              message: `${this.name} presented a key that is not in ${knownHosts.file} (${verdict.fingerprint}): check it, then accept it in the hosts panel, or add it with ssh-keyscan -p ${port} ${host} >> ${knownHosts.file}.`,
            };
            return false;
          case 'changed':
            this.keyPrint = verdict.fingerprint;
            this.verdict = {
              state: 'changed-key',
              message: `The host key of ${this.name} changed (now ${verdict.fingerprint}) and was refused: if the change is expected, remove the old key (ssh-keygen -R '${hostPatternFor(this.spec)}' -f ${knownHosts.file}) and add the host again.`,
            };
            return false;
          case 'revoked':
            this.keyPrint = verdict.fingerprint;
            this.verdict = { state: 'changed-key', message: `${this.name} presented a revoked key (${verdict.fingerprint}); it was refused.` };
            return false;
        }
      },
    };
  }

  private startProgram(attempt: number, client: Client): void {
    if (attempt !== this.attempt) return;
    client.setNoDelay(true);
    client.exec(remoteCommand(this.spec.node), (error, channel) => {
      if (attempt !== this.attempt) {
        channel?.close();
        return;
      }
      if (error) {
        this.lost(attempt, `the worker program could not be started (${error.message})`);
        return;
      }
      this.channel = channel;
      this.known = new Set();
      this.stderrTail = '';
      const reader = new FrameReader(MAX_WORKER_FRAME_BYTES);
      channel.on('data', (data: Buffer) => {
        if (attempt !== this.attempt) return;
        this.lastHeard = Date.now();
        try {
          for (const frame of reader.push(data)) {
            const { header, body } = decodeFrame(frame);
            this.received(parseFromWorker(header), body);
          }
        } catch (failure) {
          this.lost(attempt, `it broke the protocol (${errorMessage(failure)})`);
        }
      });
      channel.stderr.on('data', (data: Buffer) => {
        this.stderrTail = (this.stderrTail + data.toString()).slice(-2000);
      });
      channel.on('exit', (code: number | null, signal?: string) => {
        const how = code !== null ? `exit code ${code}` : `signal ${signal ?? 'unknown'}`;
        if (this.current !== 'ready') {
          const said = this.stderrTail.trim().split('\n').slice(-3).join(' ').trim();
          const hint = code === 127 ? `: set the Node binary for this host (${this.spec.node} was not found)` : '';
          this.verdict = { state: 'failed', message: `The worker program on ${this.name} ended before it started (${how})${hint}${said ? `: ${said}` : ''}.` };
        }
        this.lost(attempt, `the worker program ended (${how})`);
      });
      channel.on('close', () => this.lost(attempt, 'the worker channel closed'));
      channel.on('error', (failure: Error) => this.lost(attempt, `the worker channel failed (${failure.message})`));
      const program = this.options.program();
      const prefix = Buffer.alloc(4);
      prefix.writeUInt32BE(program.length);
      channel.write(prefix);
      channel.write(program);
      this.write(message<ToWorker>({ type: 'start', workers: this.spec.workers ?? null, silenceMs: this.silenceMs }));
      this.lastHeard = Date.now();
      clearInterval(this.heartbeat);
      this.heartbeat = setInterval(() => this.beat(attempt), this.heartbeatMs);
    });
  }

  private received(msg: FromWorker, body: Uint8Array): void {
    switch (msg.type) {
      case 'hello':
        this.pid = msg.pid;
        this.announcedWorkers = msg.workers;
        this.backoff = this.firstBackoffMs;
        this.setState('ready', undefined);
        // A first round trip at once, so the latency is known before the first heartbeat.
        this.write(message<ToWorker>({ type: 'ping', t: performance.now() }));
        return;
      case 'pong':
        this.latency = performance.now() - msg.t;
        this.changed();
        return;
      default: {
        const resolve = this.pending.get(msg.id);
        if (!resolve) return;
        this.pending.delete(msg.id);
        resolve({ header: msg, body });
      }
    }
  }

  private beat(attempt: number): void {
    if (attempt !== this.attempt) return;
    const silent = Date.now() - this.lastHeard;
    if (silent > this.silenceMs) {
      this.lost(attempt, `it sent nothing for ${(silent / 1000).toFixed(1)} s`);
      return;
    }
    this.write(message<ToWorker>({ type: 'ping', t: performance.now() }));
  }

  private write(header: ToWorker, body?: Uint8Array): void {
    this.channel?.write(encodeFrame(header, body, true));
  }

  private dropped(id: number, reason: string): RawOutcome {
    return { header: message<ToStudio>({ type: 'dropped', id, reason }) as Extract<ToStudio, { type: 'dropped' }>, body: new Uint8Array(0) };
  }

  // ----- losing it --------------------------------------------------------------------------------------

  /** Attempt `attempt` ended: settle its chunks, then wait for the user or try again after the back-off. */
  private lost(attempt: number, reason: string): void {
    if (attempt !== this.attempt || this.closed) return;
    this.attempt++;
    this.teardown(`${this.name} was lost: ${reason}`, true);
    const verdict = this.verdict;
    if (verdict) {
      this.setState(verdict.state, verdict.message);
      return;
    }
    const wait = this.backoff;
    this.backoff = Math.min(this.maxBackoffMs, this.backoff * 2);
    this.retryAt = Date.now() + wait;
    this.reconnect = setTimeout(() => this.connect(), wait);
    this.setState('lost', `${this.name} was lost (${reason}); trying again in ${(wait / 1000).toFixed(1)} s.`);
  }

  /** Drop the connection; chunks out there come back as crashed (the host died) or dropped (we left). */
  private teardown(reason: string, crashed: boolean): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    const client = this.client;
    this.client = undefined;
    this.channel = undefined;
    if (client && crashed) client.destroy();
    for (const [id, resolve] of this.pending) {
      resolve(crashed ? { header: message<Outcome>({ type: 'crashed', id, reason }), body: new Uint8Array(0) } : this.dropped(id, reason));
    }
    this.pending.clear();
  }

  private setState(state: HostState, why: string | undefined): void {
    this.current = state;
    this.why = why;
    if (state !== 'lost') this.retryAt = undefined;
    if (state === 'ready') this.keyPrint = undefined;
    this.changed();
  }
}

function hostPatternFor(spec: HostSpec): string {
  return spec.port === 22 ? spec.host : `[${spec.host}]:${spec.port}`;
}

function describeError(error: Error & { code?: string; level?: string }): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'the connection was refused';
    case 'ECONNRESET':
      return 'the connection was reset';
    case 'ETIMEDOUT':
      return 'the connection timed out';
    case 'ENOTFOUND':
      return 'the host name was not found';
    case 'EHOSTUNREACH':
      return 'the host is unreachable';
  }
  if (error.level === 'client-timeout') return 'the SSH handshake timed out';
  return error.message;
}
