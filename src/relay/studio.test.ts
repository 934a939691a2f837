import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStudioRelay, readHostsConfig } from './studio';

describe('the hosts config file of npm start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sibyl-hosts-config-'));
  const write = (name: string, data: unknown): string => {
    const file = join(dir, name);
    writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
    return file;
  };

  it('reads hosts with their identity, Node binary and worker count, defaults as null', () => {
    const file = write('good.json', {
      knownHosts: 'kh',
      hosts: [{ target: 'me@127.0.0.1:2222', identity: 'id_ed25519', node: '/usr/bin/node', workers: 3 }, { target: 'you@localhost:22' }],
    });
    expect(readHostsConfig(file)).toEqual({
      knownHosts: 'kh',
      hosts: [
        { target: 'me@127.0.0.1:2222', identity: 'id_ed25519', node: '/usr/bin/node', workers: 3 },
        { target: 'you@localhost:22', identity: null, node: null, workers: null },
      ],
    });
  });

  it('names the file and the entry for every mistake', () => {
    expect(() => readHostsConfig(write('notjson.json', '{'))).toThrow(/Cannot read the hosts config .*notjson\.json/);
    expect(() => readHostsConfig(write('list.json', []))).toThrow(/must hold a JSON object/);
    expect(() => readHostsConfig(write('extra.json', { hosts: [], port: 1 }))).toThrow(/unknown field "port"/);
    expect(() => readHostsConfig(write('workers.json', { hosts: [{ target: 'a@b:1', workers: 0 }] }))).toThrow(/hosts\[0\]\.workers must be a positive integer/);
    expect(() => readHostsConfig(write('target.json', { hosts: [{ identity: 'x' }] }))).toThrow(/hosts\[0\]\.target must be "user@host:port"/);
  });

  it('refuses a host string with shell metacharacters before connecting anything', () => {
    const file = write('evil.json', { hosts: [{ target: 'me@127.0.0.1:22;touch /tmp/pwned' }] });
    expect(() => createStudioRelay(['--hosts-config', file, '--known-hosts', join(dir, 'kh')], '127.0.0.1', dir)).toThrow();
  });

  it('starts a relay with the configured hosts and closes it', async () => {
    const file = write('one.json', { hosts: [{ target: 'me@127.0.0.1:9', workers: 1 }] });
    const relay = createStudioRelay(['--hosts-config', file, '--known-hosts', join(dir, 'kh')], '127.0.0.1', dir);
    await relay.close();
  });
});
