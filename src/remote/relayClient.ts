import { errorMessage } from '../core/errors';
import type { HostGroup, HostLink, HostOutcome, HostRun, HostState } from '../core/parallel/remotePool';
import type { TaskDescriptor } from '../core/parallel/task';
import {
  ProtocolError,
  RELAY_PATH,
  SUBPROTOCOL,
  TOKEN_HEADER,
  TOKEN_PATH,
  TOKEN_PREFIX,
  decodeFrame,
  decodeOutcome,
  encodeCalls,
  encodeFrame,
  isOutcome,
  message,
  parseToStudio,
  type Body,
  type FromStudio,
  type HostConfig,
  type HostStatus,
  type TokenAnswer,
  type ToStudio,
} from '../protocol';

/** The part of the browser's WebSocket the client uses (the `ws` package's WebSocket fits too, for tests). */
export interface SocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}
export type SocketFactory = (url: string, protocols: string[]) => SocketLike;

/** Where the client is: `open` once the relay welcomed it, `connecting` (or reconnecting), `closed` for good. */
export type RelayState = 'connecting' | 'open' | 'closed';

export interface RelayClientOptions {
  /** Origin of the page and its relay; default the page's own (`location.origin`). */
  readonly origin?: string;
  /** How the token is obtained; default: GET TOKEN_PATH on the origin (same-origin only). */
  readonly token?: () => Promise<string>;
  /** Opens the WebSocket; default the browser's WebSocket. */
  readonly socket?: SocketFactory;
  /** First wait before reconnecting (ms; default 250), doubled up to `maxBackoffMs` (default 5000). */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
}

interface Globals {
  location?: { origin: string };
  fetch(url: string, init: { headers: Record<string, string>; cache: string; credentials: string }): Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;
  WebSocket?: new (url: string, protocols: string[]) => SocketLike;
}
const globals = globalThis as unknown as Globals;

/** One host as the relay reports it; runs its chunks through the relay. */
class RelayHost implements HostLink {
  constructor(
    private readonly client: RelayClient,
    public status: HostStatus,
  ) {}

  get name(): string {
    return this.status.name;
  }

  get state(): HostState {
    return this.client.state === 'open' ? this.status.state : 'connecting';
  }

  get workers(): number {
    return this.status.workers;
  }

  get latencyMs(): number | undefined {
    return this.status.latencyMs ?? undefined;
  }

  get message(): string | undefined {
    return this.client.state === 'open' ? (this.status.message ?? undefined) : 'The relay is not reachable; waiting for it to come back.';
  }

  run(task: TaskDescriptor, calls: readonly (readonly unknown[])[], timeoutMs: number | undefined): HostRun {
    return this.client.runOn(this.name, task, calls, timeoutMs);
  }
}

/**
 * The studio's side of the relay (src/relay), over a WebSocket to the server that served the page. It keeps
 * the hosts the relay reports (a HostGroup for RemotePool), adds and removes hosts, accepts host keys, and
 * runs chunks on a named host. When the connection drops (the relay restarted), chunks out come back as
 * dropped, the hosts show as connecting, and the client reconnects with back-off, fetching the new token
 * and adding again the hosts it had added; a RemotePool meanwhile waits, so a run pauses instead of failing.
 */
export class RelayClient implements HostGroup {
  private current: RelayState = 'connecting';
  private socket: SocketLike | undefined;
  private readonly byName = new Map<string, RelayHost>();
  /** Hosts this client added, by target: added again after a reconnect if the relay lost them. */
  private readonly added = new Map<string, HostConfig>();
  private readonly pending = new Map<number, (outcome: HostOutcome) => void>();
  /** Task hashes defined on the current connection. */
  private defined = new Set<string>();
  private nextId = 1;
  private readonly listeners = new Set<() => void>();
  private backoff: number;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private notice: string | undefined;
  private readonly origin: string;
  private readonly token: () => Promise<string>;
  private readonly open: SocketFactory;
  private readonly firstBackoffMs: number;
  private readonly maxBackoffMs: number;

