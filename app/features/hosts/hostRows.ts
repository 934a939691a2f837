import type { HostStats } from '../../../src/core/index';
import type { HostStatus } from '../../../src/protocol/index';

/** One line of the hosts panel: a host the relay lists, or this machine's workers during a run. */
export interface HostRow {
  /** `user@host:port`, or `local`. */
  readonly name: string;
  /** The relay's view of the host; undefined for the local workers. */
  readonly status: HostStatus | undefined;
  /** The run pool's figures for it; undefined before a run used it. */
  readonly figures: HostStats | undefined;
  readonly workers: number;
  /** The latest round trip known: the relay's, else the pool's. */
  readonly latencyMs: number | undefined;
}

/**
 * The panel's lines: the local workers first when the run's pool has them, then every host in the relay's
 * order with its figures matched by name (figures of a host no longer listed are left out).
 */
export function hostRows(hosts: readonly HostStatus[], figures: readonly HostStats[]): HostRow[] {
  const byName = new Map(figures.map((lane) => [lane.name, lane]));
  const local = figures.find((lane) => lane.state === 'local');
  const rows: HostRow[] = local ? [{ name: local.name, status: undefined, figures: local, workers: local.workers, latencyMs: undefined }] : [];
  for (const status of hosts) {
    const lane = byName.get(status.name);
    rows.push({ name: status.name, status, figures: lane, workers: status.workers, latencyMs: status.latencyMs ?? lane?.latencyMs });
  }
  return rows;
}

/** The host waiting for its key to be accepted that the key dialog shows: the one asked for, else the first not put off. */
export function hostAwaitingKey(hosts: readonly HostStatus[], asked: string | undefined, putOff: ReadonlySet<string>): HostStatus | undefined {
  const waiting = hosts.filter((host) => host.state === 'unknown-key' && host.fingerprint !== null);
  return waiting.find((host) => host.name === asked) ?? waiting.find((host) => !putOff.has(keyOf(host)));
}

/** A host's unknown key, as the dialog remembers that the user put it off. */
export function keyOf(host: HostStatus): string {
  return `${host.name} ${host.fingerprint ?? ''}`;
}
