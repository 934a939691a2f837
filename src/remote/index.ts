/**
 * The studio's remote hosts: RemotePool (the same scheduler the CLI uses, from src/core) over the hosts of
 * a RelayClient, which talks to the relay that served the page.
 *
 *   const relay = new RelayClient();                        // same origin; token fetched by itself
 *   const pool = new RemotePool({ hosts: relay, local: workerPool });
 */
export { RelayClient, type RelayClientOptions, type RelayState, type SocketFactory, type SocketLike } from './relayClient';
export { RemotePool, type HostGroup, type HostLink, type HostState, type HostStats, type RemotePoolOptions } from '../core/parallel/remotePool';
export type { HostConfig, HostStatus } from '../protocol';
