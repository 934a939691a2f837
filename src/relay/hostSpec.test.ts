import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostConfigs, hostSpec, nodeBinary, parseTarget } from './hostSpec';
import { KnownHosts, fingerprint, hostPattern, keyTypeOf } from './knownHosts';
import { remoteCommand, wrapProgram } from './program';
import { keyPair, publicKeyBlob } from './testing/sshd';

describe('host strings', () => {
  it('read user@host:port, with the defaults, IPv6 in brackets and names in lower case', () => {
    expect(parseTarget('alice@Box.Example.org:2222', 'me')).toEqual({ user: 'alice', host: 'box.example.org', port: 2222, name: 'alice@box.example.org:2222' });
    expect(parseTarget('10.0.0.7', 'me')).toEqual({ user: 'me', host: '10.0.0.7', port: 22, name: 'me@10.0.0.7:22' });
    expect(parseTarget('bob@[::1]:2200', 'me')).toEqual({ user: 'bob', host: '::1', port: 2200, name: 'bob@[::1]:2200' });
    expect(parseTarget(' node-3 ', 'me').name).toBe('me@node-3:22');
  });

  it('refuse anything a shell could read as more than a name', () => {
    const bad = [
      'root@127.0.0.1;touch /tmp/pwned',
      'root@$(id):22',
      'root@`id`',
      "root@host'x",
      'root@host"x',
      'ro ot@host',
      'root@host name',
      'root@host:22 -oProxyCommand=id',
      '-oProxyCommand=id',
      'root@-host',
      'root@host|id',
      'root@host&',
      'root@host>x',
      'root@host\nid',
      'root@[::1;id]:22',
      'root@host:0',
      'root@host:65536',
      'root@host:22x',
      '$USER@host',
      '',
    ];
    for (const target of bad) expect(() => parseTarget(target, 'me'), JSON.stringify(target)).toThrow(/is not a host/);
  });

  it('take a plain Node binary path, and nothing else', () => {
    expect(nodeBinary(null)).toBe('node');
    expect(nodeBinary('/usr/local/bin/node')).toBe('/usr/local/bin/node');
    expect(nodeBinary('~/.nvm/versions/node/v20.19.0/bin/node')).toBe('~/.nvm/versions/node/v20.19.0/bin/node');
    for (const bad of ['node; rm -rf ~', 'node $(id)', '`id`', "no'de", 'node\nid', '-e', '/opt/../bin/node', '~user/node', 'node --inspect']) {
      expect(() => nodeBinary(bad), bad).toThrow(/must be a plain path/);
    }
  });

  it('check a whole host configuration and the command line list', () => {
    const spec = hostSpec({ target: 'u@h:2', identity: 'keys/id', node: null, workers: 3 }, 'me', '/home/me');
    expect(spec).toMatchObject({ name: 'u@h:2', identity: '/home/me/keys/id', node: 'node', workers: 3 });
    expect(() => hostSpec({ target: 'u@h', identity: null, node: null, workers: 0 }, 'me')).toThrow(/worker count/);
    expect(hostConfigs('a@h1, b@h2:23,', undefined).map((c) => c.target)).toEqual(['a@h1', 'b@h2:23']);
    expect(() => hostConfigs(' , ', undefined)).toThrow(/at least one/);
  });
});

describe('the remote command', () => {
  it('starts the program streamed on stdin through a real shell, for a plain and a home-relative binary', async () => {
    // The program echoes what followed it on stdin: what the bootstrap read past it, then the rest.
    const program = wrapProgram('const b=globalThis.sibylBoot;process.stdout.write("started:"+b.rest);process.stdin.on("data",(d)=>process.stdout.write(d));process.stdin.resume();');
    for (const [node, env] of [[process.execPath, {}], ['~/bin/node', { HOME: join(tmpdir(), 'sibyl-home') }]] as const) {
      if (node.startsWith('~')) {
        execFileSync('mkdir', ['-p', join(env.HOME ?? '', 'bin')]);
        if (!existsSync(join(env.HOME ?? '', 'bin/node'))) execFileSync('ln', ['-s', process.execPath, join(env.HOME ?? '', 'bin/node')]);
      }
      const command = remoteCommand(node);
      const child = spawn('/bin/sh', ['-c', command], { env: { ...process.env, ...env } });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const prefix = Buffer.alloc(4);
      prefix.writeUInt32BE(program.length);
      child.stdin.write(Buffer.concat([prefix, program, Buffer.from('xy')]));
      child.stdin.end('z');
      await new Promise((resolve) => child.on('close', resolve));
      expect(out, node).toBe('started:xyz');
    }
  });

  it('refuses a binary that nodeBinary would not pass', () => {
    expect(() => remoteCommand('node;id')).toThrow(/Refusing/);
    expect(remoteCommand('node')).toMatch(/^exec 'node' -e '[^']+'$/);
  });
});

