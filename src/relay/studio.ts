import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { OptionError, errorMessage } from '../core';
import type { HostConfig } from '../protocol';
import { localPath } from './hostSpec';
import { KnownHosts } from './knownHosts';
import { builtProgram } from './program';
import { Relay } from './relay';
import { SshHosts } from './sshHosts';

/**
 * The relay of `npm start`, from the server's command line:
 *   --known-hosts FILE    host keys to trust and where accepted keys go (default ~/.ssh/known_hosts)
 *   --hosts-config FILE   hosts to connect at start: {"knownHosts"?: FILE, "hosts": [{"target": "user@host:port",
 *                         "identity"?: FILE, "node"?: PATH, "workers"?: N}, …]}
 * `listen` is the address the server listens on; a host name there is allowed as the page's Host.
 */
export function createStudioRelay(argv: readonly string[], listen: string, cwd = process.cwd()): Relay {
  const configFile = flagValue(argv, '--hosts-config');
  const config = configFile === undefined ? { knownHosts: undefined, hosts: [] } : readHostsConfig(localPath(configFile, cwd));
  const knownHostsFile = localPath(flagValue(argv, '--known-hosts') ?? config.knownHosts ?? join(homedir(), '.ssh', 'known_hosts'), cwd);
  const hosts = new SshHosts({ knownHosts: new KnownHosts(knownHostsFile), program: builtProgram });
  for (const host of config.hosts) hosts.add(host, cwd);
  return new Relay({ hosts, allowedHosts: [listen] });
}

function flagValue(argv: readonly string[], flag: string): string | undefined {
  const index = argv.indexOf(flag);
  if (index < 0) return undefined;
  const value = argv[index + 1];
  if (value === undefined || value.startsWith('--')) throw new OptionError(flag.slice(2), `${flag} needs a file.`);
  return value;
}

/** Read and check a hosts config file; every mistake names the file and the entry. */
export function readHostsConfig(file: string): { knownHosts: string | undefined; hosts: HostConfig[] } {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new OptionError('hosts-config', `Cannot read the hosts config ${file}: ${errorMessage(error)}.`);
  }
  const wrong = (why: string): never => {
    throw new OptionError('hosts-config', `${file}: ${why}.`);
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) wrong('it must hold a JSON object with a "hosts" list');
  const { knownHosts, hosts, ...rest } = data as Record<string, unknown>;
  if (Object.keys(rest).length > 0) wrong(`unknown field "${Object.keys(rest)[0]}" (fields: knownHosts, hosts)`);
  if (knownHosts !== undefined && typeof knownHosts !== 'string') wrong('"knownHosts" must be a file name');
  if (!Array.isArray(hosts)) wrong('"hosts" must be a list');
  const configs = (hosts as unknown[]).map((entry, i): HostConfig => {
    if (typeof entry !== 'object' || entry === null) wrong(`hosts[${i}] must be an object`);
    const { target, identity, node, workers, ...more } = entry as Record<string, unknown>;
    if (Object.keys(more).length > 0) wrong(`hosts[${i}] has an unknown field "${Object.keys(more)[0]}" (fields: target, identity, node, workers)`);
    if (typeof target !== 'string') wrong(`hosts[${i}].target must be "user@host:port"`);
    if (identity !== undefined && typeof identity !== 'string') wrong(`hosts[${i}].identity must be a file name`);
    if (node !== undefined && typeof node !== 'string') wrong(`hosts[${i}].node must be a path`);
    if (workers !== undefined && (typeof workers !== 'number' || !Number.isInteger(workers) || workers < 1)) wrong(`hosts[${i}].workers must be a positive integer`);
    return { target: target as string, identity: (identity as string | undefined) ?? null, node: (node as string | undefined) ?? null, workers: (workers as number | undefined) ?? null };
  });
  return { knownHosts: knownHosts as string | undefined, hosts: configs };
}
