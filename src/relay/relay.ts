import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { OptionError, errorMessage } from '../core';
import {
  MAX_STUDIO_FRAME_BYTES,
  PROTOCOL_VERSION,
  ProtocolError,
  RELAY_PATH,
  SUBPROTOCOL,
  TOKEN_HEADER,
  TOKEN_PATH,
  TOKEN_PREFIX,
  decodeFrame,
  encodeFrame,
  message,
  parseFromStudio,
  type FromStudio,
  type HostStatus,
  type ToStudio,
  type TokenAnswer,
  type WireTask,
} from '../protocol';
import type { RawRun } from './sshHost';
import type { SshHosts } from './sshHosts';

export interface RelayOptions {
  /** The hosts the relay serves, shared by every page connected. The relay owns them: close() ends them. */
  readonly hosts: SshHosts;
  /** The secret a page must present; default: a fresh random one (per start). */
  readonly token?: string;
  /** Largest message a page may send, in bytes (default MAX_STUDIO_FRAME_BYTES). */
  readonly maxFrameBytes?: number;
  /**
   * Host names a page may be served under besides IP addresses and `localhost` (the Host header is checked,
   * so a rebound DNS name cannot make another site's page same-origin with the studio).
   */
  readonly allowedHosts?: readonly string[];
}

/** Tasks one page may keep defined at once, and their total source length. */
const MAX_TASKS = 64;
const MAX_TASK_SOURCE = 32 * 1024 * 1024;

/** WebSocket close codes (RFC 6455): policy violation, and message too big. */
const CLOSE_POLICY = 1008;

/**
 * The relay: it serves the hosts of this machine's SSH setup to the studio page that this same process
 * served, over a WebSocket on the same origin. A connection is accepted only with the per-start token and
 * an Origin equal to the page's own, on a Host header that names this machine; each message is checked
 * (protocol.ts) and size-limited, and a page that breaks the protocol loses its connection, never the
 * relay. It runs nothing itself: chunks go to the hosts as the page sent them, and their outcomes back.
 */
export class Relay {
  readonly token: string;
  private readonly hosts: SshHosts;
  private readonly allowedHosts: ReadonlySet<string>;
  private readonly sockets: WebSocketServer;
  private readonly links = new Set<StudioLink>();
  private readonly unsubscribe: () => void;

