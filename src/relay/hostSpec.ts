import { isIP } from 'node:net';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { OptionError } from '../core';
import type { HostConfig } from '../protocol';

/** A host to run workers on, checked: nothing here can reach a shell unquoted. */
export interface HostSpec {
  /** Canonical `user@host:port` (an IPv6 address in brackets): the host's name everywhere. */
  readonly name: string;
  readonly user: string;
  /** Host name or IP address (IPv6 without brackets). */
  readonly host: string;
  readonly port: number;
  /** Absolute path of the private key on this machine; undefined for the agent or the usual ~/.ssh keys. */
  readonly identity: string | undefined;
  /** Node binary on the host, checked by `nodeBinary`. */
  readonly node: string;
  /** Workers to run there; undefined for the host's cores. */
  readonly workers: number | undefined;
  /** The configuration it came from, to show and to re-add. */
  readonly config: HostConfig;
}

const USER = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
/** A path of plain characters, optionally under the remote home (`~/`): nothing a shell would interpret. */
const NODE_BINARY = /^(?:~\/|\/)?[A-Za-z0-9_+.][A-Za-z0-9_./+-]*$/;

function refuse(text: string, why: string): never {
  const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  throw new OptionError('hosts', `'${shown}' is not a host: ${why}.`);
}

function isHostName(host: string): boolean {
  return host.length <= 253 && host.split('.').every((label) => LABEL.test(label));
}

/**
 * Read `[user@]host[:port]` (an IPv6 address in brackets: `user@[::1]:2222`). The user defaults to
 * `defaultUser` and the port to 22. Anything outside plain user names, host names and addresses is refused.
 */
export function parseTarget(text: string, defaultUser: string): { user: string; host: string; port: number; name: string } {
  if (typeof text !== 'string' || text.trim() === '') refuse(String(text), 'give it as user@host:port');
  const target = text.trim();
  const at = target.lastIndexOf('@');
  const user = at >= 0 ? target.slice(0, at) : defaultUser;
  const rest = at >= 0 ? target.slice(at + 1) : target;
  if (!USER.test(user)) refuse(text, `the user name '${user.slice(0, 40)}' may hold only letters, digits, '_', '.' and '-'`);
  let host: string;
  let portText: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) refuse(text, 'an IPv6 address in brackets needs its closing bracket');
    host = rest.slice(1, close);
    const after = rest.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) refuse(text, 'only :port may follow the address');
    portText = after === '' ? undefined : after.slice(1);
    if (isIP(host) !== 6) refuse(text, `'${host.slice(0, 60)}' is not an IPv6 address`);
  } else {
    const colon = rest.indexOf(':');
    host = colon >= 0 ? rest.slice(0, colon) : rest;
    portText = colon >= 0 ? rest.slice(colon + 1) : undefined;
    if (isIP(host) !== 4 && !isHostName(host)) refuse(text, 'the host must be a host name or an IP address (IPv6 in brackets)');
  }
  let port = 22;
  if (portText !== undefined) {
    port = Number(portText);
    if (!/^\d{1,5}$/.test(portText) || port < 1 || port > 65535) refuse(text, 'the port must be a number from 1 to 65535');
  }
  const shownHost = isIP(host) === 6 ? `[${host}]` : host.toLowerCase();
  return { user, host: isIP(host) === 6 ? host : host.toLowerCase(), port, name: `${user}@${shownHost}:${port}` };
}

/** The Node binary to run on a host: `node` on its PATH, or a path of plain characters (`~/` allowed). */
export function nodeBinary(text: string | null): string {
  if (text === null || text.trim() === '') return 'node';
  const binary = text.trim();
  if (binary.length > 1024 || !NODE_BINARY.test(binary) || binary.split('/').includes('..')) {
    throw new OptionError('node', `The Node binary '${binary.slice(0, 80)}' must be a plain path (letters, digits, '_', '.', '+', '-', '/'; '~/' at the start for the home folder).`);
  }
  return binary;
}

/** Expand `~/` on this machine and make a path absolute (for identity and known_hosts files). */
export function localPath(path: string, cwd = process.cwd()): string {
  if (path === '~') return homedir();
  if (path.startsWith('~/')) return join(homedir(), path.slice(2));
  return isAbsolute(path) ? path : resolve(cwd, path);
}

/** Check a host configuration from the hosts panel, a config file or the command line. */
export function hostSpec(config: HostConfig, defaultUser: string, cwd?: string): HostSpec {
  const { user, host, port, name } = parseTarget(config.target, defaultUser);
  const workers = config.workers ?? undefined;
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 1 || workers > 1024)) {
    throw new OptionError('workers', `The worker count of ${name} must be an integer from 1 to 1024, got ${String(workers)}.`);
  }
  const identity = config.identity === null || config.identity.trim() === '' ? undefined : localPath(config.identity.trim(), cwd);
  return { name, user, host, port, identity, node: nodeBinary(config.node), workers, config };
}

/** The command line's `--hosts a,b,c`, with the shared identity. */
export function hostConfigs(list: string, identity: string | undefined): HostConfig[] {
  const targets = list.split(',').map((item) => item.trim()).filter((item) => item !== '');
  if (targets.length === 0) throw new OptionError('hosts', '--hosts needs at least one user@host:port.');
  return targets.map((target) => ({ target, identity: identity ?? null, node: null, workers: null }));
}