describe('known_hosts', () => {
  let folder: string;
  let key: Buffer;
  let other: Buffer;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'sibyl-known-'));
    keyPair(join(folder, 'k1'));
    keyPair(join(folder, 'k2'));
    key = publicKeyBlob(join(folder, 'k1.pub'));
    other = publicKeyBlob(join(folder, 'k2.pub'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const file = (name: string, lines: string[]) => {
    writeFileSync(join(folder, name), lines.join('\n'));
    return new KnownHosts(join(folder, name));
  };
  const line = (pattern: string, blob: Buffer) => `${pattern} ssh-ed25519 ${blob.toString('base64')}`;

  it('computes the fingerprint ssh-keygen prints', () => {
    const printed = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(folder, 'k1.pub')]).toString().split(/\s+/)[1];
    expect(fingerprint(key)).toBe(printed);
    expect(keyTypeOf(key)).toBe('ssh-ed25519');
  });

  it('knows a key by plain name, [host]:port, wildcard, and refuses a changed or revoked one', () => {
    const known = file('plain', ['# comment', '', line('box,10.0.0.9', key), line('[box]:2222', other), line('*.lab.example,!bad.lab.example', key), '@revoked * ' + `ssh-ed25519 ${other.toString('base64')}`]);
    expect(known.check('box', 22, key)).toEqual({ kind: 'known' });
    expect(known.check('10.0.0.9', 22, key)).toEqual({ kind: 'known' });
    expect(known.check('box', 2222, key)).toEqual({ kind: 'changed', fingerprint: fingerprint(key) });
    expect(known.check('n1.lab.example', 22, key)).toEqual({ kind: 'known' });
    expect(known.check('bad.lab.example', 22, key)).toEqual({ kind: 'unknown', fingerprint: fingerprint(key) });
    expect(known.check('elsewhere', 22, key)).toEqual({ kind: 'unknown', fingerprint: fingerprint(key) });
    expect(known.check('box', 2222, other)).toEqual({ kind: 'revoked', fingerprint: fingerprint(other) });
    expect(known.keyTypes('box', 22)).toEqual(['ssh-ed25519']);
  });

  it('reads names hashed by ssh-keygen -H, and adds accepted keys in a form ssh-keygen finds', () => {
    const known = file('hashed', [line(hostPattern('127.0.0.1', 2200), key), line('hashedhost', other)]);
    execFileSync('ssh-keygen', ['-H', '-f', known.file], { stdio: 'pipe' });
    expect(readFileSync(known.file, 'utf8')).not.toContain('hashedhost');
    expect(known.check('127.0.0.1', 2200, key)).toEqual({ kind: 'known' });
    expect(known.check('hashedhost', 22, other)).toEqual({ kind: 'known' });
    expect(known.check('127.0.0.1', 2201, key).kind).toBe('unknown');

    const fresh = new KnownHosts(join(folder, 'sub', 'fresh'));
    expect(fresh.check('n2', 2022, other).kind).toBe('unknown');
    fresh.add('n2', 2022, other);
    expect(fresh.check('n2', 2022, other)).toEqual({ kind: 'known' });
    const found = execFileSync('ssh-keygen', ['-F', '[n2]:2022', '-f', fresh.file]).toString();
    expect(found).toContain(other.toString('base64'));
  });
});
