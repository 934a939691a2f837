import { OptionError, type SolverMeta } from '../core';
import { formatHostStats, openHostPool } from '../relay';
import type { SolveArgs } from './args';
import type { CliIO } from './io';
import type { RunPool } from './pool';

/**
 * `--hosts user@host:port,… [--identity FILE] [--known-hosts FILE] [--local-workers N]`: batches go to
 * worker programs on the hosts, started over SSH (docs/remote.md), and to N worker threads on this machine
 * (by default --workers if given, else its cores; 0 for the hosts only), pulled by whichever slot is free.
 * With --verbose, the per-host figures are printed when the run ends.
 */
export async function openHostsRunPool(args: SolveArgs & { readonly hosts: string }, meta: SolverMeta, io: CliIO): Promise<RunPool> {
  if (!meta.usesPool) {
    throw new OptionError('hosts', `${meta.id} evaluates one point at a time, so it cannot use --hosts (de2 and the ensembles can).`);
  }
  if (args.dispatch !== 'auto') {
    throw new OptionError('dispatch', '--dispatch chooses between worker threads and this thread; with --hosts every batch goes to the hosts and the local workers.');
  }
  const opened = await openHostPool({
    hosts: args.hosts,
    identity: args.identity,
    knownHosts: args.knownHosts,
    localWorkers: args.localWorkers ?? (args.workers > 0 ? args.workers : undefined),
    cwd: io.cwd,
    workerEntry: io.workerEntry,
    program: io.remoteProgram,
  });
  return {
    pool: opened.pool,
    plan: opened.plan,
    decided: () => undefined,
    summary: () => formatHostStats(opened.pool.stats()).trimEnd(),
    end: (how) => opened.end(how),
  };
}
