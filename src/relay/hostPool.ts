import { availableParallelism, homedir } from 'node:os';
import { join } from 'node:path';
import { OptionError, RemotePool, type HostStats } from '../core';
import { nodeWorkers } from '../pool/node/nodeWorkers';
import { WorkerPool } from '../pool/workerPool';
import { hostConfigs, localPath } from './hostSpec';
import { KnownHosts } from './knownHosts';
import { builtProgram } from './program';
import type { SshHostOptions } from './sshHost';
import { SshHosts } from './sshHosts';

export interface HostPoolOptions {
  /** `--hosts`: user@host:port, comma-separated. */
  readonly hosts: string;
  /** `--identity`: the private key for every host; default the SSH agent or the usual ~/.ssh keys. */
  readonly identity?: string | undefined;
  /** `--known-hosts`: default ~/.ssh/known_hosts. */
  readonly knownHosts?: string | undefined;
  /** `--local-workers`: worker threads on this machine beside the hosts (0: hosts only); default its cores. */
  readonly localWorkers?: number | undefined;
  /** Folder relative paths are resolved against. */
  readonly cwd: string;
  /** The local workers' entry (default dist/node/pool-worker.js) and the remote program (tests build them). */
  readonly workerEntry?: string | URL | undefined;
  readonly program?: (() => Uint8Array) | undefined;
  /** Heartbeat and back-off settings (tests shorten them). */
  readonly timing?: Pick<SshHostOptions, 'heartbeatMs' | 'silenceMs' | 'backoffMs' | 'maxBackoffMs' | 'connectTimeoutMs'>;
}

/** A RemotePool over SSH hosts for one CLI run, and how to end it. */
export interface HostPool {
  readonly pool: RemotePool;
  readonly hosts: SshHosts;
  /** One line on where evaluations run, for --verbose. */
  readonly plan: string;
  /** End the pool and disconnect the hosts. */
  end(how: 'close' | 'terminate'): Promise<void>;
}

/** How long to wait for every host's first connection before the run starts. */
const FIRST_CONNECT_MS = 20_000;

/**
 * The command line's remote hosts (`--hosts … --identity … --known-hosts … --local-workers …`): connect to
 * every host, wait until each is ready or has failed (so the first generation is spread over all of them,
 * not run locally while hosts connect), and return a RemotePool over the hosts and the local workers. An
 * unknown host key cannot be accepted here: its host fails with the fingerprint and how to add it.
 */
export async function openHostPool(options: HostPoolOptions): Promise<HostPool> {
  const knownHostsFile = localPath(options.knownHosts ?? join(homedir(), '.ssh', 'known_hosts'), options.cwd);
  const local = options.localWorkers ?? availableParallelism();
  if (!Number.isInteger(local) || local < 0) throw new OptionError('local-workers', `--local-workers must be a non-negative integer, got ${String(local)}.`);
  const configs = hostConfigs(options.hosts, options.identity);
  const hosts = new SshHosts({ knownHosts: new KnownHosts(knownHostsFile), program: options.program ?? builtProgram, ...options.timing });
  try {
    for (const config of configs) hosts.add(config, options.cwd);
  } catch (error) {
    await hosts.close();
    throw error;
  }
  await firstConnections(hosts);
  const workers = local > 0 ? new WorkerPool({ factory: options.workerEntry === undefined ? nodeWorkers() : nodeWorkers(options.workerEntry), size: local }) : undefined;
  const pool = new RemotePool({ hosts, whenStranded: 'fail', ...(workers ? { local: workers } : {}) });
  const ready = hosts.hosts.filter((host) => host.state === 'ready');
  const plan = `Hosts: ${ready.length} of ${hosts.hosts.length} ready (${ready.reduce((sum, host) => sum + host.workers, 0)} workers)${local > 0 ? `, and ${local} local worker thread${local === 1 ? '' : 's'}` : ', no local workers'}.`;
  return {
    pool,
    hosts,
    plan,
    end: async (how) => {
      await (how === 'close' ? pool.close() : pool.terminate());
      await hosts.close();
    },
  };
}

/** Resolve once every host has been ready or failed once (lost hosts keep trying meanwhile). */
function firstConnections(hosts: SshHosts): Promise<void> {
  const settled = new Set<string>();
  return new Promise((resolve) => {
    const check = () => {
      for (const host of hosts.hosts) if (host.state !== 'connecting') settled.add(host.name);
      if (hosts.hosts.every((host) => settled.has(host.name))) finish();
    };
    const timer = setTimeout(() => finish(), FIRST_CONNECT_MS);
    const unsubscribe = hosts.subscribe(check);
    const finish = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    check();
  });
}

/** Per-host figures as a small table, for the CLI's verbose output. */
export function formatHostStats(stats: readonly HostStats[]): string {
  const rows = stats.map((s) => [
    s.name,
    String(s.workers),
    String(s.tasks),
    String(s.evaluations),
    s.evaluationsPerSecond.toFixed(1),
    s.latencyMs === undefined ? '-' : `${s.latencyMs.toFixed(1)} ms`,
    String(s.errors),
    s.state,
  ]);
  const header = ['host', 'workers', 'tasks', 'evaluations', 'evals/s', 'latency', 'errors', 'state'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join('  ');
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}
