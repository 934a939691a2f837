import type { StateCreator } from 'zustand';
import type { HostStats } from '../../src/core/index';
import type { HostStatus } from '../../src/protocol/index';
import type { StudioState } from './index';

/** Where the page's connection to the relay stands (src/remote RelayState). */
export type RelayConnection = 'connecting' | 'open' | 'closed';

/**
 * Remote hosts as the studio shows them (app/features/hosts). The host list and states come from the page's
 * relay client (hostActions.ts); the per-host figures come from the run worker's pool (runActions.ts), which
 * has its own relay client, and are matched to hosts by name. The two options shape the next run's pool.
 */
export interface HostsSlice {
  /** The relay's hosts, in the order it lists them. */
  readonly hosts: readonly HostStatus[];
  readonly relayState: RelayConnection;
  /** The relay's last refusal, or why it cannot be reached, in one sentence; '' for none. */
  readonly relayNotice: string;
  /** Figures of the run's pool: the local workers first (when the run has any), then each host. */
  readonly hostFigures: readonly HostStats[];
  /** The run's pool has work that no worker can take now: the run waits for a host. */
  readonly waitingForHosts: boolean;
  /** Run every evaluation on the hosts, none on this machine. */
  readonly remoteOnly: boolean;
  /** Most workers on this machine beside the hosts; null for the setup's worker count. */
  readonly localWorkerCap: number | null;
  setRelayView(view: { readonly hosts: readonly HostStatus[]; readonly relayState: RelayConnection; readonly relayNotice: string }): void;
  setHostsReport(figures: readonly HostStats[], waiting: boolean): void;
  setRemoteOnly(remoteOnly: boolean): void;
  setLocalWorkerCap(cap: number | null): void;
}

export const createHostsSlice: StateCreator<StudioState, [], [], HostsSlice> = (set) => ({
  hosts: [],
  relayState: 'connecting',
  relayNotice: '',
  hostFigures: [],
  waitingForHosts: false,
  remoteOnly: false,
  localWorkerCap: null,
  setRelayView: (view) => set(view),
  setHostsReport: (hostFigures, waitingForHosts) => set({ hostFigures, waitingForHosts }),
  setRemoteOnly: (remoteOnly) => set({ remoteOnly }),
  setLocalWorkerCap: (localWorkerCap) => set({ localWorkerCap }),
});
