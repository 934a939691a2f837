import type { HostPlan } from '../../src/pool/run/index';
import { RelayClient, type HostConfig } from '../../src/remote/index';
import { useStudioStore, type StudioState } from './index';

/**
 * The page's connection to the relay (src/remote RelayClient) that served it, for the hosts panel: it adds
 * and removes hosts, accepts host keys, and mirrors the relay's host list into the store. Runs do not use
 * this client: the run worker has its own (runActions.ts sends it `hostPlan()`), since chunks go from there.
 * When the relay restarts, the client reconnects by itself and adds again the hosts added here.
 */

let client: RelayClient | undefined;
/** The client's notice when last mirrored: a notice is news only when it differs. */
let shownNotice: string | undefined;

const store = () => useStudioStore.getState();

/** Connect to the relay (once); the hosts panel follows from then on. */
export function initHosts(): void {
  if (client) return;
  const relay = new RelayClient();
  client = relay;
  const mirror = () => {
    const notice = relay.lastNotice;
    const before = store();
    let relayNotice = before.relayNotice;
    // While the relay is away: why. Once it is back, that is old news; after that, only a new refusal shows.
    if (relay.state !== 'open') relayNotice = notice ?? '';
    else if (before.relayState !== 'open') relayNotice = '';
    else if (notice !== undefined && notice !== shownNotice) relayNotice = notice;
    shownNotice = notice;
    before.setRelayView({ hosts: relay.statuses(), relayState: relay.state, relayNotice });
  };
  relay.subscribe(mirror);
  mirror();
}

/** Ask the relay to add (or reconfigure) a host; a refusal comes back as the relay notice. */
export function addHost(config: HostConfig): void {
  store().setRelayView({ hosts: store().hosts, relayState: store().relayState, relayNotice: '' });
  client?.addHost(config);
}

export function removeHost(name: string): void {
  client?.removeHost(name);
}

/** Trust the unknown key a host presented; the user has seen `fingerprint` in the key dialog. */
export function acceptHostKey(name: string, fingerprint: string): void {
  client?.acceptKey(name, fingerprint);
}

export function dismissRelayNotice(): void {
  store().setRelayView({ hosts: store().hosts, relayState: store().relayState, relayNotice: '' });
}

/**
 * Where the next run's evaluations go. Hosts are used as soon as the relay lists any (or with "remote
 * only", which then waits for one); the run worker waits briefly for the hosts ready here to be ready for
 * it too, so the first generation is spread over them.
 */
export function hostPlan(s: StudioState = store()): HostPlan {
  return {
    useHosts: s.hosts.length > 0 || s.remoteOnly,
    remoteOnly: s.remoteOnly,
    localCap: s.localWorkerCap,
    readyHosts: s.hosts.filter((host) => host.state === 'ready').map((host) => host.name),
  };
}
