import { describe, expect, it } from 'vitest';
import { hostSpec } from '../../../src/relay/hostSpec';
import { EMPTY_HOST_FORM, hostConfig, hostFormErrors } from './hostForm';

const form = (fields: Partial<typeof EMPTY_HOST_FORM>) => ({ ...EMPTY_HOST_FORM, ...fields });

describe('the add-host form', () => {
  it('takes user@host:port, a bare host, an IP address and a bracketed IPv6 address', () => {
    for (const target of ['alice@compute-1.example.org:2222', 'node7', '10.0.0.5:22', 'bob@[::1]:2200', ' carol@Host.lan ']) {
      expect(hostFormErrors(form({ target })), target).toEqual({});
    }
  });

  it('names what is wrong with a host string, the same way the relay would refuse it', () => {
    expect(hostFormErrors(form({ target: '' })).target).toMatch(/user@host:port/);
    expect(hostFormErrors(form({ target: 'al ice@host' })).target).toMatch(/user name/);
    expect(hostFormErrors(form({ target: 'alice@host;rm -rf ~' })).target).toMatch(/host name or an IP address/);
    expect(hostFormErrors(form({ target: 'alice@-host' })).target).toMatch(/host name/);
    expect(hostFormErrors(form({ target: 'alice@host:0' })).target).toMatch(/port/);
    expect(hostFormErrors(form({ target: 'alice@host:65536' })).target).toMatch(/port/);
    expect(hostFormErrors(form({ target: 'alice@host:22x' })).target).toMatch(/port/);
    expect(hostFormErrors(form({ target: 'alice@[::1' })).target).toMatch(/closing bracket/);
    expect(hostFormErrors(form({ target: 'alice@[nope]:22' })).target).toMatch(/IPv6/);
    expect(hostFormErrors(form({ target: 'alice@[::1]x' })).target).toMatch(/Only :port/);
  });

  it('takes a plain Node path and refuses anything a shell would read', () => {
    for (const node of ['', '/usr/bin/node', '~/.nvm/versions/node/v20.19.0/bin/node', 'node20']) {
      expect(hostFormErrors(form({ target: 'h', node })), node).toEqual({});
    }
    for (const node of ['$(reboot)', '/usr/bin/node --inspect', '../node', '/opt/../bin/node', "no'de", '-e']) {
      expect(hostFormErrors(form({ target: 'h', node })).node, node).toMatch(/plain path/);
    }
  });

  it('takes 1 to 1024 workers or none', () => {
    for (const workers of ['', '1', '64', '1024']) expect(hostFormErrors(form({ target: 'h', workers })), workers).toEqual({});
    for (const workers of ['0', '1025', '2.5', '-3', 'four', '1e2']) expect(hostFormErrors(form({ target: 'h', workers })).workers, workers).toMatch(/1 to 1024/);
  });

  it('sends empty fields as null (the agent, node on the PATH, the host’s cores) and trims the rest', () => {
    expect(hostConfig(form({ target: ' u@h:22 ' }))).toEqual({ target: 'u@h:22', identity: null, node: null, workers: null });
    expect(hostConfig(form({ target: 'u@h', identity: ' /keys/id ', node: '/usr/bin/node', workers: ' 4 ' }))).toEqual({ target: 'u@h', identity: '/keys/id', node: '/usr/bin/node', workers: 4 });
  });

  it('accepts exactly what the relay accepts (its hostSpec is the authority; this form only checks early)', () => {
    const targets = ['u@h', 'h:22', 'u@h:65535', 'u@h:0', 'u@[::1]:22', 'u@[::1', 'u@[fe80::1%eth0]', '.h', 'h..x', 'a-b.c', '-a', 'u@h:', 'u@@h', 'ü@h', 'x'.repeat(64), 'u@1.2.3.4'];
    const nodes = ['', 'node', '/a/b', '~/n', '~n', '/a/../b', 'a b', '+x', '.n'];
    const workers = ['', '1', '1024', '1025', '0', '3.0', ' 7 '];
    const accepted = (config: Parameters<typeof hostSpec>[0]) => {
      try {
        hostSpec(config, 'me');
        return true;
      } catch {
        return false;
      }
    };
    for (const target of targets) {
      const formAccepts = hostFormErrors(form({ target })).target === undefined;
      expect(formAccepts, target).toBe(accepted({ target, identity: null, node: null, workers: null }));
    }
    for (const node of nodes) {
      const formAccepts = hostFormErrors(form({ target: 'h', node })).node === undefined;
      expect(formAccepts, node).toBe(accepted(hostConfig(form({ target: 'h', node }))));
    }
    for (const count of workers) {
      const formAccepts = hostFormErrors(form({ target: 'h', workers: count })).workers === undefined;
      if (formAccepts) expect(accepted(hostConfig(form({ target: 'h', workers: count }))), count).toBe(true);
    }
  });
});
