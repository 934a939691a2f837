import { describe, expect, it } from 'vitest';
import type { HostStats } from '../../../src/core/index';
import type { HostStatus } from '../../../src/protocol/index';
import { hostAwaitingKey, hostRows, keyOf } from './hostRows';

function status(name: string, state: HostStatus['state'], extra: Partial<HostStatus> = {}): HostStatus {
  return { name, state, workers: 2, latencyMs: null, message: null, fingerprint: null, retryInMs: null, config: { target: name, identity: null, node: null, workers: null }, ...extra };
}

function lane(name: string, state: HostStats['state'], tasks: number, latencyMs?: number): HostStats {
  return { name, state, workers: 2, tasks, evaluations: tasks * 5, evaluationsPerSecond: 10, latencyMs, errors: 0, inFlight: 0 };
}

describe('hostRows', () => {
  it('puts the local workers first, then the relay’s hosts in its order with their figures by name', () => {
    const hosts = [status('u@b:22', 'ready', { latencyMs: 4 }), status('u@a:22', 'lost')];
    const figures = [lane('local', 'local', 3), lane('u@a:22', 'ready', 7, 9), lane('u@b:22', 'ready', 5, 2), lane('u@gone:22', 'ready', 1)];
    const rows = hostRows(hosts, figures);
    expect(rows.map((row) => row.name)).toEqual(['local', 'u@b:22', 'u@a:22']);
    expect(rows.map((row) => row.figures?.tasks)).toEqual([3, 5, 7]);
    // The relay's latest round trip wins over the pool's; without it, the pool's.
    expect(rows.map((row) => row.latencyMs)).toEqual([undefined, 4, 9]);
    expect(rows[2]?.status?.state).toBe('lost');
  });

  it('lists hosts without figures before any run used them', () => {
    const rows = hostRows([status('u@a:22', 'connecting')], []);
    expect(rows).toEqual([{ name: 'u@a:22', status: status('u@a:22', 'connecting'), figures: undefined, workers: 2, latencyMs: undefined }]);
  });
});

describe('hostAwaitingKey', () => {
  const a = status('u@a:22', 'unknown-key', { fingerprint: 'SHA256:aaa' });
  const b = status('u@b:22', 'unknown-key', { fingerprint: 'SHA256:bbb' });
  const ready = status('u@c:22', 'ready');

  it('offers the first unknown key not put off, or the one asked for', () => {
    expect(hostAwaitingKey([ready, a, b], undefined, new Set())).toBe(a);
    expect(hostAwaitingKey([ready, a, b], undefined, new Set([keyOf(a)]))).toBe(b);
    expect(hostAwaitingKey([ready, a, b], undefined, new Set([keyOf(a), keyOf(b)]))).toBeUndefined();
    expect(hostAwaitingKey([ready, a, b], 'u@a:22', new Set([keyOf(a), keyOf(b)]))).toBe(a);
  });

  it('offers a key again when the host presents another one', () => {
    const changed = { ...a, fingerprint: 'SHA256:new' };
    expect(hostAwaitingKey([changed], undefined, new Set([keyOf(a)]))).toBe(changed);
  });
});
