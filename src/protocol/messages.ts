import { ProtocolError } from './errors';
import { integer, json, list, literal, nullable, number, oneOf, record, string, tagged, type Check } from './schema';

/**
 * The relay's two conversations, as tagged, versioned messages (each header carries `v` and `type`):
 *
 * - the studio link, between a page (src/remote) and the relay over a WebSocket: the page adds hosts and
 *   accepts their keys, defines tasks, runs chunks on a named host and cancels them; the relay reports host
 *   states and each chunk's outcome;
 * - the worker link, between the relay (src/relay) and the program it runs on a remote host over an SSH
 *   channel: the relay starts the program, defines tasks, runs and cancels chunks and pings; the program
 *   says hello and answers.
 *
 * A chunk's outcome is the same message on both links, so the relay forwards it with only its id changed.
 * Every message from a peer is checked here; anything else is a ProtocolError and ends that peer's link.
 */
export const PROTOCOL_VERSION = 1;

/** Largest WebSocket message a relay accepts from a page (a population, a problem module). */
export const MAX_STUDIO_FRAME_BYTES = 16 * 1024 * 1024;
/** Largest frame either end of the worker link accepts (a chunk's results may be larger than its inputs). */
export const MAX_WORKER_FRAME_BYTES = 64 * 1024 * 1024;

const MAX_TEXT = 64 * 1024;
const MAX_SOURCE = 4 * 1024 * 1024;
const MAX_COUNT = 10_000_000;
const MAX_HOSTS = 256;

const v = literal(PROTOCOL_VERSION);
const id = integer(0, Number.MAX_SAFE_INTEGER);
const hash = string(32, /^[0-9a-f]+$/, 'a hexadecimal hash');
const text = string(MAX_TEXT);
const milliseconds = number(0, 1e9);

/** A task as it travels (core's TaskDescriptor): compiled by the worker, then known by its hash. */
const task = tagged('kind', {
  module: record({ kind: literal('module'), hash, source: string(MAX_SOURCE), exportName: string(500, /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/, 'a dotted export name') }),
  function: record({ kind: literal('function'), hash, source: string(MAX_SOURCE), name: string(500) }),
});
export type WireTask = ReturnType<typeof task>;

/** A chunk's inputs: points travel as float64 bytes in the body, anything else as encoded argument lists. */
const input = tagged('kind', {
  points: record({ kind: literal('points'), dim: integer(0, MAX_COUNT), count: integer(1, MAX_COUNT) }),
  calls: record({ kind: literal('calls'), calls: json }),
});
export type InputHeader = ReturnType<typeof input>;

export type HostState = 'connecting' | 'ready' | 'lost' | 'unknown-key' | 'changed-key' | 'failed';
const hostState: Check<HostState> = oneOf('connecting', 'ready', 'lost', 'unknown-key', 'changed-key', 'failed');

/** How to reach a host, as the hosts panel or a config file gives it. */
const hostConfig = record({
  /** `user@host:port`; user and port may be left out (validated by the relay, src/relay/hostSpec.ts). */
  target: string(300),
  /** Private key file on the relay's machine; null for the SSH agent, or the usual ~/.ssh keys. */
  identity: nullable(string(4096)),
  /** The Node binary on the host; null for `node` on the host's PATH. */
  node: nullable(string(4096)),
  /** Workers to run there; null for the host's cores. */
  workers: nullable(integer(1, 1024)),
});
export type HostConfig = ReturnType<typeof hostConfig>;

/** What the hosts panel shows about a host. */
const hostStatus = record({
  /** The host's canonical `user@host:port`. */
  name: string(300),
  state: hostState,
  /** Worker slots: the host's announced count once it has said hello, else the configured or last known one. */
  workers: integer(0, 4096),
  /** Round trip of the last heartbeat through the relay and SSH. */
  latencyMs: nullable(milliseconds),
  /** Why the host is not ready, in one sentence. */
  message: nullable(text),
  /** The host key's SHA256 fingerprint when it is unknown (to accept) or changed (refused). */
  fingerprint: nullable(string(200)),
  /** When a lost host is tried again. */
  retryInMs: nullable(milliseconds),
  config: hostConfig,
});
export type HostStatus = ReturnType<typeof hostStatus>;

