import type { HostConfig } from '../../../src/protocol/index';

/** The add-host form as typed. */
export interface HostFormFields {
  readonly target: string;
  readonly identity: string;
  readonly node: string;
  readonly workers: string;
}

export type HostFormErrors = Partial<Record<keyof HostFormFields, string>>;

export const EMPTY_HOST_FORM: HostFormFields = { target: '', identity: '', node: '', workers: '' };

/*
 * The same rules the relay applies (src/relay/hostSpec.ts), checked as the user types so that a mistake is
 * named beside its field. The relay checks again, and stays the authority: what it refuses is shown too.
 */
const USER = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const IPV6 = /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:%[A-Za-z0-9]+)?$/;
const NODE_BINARY = /^(?:~\/|\/)?[A-Za-z0-9_+.][A-Za-z0-9_./+-]*$/;

function targetError(text: string): string | undefined {
  const target = text.trim();
  if (target === '') return 'Give the host as user@host:port (user and port may be left out).';
  const at = target.lastIndexOf('@');
  if (at >= 0 && !USER.test(target.slice(0, at))) return "The user name may hold only letters, digits, '_', '.' and '-' (at most 32).";
  const rest = target.slice(at + 1);
  let portText: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return 'An IPv6 address in brackets needs its closing bracket.';
    if (!IPV6.test(rest.slice(1, close))) return `'${rest.slice(1, close)}' is not an IPv6 address.`;
    const after = rest.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) return 'Only :port may follow the address.';
    portText = after === '' ? undefined : after.slice(1);
  } else {
    const colon = rest.indexOf(':');
    const host = colon >= 0 ? rest.slice(0, colon) : rest;
    portText = colon >= 0 ? rest.slice(colon + 1) : undefined;
    if (host === '' || host.length > 253 || !host.split('.').every((label) => LABEL.test(label))) {
      return 'The host must be a host name or an IP address (an IPv6 address in brackets).';
    }
  }
  if (portText !== undefined && (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535)) {
    return 'The port must be a number from 1 to 65535.';
  }
  return undefined;
}

function nodeError(text: string): string | undefined {
  const node = text.trim();
  if (node === '') return undefined;
  if (node.length > 1024 || !NODE_BINARY.test(node) || node.split('/').includes('..')) {
    return "A plain path: letters, digits, '_', '.', '+', '-' and '/' ('~/' at the start for the home folder).";
  }
  return undefined;
}

function workersError(text: string): string | undefined {
  const workers = text.trim();
  if (workers === '') return undefined;
  const count = Number(workers);
  return /^\d+$/.test(workers) && count >= 1 && count <= 1024 ? undefined : 'A whole number from 1 to 1024, or empty for the host’s cores.';
}

/** What is wrong with the form, by field; empty when it can be sent. */
export function hostFormErrors(fields: HostFormFields): HostFormErrors {
  const errors: HostFormErrors = {};
  const target = targetError(fields.target);
  const node = nodeError(fields.node);
  const workers = workersError(fields.workers);
  if (target) errors.target = target;
  if (fields.identity.trim().length > 4096) errors.identity = 'The file name is too long.';
  if (node) errors.node = node;
  if (workers) errors.workers = workers;
  return errors;
}

/** The host to add, as the relay takes it: empty fields become null (the agent, `node`, the host's cores). */
export function hostConfig(fields: HostFormFields): HostConfig {
  const text = (value: string) => (value.trim() === '' ? null : value.trim());
  return {
    target: fields.target.trim(),
    identity: text(fields.identity),
    node: text(fields.node),
    workers: fields.workers.trim() === '' ? null : Number(fields.workers.trim()),
  };
}