  constructor(options: RelayClientOptions = {}) {
    const origin = options.origin ?? globals.location?.origin;
    if (!origin) throw new Error('RelayClient needs the origin of the studio page.');
    this.origin = origin.replace(/\/$/, '');
    this.token = options.token ?? (() => fetchToken(this.origin));
    const WebSocketClass = globals.WebSocket;
    this.open = options.socket ?? ((url, protocols) => {
      if (!WebSocketClass) throw new Error('This runtime has no WebSocket.');
      return new WebSocketClass(url, protocols);
    });
    this.firstBackoffMs = options.backoffMs ?? 250;
    this.maxBackoffMs = options.maxBackoffMs ?? 5000;
    this.backoff = this.firstBackoffMs;
    void this.connect();
  }

  get state(): RelayState {
    return this.current;
  }

  /** A getter, so the check is made again after every await (close() may have been called meanwhile). */
  private get isClosed(): boolean {
    return this.current === 'closed';
  }

  get hosts(): readonly HostLink[] {
    return [...this.byName.values()];
  }

  /** What the hosts panel lists. */
  statuses(): HostStatus[] {
    return [...this.byName.values()].map((host) => ({ ...host.status, state: host.state, message: host.message ?? null }));
  }

  /** The relay's last refusal or error, in one sentence (an invalid host string, a wrong fingerprint). */
  get lastNotice(): string | undefined {
    return this.notice;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Ask the relay to add a host; it answers with the host's status, or a refusal (lastNotice). */
  addHost(config: HostConfig): void {
    this.added.set(config.target, config);
    this.request({ type: 'addHost', host: config });
  }

  removeHost(name: string): void {
    const host = this.byName.get(name);
    if (host) this.added.delete(host.status.config.target);
    this.request({ type: 'removeHost', name });
  }

  /** Accept the unknown key a host presented, after the user checked its fingerprint. */
  acceptKey(name: string, fingerprint: string): void {
    this.request({ type: 'acceptKey', name, fingerprint });
  }

  /** Stop for good: chunks out come back as dropped. The relay keeps its hosts for other pages. */
  close(): void {
    this.current = 'closed';
    clearTimeout(this.retry);
    this.socket?.close(1000, 'closed by the page');
    this.lostConnection('the relay client was closed');
  }

  /** Run one chunk on the named host (RelayHost.run). */
  runOn(host: string, task: TaskDescriptor, calls: readonly (readonly unknown[])[], timeoutMs: number | undefined): HostRun {
    const socket = this.socket;
    if (this.current !== 'open' || !socket) return settled({ kind: 'dropped', reason: 'the relay is not connected' });
    let encoded: ReturnType<typeof encodeCalls>;
    try {
      encoded = encodeCalls(calls);
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      return settled({ kind: 'failed', message: `The inputs cannot be sent to ${host}: ${error.message}.` });
    }
    if (!this.defined.has(task.hash)) {
      this.defined.add(task.hash);
      this.send({ type: 'task', task });
    }
    const id = this.nextId++;
    const outcome = new Promise<HostOutcome>((resolve) => this.pending.set(id, resolve));
    this.send({ type: 'run', id, host, hash: task.hash, timeoutMs: timeoutMs ?? null, input: encoded.input }, encoded.body);
    return {
      outcome,
      cancel: () => {
        const resolve = this.pending.get(id);
        if (!resolve) return;
        this.pending.delete(id);
        if (this.socket === socket) this.send({ type: 'cancel', id });
        resolve({ kind: 'dropped', reason: 'the chunk was cancelled' });
      },
    };
  }

  // ----- the connection ---------------------------------------------------------------------------------

  private async connect(): Promise<void> {
    if (this.isClosed) return;
    let token: string;
    try {
      token = await this.token();
    } catch (error) {
      this.scheduleRetry(`the relay's token could not be fetched (${errorMessage(error)})`);
      return;
    }
    if (this.isClosed) return;
    let socket: SocketLike;
    try {
      socket = this.open(`${this.origin.replace(/^http/, 'ws')}${RELAY_PATH}`, [SUBPROTOCOL, `${TOKEN_PREFIX}${token}`]);
    } catch (error) {
      this.scheduleRetry(errorMessage(error));
      return;
    }
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.addEventListener('open', () => {
      if (this.socket === socket) this.send({ type: 'hello', client: 'sibyl-studio' });
    });
    socket.addEventListener('message', (event) => {
      if (this.socket !== socket) return;
      try {
        const bytes = event.data instanceof ArrayBuffer ? new Uint8Array(event.data) : event.data instanceof Uint8Array ? event.data : undefined;
        if (!bytes) throw new ProtocolError('the relay sent a text frame');
        const { header, body } = decodeFrame(bytes);
        this.received(parseToStudio(header), body);
      } catch (error) {
        this.notice = `The relay sent a bad message (${errorMessage(error)}).`;
        socket.close(1002, 'protocol error');
        this.dropSocket(socket, this.notice);
      }
    });
    const ended = () => this.dropSocket(socket, 'the connection to the relay was lost');
    socket.addEventListener('close', ended);
    socket.addEventListener('error', ended);
  }

  private received(msg: ToStudio, body: Uint8Array): void {
    if (isOutcome(msg) || msg.type === 'dropped') {
      const resolve = this.pending.get(msg.id);
      if (!resolve) return;
      this.pending.delete(msg.id);
      let outcome: HostOutcome;
      try {
        outcome = decodeOutcome(msg, body);
      } catch (error) {
        outcome = { kind: 'crashed', reason: `a result could not be read (${errorMessage(error)})` };
      }
      resolve(outcome);
      return;
    }
    switch (msg.type) {
      case 'welcome': {
        this.current = 'open';
        this.backoff = this.firstBackoffMs;
        const listed = new Set(msg.hosts.map((status) => status.name));
        for (const name of [...this.byName.keys()]) if (!listed.has(name)) this.byName.delete(name);
        for (const status of msg.hosts) this.update(status);
        const targets = new Set(msg.hosts.map((status) => status.config.target));
        for (const [target, config] of this.added) if (!targets.has(target)) this.send({ type: 'addHost', host: config });
        break;
      }
      case 'host':
        this.update(msg.status);
        break;
      case 'removed':
        this.byName.delete(msg.name);
        break;
      case 'refused':
      case 'error':
        this.notice = msg.message;
        break;
    }
    this.changed();
  }

  private update(status: HostStatus): void {
    const host = this.byName.get(status.name);
    if (host) host.status = status;
    else this.byName.set(status.name, new RelayHost(this, status));
  }

  private dropSocket(socket: SocketLike, reason: string): void {
    if (this.socket !== socket) return;
    this.socket = undefined;
    this.lostConnection(reason);
    this.scheduleRetry(reason);
  }

  /** Every chunk out comes back as dropped: not its fault, it runs again once a host is ready. */
  private lostConnection(reason: string): void {
    this.defined = new Set();
    for (const resolve of this.pending.values()) resolve({ kind: 'dropped', reason });
    this.pending.clear();
    this.changed();
  }

  private scheduleRetry(reason: string): void {
    if (this.current === 'closed') return;
    this.current = 'connecting';
    this.notice = `The relay is not reachable (${reason}); trying again.`;
    const wait = this.backoff;
    this.backoff = Math.min(this.maxBackoffMs, this.backoff * 2);
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.connect(), wait);
    this.changed();
  }

  /** Requests made while the relay is away are dropped (added hosts are sent again on reconnecting). */
  private request(body: Body<FromStudio>): void {
    if (this.current === 'open') this.send(body);
  }

  private send(body: Body<FromStudio>, payload?: Uint8Array): void {
    this.socket?.send(encodeFrame(message<FromStudio>(body), payload));
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

function settled(outcome: HostOutcome): HostRun {
  return { outcome: Promise.resolve(outcome), cancel: () => {} };
}

/** GET the relay's token from the server that served the page (a custom header: same origin only). */
async function fetchToken(origin: string): Promise<string> {
  const response = await globals.fetch(`${origin}${TOKEN_PATH}`, { headers: { [TOKEN_HEADER]: '1' }, cache: 'no-store', credentials: 'same-origin' });
  if (!response.ok) throw new Error(`the server answered ${response.status}`);
  const answer = (await response.json()) as Partial<TokenAnswer>;
  if (typeof answer.token !== 'string') throw new Error('the server sent no token');
  return answer.token;
}