const outcomes = {
  /** Every result was a number: `count` float64 values in the body. */
  numbers: record({ v, type: literal('numbers'), id, count: integer(0, MAX_COUNT) }),
  /** Results as encoded values. */
  values: record({ v, type: literal('values'), id, values: json }),
  /** The task threw at input `index` of the chunk. */
  threw: record({ v, type: literal('threw'), id, index: integer(0, MAX_COUNT), message: text, stack: nullable(text) }),
  /** The chunk ran past its timeout; its worker was replaced. */
  timeout: record({ v, type: literal('timeout'), id }),
  /** The worker running the chunk died; it may be tried again. */
  crashed: record({ v, type: literal('crashed'), id, reason: text }),
  /** The chunk could not run: its task did not load, or its results cannot travel. */
  failed: record({ v, type: literal('failed'), id, message: text }),
};

const toWorker = tagged('type', {
  start: record({ v, type: literal('start'), workers: nullable(integer(1, 1024)), silenceMs: milliseconds }),
  task: record({ v, type: literal('task'), task }),
  run: record({ v, type: literal('run'), id, hash, timeoutMs: nullable(milliseconds), input }),
  cancel: record({ v, type: literal('cancel'), id }),
  ping: record({ v, type: literal('ping'), t: number(0, Number.MAX_SAFE_INTEGER) }),
});
export type ToWorker = ReturnType<typeof toWorker>;

const fromWorker = tagged('type', {
  hello: record({ v, type: literal('hello'), pid: integer(0, 2 ** 32), cores: integer(1, 4096), workers: integer(1, 1024), node: string(100) }),
  pong: record({ v, type: literal('pong'), t: number(0, Number.MAX_SAFE_INTEGER) }),
  ...outcomes,
});
export type FromWorker = ReturnType<typeof fromWorker>;

const fromStudio = tagged('type', {
  hello: record({ v, type: literal('hello'), client: string(100) }),
  addHost: record({ v, type: literal('addHost'), host: hostConfig }),
  removeHost: record({ v, type: literal('removeHost'), name: string(300) }),
  acceptKey: record({ v, type: literal('acceptKey'), name: string(300), fingerprint: string(200) }),
  task: record({ v, type: literal('task'), task }),
  run: record({ v, type: literal('run'), id, host: string(300), hash, timeoutMs: nullable(milliseconds), input }),
  cancel: record({ v, type: literal('cancel'), id }),
});
export type FromStudio = ReturnType<typeof fromStudio>;

const toStudio = tagged('type', {
  welcome: record({ v, type: literal('welcome'), relay: string(100), hosts: list(hostStatus, MAX_HOSTS) }),
  host: record({ v, type: literal('host'), status: hostStatus }),
  removed: record({ v, type: literal('removed'), name: string(300) }),
  /** A request was refused (an invalid host string, a key that does not match): nothing changed. */
  refused: record({ v, type: literal('refused'), message: text }),
  /** The page broke the protocol; the relay closes the link after this. */
  error: record({ v, type: literal('error'), message: text }),
  ...outcomes,
  /** The chunk was not run: its host is gone or not ready. Not the chunk's fault; run it elsewhere. */
  dropped: record({ v, type: literal('dropped'), id, reason: text }),
});
export type ToStudio = ReturnType<typeof toStudio>;

export type Outcome = ReturnType<(typeof outcomes)[keyof typeof outcomes]>;
export type OutcomeType = Outcome['type'];
const outcomeTypes = new Set<string>(Object.keys(outcomes));

export function isOutcome(message: { readonly type: string }): message is Outcome {
  return outcomeTypes.has(message.type);
}

function parser<T>(check: Check<T>, peer: string): (header: unknown) => T {
  return (header) => {
    if (typeof header !== 'object' || header === null || Array.isArray(header)) throw new ProtocolError(`a message from ${peer} must be a JSON object`);
    const version = (header as { v?: unknown }).v;
    if (version !== PROTOCOL_VERSION) {
      const given = typeof version === 'number' ? String(version) : 'none';
      throw new ProtocolError(`a message from ${peer} speaks protocol version ${given}; this side speaks version ${PROTOCOL_VERSION}`);
    }
    return check(header, 'message');
  };
}

/** Check a message the relay sent to a remote worker program. */
export const parseToWorker = parser(toWorker, 'the relay');
/** Check a message a remote worker program sent. */
export const parseFromWorker = parser(fromWorker, 'the remote worker');
/** Check a message a page sent to the relay. */
export const parseFromStudio = parser(fromStudio, 'the page');
/** Check a message the relay sent to a page. */
export const parseToStudio = parser(toStudio, 'the relay');

/** A message without its version field, which `message` adds. */
export type Body<M> = M extends unknown ? Omit<M, 'v'> : never;

/** Stamp a message with the protocol version: `message<ToWorker>({ type: 'ping', t })`. */
export function message<M extends { readonly v: number }>(body: Body<M>): M {
  return { v: PROTOCOL_VERSION, ...body } as unknown as M;
}