  constructor(options: RelayOptions) {
    this.token = options.token ?? randomBytes(32).toString('base64url');
    if (!/^[A-Za-z0-9_-]{16,}$/.test(this.token)) throw new OptionError('token', 'The relay token must be at least 16 letters, digits, "-" or "_".');
    this.hosts = options.hosts;
    this.allowedHosts = new Set((options.allowedHosts ?? []).map((name) => name.toLowerCase()));
    this.sockets = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxFrameBytes ?? MAX_STUDIO_FRAME_BYTES,
      perMessageDeflate: false,
      handleProtocols: (offered) => (offered.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
    });
    this.sockets.on('connection', (socket: WebSocket) => {
      const link = new StudioLink(socket, this.hosts, () => this.links.delete(link));
      this.links.add(link);
    });
    this.unsubscribe = this.hosts.subscribe(() => {
      for (const link of this.links) link.hostsChanged();
    });
  }

  /** Answer the token endpoint; false for any other request (the caller serves it). */
  readonly handleRequest = (request: IncomingMessage, response: ServerResponse): boolean => {
    if (pathOf(request) !== TOKEN_PATH) return false;
    const refuse = (status: number, why: string) => {
      response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(`${why}\n`);
    };
    if (request.method !== 'GET') refuse(405, 'Use GET.');
    else if (!this.allowedHost(request)) refuse(403, 'The relay answers only pages served from this machine by address or as localhost.');
    else if (request.headers[TOKEN_HEADER] !== '1') refuse(403, `The token is given only to the studio page (it sends ${TOKEN_HEADER}).`);
    else if (request.headers.origin !== undefined && request.headers.origin !== `http://${request.headers.host}`) refuse(403, 'The token is not given to other origins.');
    else {
      const answer: TokenAnswer = { token: this.token, protocol: PROTOCOL_VERSION };
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }).end(JSON.stringify(answer));
    }
    return true;
  };

  /** Take WebSocket upgrades to RELAY_PATH on `server`; other upgrades are refused. */
  attach(server: Server): void {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(request, socket, head));
  }

  /** Close every page's connection and end the hosts. */
  async close(): Promise<void> {
    this.unsubscribe();
    for (const link of [...this.links]) link.close(1001, 'The relay is shutting down.');
    await new Promise<void>((resolve) => this.sockets.close(() => resolve()));
    await this.hosts.close();
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    if (pathOf(request) !== RELAY_PATH) return refuse('404 Not Found');
    if (!this.allowedHost(request)) return refuse('403 Forbidden');
    if (request.headers.origin !== `http://${request.headers.host}`) return refuse('403 Forbidden');
    if (!this.tokenOffered(request)) return refuse('401 Unauthorized');
    this.sockets.handleUpgrade(request, socket, head, (ws) => this.sockets.emit('connection', ws, request));
  }

  /** A Host header naming this machine: an IP address, `localhost`, or a configured name. */
  private allowedHost(request: IncomingMessage): boolean {
    const header = request.headers.host;
    if (!header) return false;
    const name = header.startsWith('[') ? header.slice(1, header.indexOf(']')) : header.replace(/:\d+$/, '');
    return isIP(name) !== 0 || name.toLowerCase() === 'localhost' || this.allowedHosts.has(name.toLowerCase());
  }

  private tokenOffered(request: IncomingMessage): boolean {
    const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const expected = Buffer.from(`${TOKEN_PREFIX}${this.token}`);
    return offered.some((p) => {
      const given = Buffer.from(p);
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
  }
}

function pathOf(request: IncomingMessage): string {
  try {
    return new URL(request.url ?? '/', 'http://relay').pathname;
  } catch {
    return '';
  }
}

/** One page's connection: its tasks, its chunks on the hosts, and the host states it was last told. */
class StudioLink {
  private welcomed = false;
  private readonly tasks = new Map<string, WireTask>();
  private taskSource = 0;
  private readonly runs = new Map<number, RawRun>();
  /** The status of each host as last sent, to send only changes. */
  private readonly told = new Map<string, string>();
  private closed = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly hosts: SshHosts,
    private readonly onClose: () => void,
  ) {
    socket.on('message', (data: RawData, isBinary: boolean) => this.received(data, isBinary));
    socket.on('close', () => this.ended());
    socket.on('error', () => this.ended());
  }

  hostsChanged(): void {
    if (!this.welcomed || this.closed) return;
    const present = new Set<string>();
    for (const host of this.hosts.hosts) {
      present.add(host.name);
      this.tell(host.status());
    }
    for (const name of [...this.told.keys()]) {
      if (present.has(name)) continue;
      this.told.delete(name);
      this.send(message<ToStudio>({ type: 'removed', name }));
    }
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    // A close reason is at most 123 bytes: keep it ASCII and short (it may quote what the page sent).
    this.socket.close(code, reason.replace(/[^\x20-\x7e]/g, '?').slice(0, 120));
    this.ended();
  }

  private tell(status: HostStatus): void {
    // Only what the panel shows counts as a change; the countdown to a retry does not.
    const key = JSON.stringify({ ...status, retryInMs: null });
    if (this.told.get(status.name) === key) return;
    this.told.set(status.name, key);
    this.send(message<ToStudio>({ type: 'host', status }));
  }

  private send(header: ToStudio, body?: Uint8Array): void {
    if (!this.closed) this.socket.send(encodeFrame(header, body));
  }

  private received(data: RawData, isBinary: boolean): void {
    if (this.closed) return;
    try {
      if (!isBinary) throw new ProtocolError('the relay takes binary frames only');
      const bytes = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? new Uint8Array(data) : data;
      const { header, body } = decodeFrame(bytes);
      this.handle(parseFromStudio(header), body);
    } catch (error) {
      // One bad message ends this page's connection, never the relay.
      const why = error instanceof ProtocolError ? `Protocol error: ${error.message}.` : `The relay failed on a message: ${errorMessage(error)}.`;
      this.send(message<ToStudio>({ type: 'error', message: why }));
      this.close(CLOSE_POLICY, why);
    }
  }

  private handle(msg: FromStudio, body: Uint8Array): void {
    if (!this.welcomed && msg.type !== 'hello') throw new ProtocolError(`the first message must be hello, not ${msg.type}`);
    switch (msg.type) {
      case 'hello':
        if (this.welcomed) throw new ProtocolError('hello was sent twice');
        this.welcomed = true;
        this.send(message<ToStudio>({ type: 'welcome', relay: 'sibyl', hosts: this.hosts.hosts.map((host) => host.status()) }));
        for (const host of this.hosts.hosts) this.told.set(host.name, JSON.stringify({ ...host.status(), retryInMs: null }));
        return;
      case 'addHost':
        this.refusing(() => this.hosts.add(msg.host));
        return;
      case 'removeHost':
        if (!this.hosts.remove(msg.name)) this.send(message<ToStudio>({ type: 'refused', message: `There is no host ${msg.name}.` }));
        return;
      case 'acceptKey': {
        const host = this.hosts.get(msg.name);
        if (!host) this.send(message<ToStudio>({ type: 'refused', message: `There is no host ${msg.name}.` }));
        else this.refusing(() => host.acceptKey(msg.fingerprint));
        return;
      }
      case 'task':
        this.define(msg.task);
        return;
      case 'run':
        this.run(msg, body);
        return;
      case 'cancel':
        this.runs.get(msg.id)?.cancel();
        return;
    }
  }

  /** Do what the page asked; a setting it got wrong is refused with one sentence, and nothing changes. */
  private refusing(action: () => unknown): void {
    try {
      action();
    } catch (error) {
      if (!(error instanceof OptionError)) throw error;
      this.send(message<ToStudio>({ type: 'refused', message: error.message }));
    }
  }

  private define(task: WireTask): void {
    const known = this.tasks.get(task.hash);
    if (known) this.taskSource -= known.source.length;
    this.tasks.delete(task.hash);
    this.tasks.set(task.hash, task);
    this.taskSource += task.source.length;
    // Forget the oldest tasks past the limits; a page that needs one again defines it again.
    for (const [hash, old] of this.tasks) {
      if (this.tasks.size <= MAX_TASKS && this.taskSource <= MAX_TASK_SOURCE) break;
      this.tasks.delete(hash);
      this.taskSource -= old.source.length;
    }
  }

  private run(msg: Extract<FromStudio, { type: 'run' }>, body: Uint8Array): void {
    const task = this.tasks.get(msg.hash);
    if (!task) throw new ProtocolError(`chunk ${msg.id} names a task that was not defined`);
    if (this.runs.has(msg.id)) throw new ProtocolError(`chunk ${msg.id} is already running`);
    const expected = msg.input.kind === 'points' ? msg.input.dim * msg.input.count * 8 : 0;
    if (body.length !== expected) throw new ProtocolError(`chunk ${msg.id} has a body of ${body.length} bytes, not ${expected}`);
    const host = this.hosts.get(msg.host);
    if (!host) {
      this.send(message<ToStudio>({ type: 'dropped', id: msg.id, reason: `there is no host ${msg.host}` }));
      return;
    }
    const run = host.send(task, msg.input, body, msg.timeoutMs ?? undefined);
    this.runs.set(msg.id, run);
    void run.outcome.then(({ header, body: result }) => {
      this.runs.delete(msg.id);
      this.send({ ...header, id: msg.id }, result);
    });
  }

  private ended(): void {
    if (this.closed) return;
    this.closed = true;
    for (const run of this.runs.values()) run.cancel();
    this.runs.clear();
    this.onClose();
  }
}
