/**
 * The relay (Node): remote hosts over SSH for the studio (a WebSocket on the server that serves it) and for
 * the command line (a RemotePool over SshHosts, no browser). See docs/remote.md.
 */
export { Relay, type RelayOptions } from './relay';
export { createStudioRelay, readHostsConfig } from './studio';
export { openHostPool, formatHostStats, type HostPool, type HostPoolOptions } from './hostPool';
export { SshHosts } from './sshHosts';
export { SshHost, type SshHostOptions } from './sshHost';
export { KnownHosts, fingerprint } from './knownHosts';
export { hostSpec, parseTarget, type HostSpec } from './hostSpec';
