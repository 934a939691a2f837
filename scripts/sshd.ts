import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { Socket, createServer } from 'node:net';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Real OpenSSH servers for the tests, on 127.0.0.1 only: each with its own host key and a config in a
 * folder, run in the foreground (-D -e) as a child process. One implementation for the relay's integration
 * tests (src/relay/testing/sshd.ts) and the end-to-end journey (e2e/fixtures/sshd.ts), which may not import
 * src/. sshd must run as root; openssh-server is installed by scripts/ensure-system.mjs.
 */

const SSHD = '/usr/sbin/sshd';
const ensureSystem = join(dirname(fileURLToPath(import.meta.url)), 'ensure-system.mjs');

export interface Sshd {
  readonly port: number;
  /** The listener's pid. */
  readonly pid: number;
  /** The host's public key blob, as known_hosts holds it. */
  readonly hostKey: Buffer;
  /** The host key's SHA256 fingerprint as `ssh-keygen -lf` prints it. */
  readonly fingerprint: string;
  /** `user@127.0.0.1:port` for the current user. */
  readonly target: string;
  /** Stop it gently (SIGTERM to the listener; sessions end with their connections). */
  stop(): Promise<void>;
  /** Kill the listener and every process under it (its sessions and the workers they run), at once. */
  kill(): void;
}

/** Why sshd cannot run here, or '' when it can: root, and openssh-server installed (installed if missing). */
export function sshdUnavailable(): string {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'sshd needs root to run';
  if (!existsSync(SSHD)) {
    try {
      execFileSync(process.execPath, [ensureSystem, 'sshd'], { stdio: 'pipe' });
    } catch {
      return 'openssh-server could not be installed';
    }
  }
  // sshd refuses to start without its privilege separation folder.
  mkdirSync('/run/sshd', { recursive: true });
  return existsSync(SSHD) ? '' : 'openssh-server is not installed';
}

/** Make an ed25519 key pair (no passphrase) at `file` and `file.pub`. */
export function keyPair(file: string): void {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'sibyl-test', '-f', file], { stdio: 'pipe' });
}

/** `ssh-keygen -lf`'s SHA256 fingerprint of a public key file. */
export function fingerprintOf(publicKeyFile: string): string {
  return execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', publicKeyFile]).toString().split(/\s+/)[1] ?? '';
}

/** The key blob of an OpenSSH public key file. */
export function publicKeyBlob(file: string): Buffer {
  const [, base64] = readFileSync(file, 'utf8').trim().split(/\s+/);
  return Buffer.from(base64 ?? '', 'base64');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Every process below `pid`, read from /proc. */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const found: number[] = [];
  const walk = (p: number) => {
    for (const child of children.get(p) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

/**
 * Start an sshd in `folder` that lets `authorizedKey` (a .pub file) log in as the current user, on `port` or
 * a free one (retried on another if it was taken meanwhile). The folder's host key is made once and reused,
 * so a restart in the same folder presents the same key and one in a new folder a different key.
 */
export async function startSshd(folder: string, authorizedKey: string, port?: number): Promise<Sshd> {
  mkdirSync(folder, { recursive: true });
  const hostKeyFile = join(folder, 'host_key');
  if (!existsSync(hostKeyFile)) keyPair(hostKeyFile);
  writeFileSync(join(folder, 'authorized_keys'), readFileSync(authorizedKey));
  for (let tries = 0; ; tries++) {
    const listenOn = port ?? (await freePort());
    const config = join(folder, 'sshd_config');
    writeFileSync(
      config,
      [
        `Port ${listenOn}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${hostKeyFile}`,
        `AuthorizedKeysFile ${join(folder, 'authorized_keys')}`,
        `PidFile ${join(folder, 'sshd.pid')}`,
        'StrictModes no',
        'UsePAM no',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'PermitRootLogin prohibit-password',
        'MaxStartups 100',
        'LogLevel ERROR',
        '',
      ].join('\n'),
    );
    const child = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    const started = await listening(child, listenOn);
    if (started === true) {
      const pid = child.pid as number;
      return {
        port: listenOn,
        pid,
        hostKey: publicKeyBlob(`${hostKeyFile}.pub`),
        fingerprint: fingerprintOf(`${hostKeyFile}.pub`),
        target: `${userInfo().username}@127.0.0.1:${listenOn}`,
        stop: () =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
        kill: () => {
          for (const p of [pid, ...descendants(pid)]) {
            try {
              process.kill(p, 'SIGKILL');
            } catch {
              // already gone
            }
          }
        },
      };
    }
    if (tries >= 3 || port !== undefined) throw new Error(`sshd did not start: ${started}`);
  }
}

/** Wait until sshd accepts connections on `port`; true, or what it said before it exited. */
function listening(child: ChildProcess, port: number): Promise<true | string> {
  return new Promise((resolve) => {
    let said = '';
    child.stderr?.on('data', (data: Buffer) => {
      said += data.toString();
    });
    child.once('exit', (code) => resolve(`exit code ${code}: ${said.trim()}`));
    const poll = async () => {
      for (;;) {
        if (child.exitCode !== null) return;
        const open = await new Promise<boolean>((done) => {
          const socket = new Socket();
          socket.once('connect', () => {
            socket.destroy();
            done(true);
          });
          socket.once('error', () => done(false));
          socket.connect(port, '127.0.0.1');
        });
        if (open) return resolve(true);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    void poll();
  });
}
