import { userInfo } from 'node:os';
import type { HostGroup } from '../core';
import type { HostConfig } from '../protocol';
import { hostSpec } from './hostSpec';
import { SshHost, type SshHostOptions } from './sshHost';

/**
 * The hosts one relay (or one CLI run) uses, by name. Adding a host validates its configuration and starts
 * connecting; adding it again with another configuration replaces it. A HostGroup for RemotePool.
 */
export class SshHosts implements HostGroup {
  private readonly byName = new Map<string, SshHost>();
  private readonly listeners = new Set<() => void>();
  private closed = false;

  constructor(
    private readonly options: SshHostOptions,
    /** The user name for targets given without one. */
    private readonly defaultUser: string = userInfo().username,
  ) {}

  get hosts(): readonly SshHost[] {
    return [...this.byName.values()];
  }

  get(name: string): SshHost | undefined {
    return this.byName.get(name);
  }

  /** Validate and connect a host; throws OptionError (nothing changes) when the configuration is wrong. */
  add(config: HostConfig, cwd?: string): SshHost {
    const spec = hostSpec(config, this.defaultUser, cwd);
    const existing = this.byName.get(spec.name);
    if (existing) {
      if (JSON.stringify(existing.spec.config) === JSON.stringify(config) && existing.state !== 'failed' && existing.state !== 'changed-key') return existing;
      void existing.close();
    }
    const host = new SshHost(spec, this.options, () => this.changed());
    this.byName.set(spec.name, host);
    this.changed();
    return host;
  }

  /** Disconnect a host and forget it; false if there is none by that name. */
  remove(name: string): boolean {
    const host = this.byName.get(name);
    if (!host) return false;
    this.byName.delete(name);
    void host.close();
    this.changed();
    return true;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Disconnect every host. */
  async close(): Promise<void> {
    this.closed = true;
    const hosts = [...this.byName.values()];
    this.byName.clear();
    await Promise.all(hosts.map((host) => host.close()));
  }

  private changed(): void {
    if (this.closed) return;
    for (const listener of [...this.listeners]) listener();
  }
}
