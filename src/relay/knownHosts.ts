import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** What the known_hosts file says about the key a host presented. */
export type KeyVerdict =
  | { readonly kind: 'known' }
  /** The host has no key on file: show the fingerprint; the user must accept it explicitly. */
  | { readonly kind: 'unknown'; readonly fingerprint: string }
  /** The host has other keys on file: a changed key is refused (it may be a machine in the middle). */
  | { readonly kind: 'changed'; readonly fingerprint: string }
  /** The key is marked @revoked. */
  | { readonly kind: 'revoked'; readonly fingerprint: string };

interface Entry {
  readonly marker: '' | '@revoked' | '@cert-authority';
  readonly patterns: string;
  readonly keyType: string;
  readonly key: Buffer;
}

/** OpenSSH's SHA256 fingerprint of a public key blob: `SHA256:` and unpadded base64. */
export function fingerprint(key: Uint8Array): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** The name known_hosts files the host under: `host`, or `[host]:port` off port 22. */
export function hostPattern(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** The algorithm name at the start of a public key blob (an SSH string). */
export function keyTypeOf(key: Uint8Array): string {
  if (key.length < 4) return '';
  const length = Buffer.from(key.buffer, key.byteOffset, key.length).readUInt32BE(0);
  return length <= key.length - 4 ? Buffer.from(key.subarray(4, 4 + length)).toString('latin1') : '';
}

function parseLine(line: string): Entry | undefined {
  const fields = line.trim().split(/\s+/);
  if (fields.length === 0 || fields[0] === '' || fields[0]?.startsWith('#')) return undefined;
  const marker = fields[0]?.startsWith('@') ? fields.shift() : '';
  if (marker !== '' && marker !== '@revoked' && marker !== '@cert-authority') return undefined;
  const [patterns, keyType, base64] = fields;
  if (!patterns || !keyType || !base64 || !/^[A-Za-z0-9+/]+=*$/.test(base64)) return undefined;
  return { marker, patterns, keyType, key: Buffer.from(base64, 'base64') };
}

/** OpenSSH's host patterns: `*` and `?` wildcards. */
function globMatches(pattern: string, name: string): boolean {
  let re = '^';
  for (const ch of pattern) re += ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  return new RegExp(`${re}$`, 'i').test(name);
}

/** A hashed name (`|1|salt|hash`) matches when HMAC-SHA1(salt, name) is the hash. */
function hashedMatches(pattern: string, name: string): boolean {
  const [, kind, salt, hash] = pattern.split('|');
  if (kind !== '1' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function entryMatches(patterns: string, name: string): boolean {
  if (patterns.startsWith('|')) return hashedMatches(patterns, name);
  let matched = false;
  for (const pattern of patterns.split(',')) {
    if (pattern.startsWith('!')) {
      if (globMatches(pattern.slice(1), name)) return false;
    } else if (globMatches(pattern, name)) matched = true;
  }
  return matched;
}

/**
 * A known_hosts file (OpenSSH's format: plain or hashed names, wildcards, negations, @revoked). It is read
 * at every check, so edits made meanwhile (ssh-keygen -R) count; accepting a key appends one line.
 */
export class KnownHosts {
  constructor(
    /** The file's absolute path. */
    readonly file: string,
  ) {}

  private entriesFor(host: string, port: number): Entry[] {
    if (!existsSync(this.file)) return [];
    const name = hostPattern(host, port);
    return readFileSync(this.file, 'utf8')
      .split('\n')
      .map(parseLine)
      .filter((entry): entry is Entry => entry !== undefined && entry.marker !== '@cert-authority' && entryMatches(entry.patterns, name));
  }

  /** Judge the key a host presented. */
  check(host: string, port: number, key: Uint8Array): KeyVerdict {
    const entries = this.entriesFor(host, port);
    const blob = Buffer.from(key.buffer, key.byteOffset, key.length);
    const print = fingerprint(key);
    if (entries.some((entry) => entry.marker === '@revoked' && entry.key.equals(blob))) return { kind: 'revoked', fingerprint: print };
    const keys = entries.filter((entry) => entry.marker === '');
    if (keys.some((entry) => entry.key.equals(blob))) return { kind: 'known' };
    return keys.length > 0 ? { kind: 'changed', fingerprint: print } : { kind: 'unknown', fingerprint: print };
  }

  /** Key types on file for the host, so the connection can ask for one of those first. */
  keyTypes(host: string, port: number): string[] {
    return [...new Set(this.entriesFor(host, port).filter((entry) => entry.marker === '').map((entry) => entry.keyType))];
  }

  /** Record a key the user accepted. */
  add(host: string, port: number, key: Uint8Array): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const blob = Buffer.from(key.buffer, key.byteOffset, key.length);
    const line = `${hostPattern(host, port)} ${keyTypeOf(key)} ${blob.toString('base64')}\n`;
    const needsNewline = existsSync(this.file) && !readFileSync(this.file, 'utf8').endsWith('\n') && readFileSync(this.file).length > 0;
    appendFileSync(this.file, needsNewline ? `\n${line}` : line, { mode: 0o600 });
  }
}
