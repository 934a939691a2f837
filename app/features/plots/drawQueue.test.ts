import { describe, expect, it } from 'vitest';
import { DrawQueue, defaultDrawPolicy } from './drawQueue';

/**
 * A page simulated frame by frame: every plot always wants a redraw (a run sends snapshots faster than plots
 * draw), each draw blocks the main thread for its plot's cost, and the loop asks the queue once per frame.
 */
function simulate(costs: Record<string, number>, options: { seconds: number; hidden?: readonly string[]; frameMs?: number }) {
  const queue = new DrawQueue<string>();
  for (const name of Object.keys(costs)) queue.add(name);
  for (const name of options.hidden ?? []) queue.setVisible(name, false);
  const frameMs = options.frameMs ?? 1000 / 60;
  const draws: { name: string; start: number; cost: number }[] = [];
  let now = 0;
  let frame = 0;
  while (now < options.seconds * 1000) {
    for (const name of Object.keys(costs)) queue.request(name);
    const next = queue.next(now);
    if (next !== undefined) {
      const cost = costs[next] as number;
      queue.begin(next, now);
      draws.push({ name: next, start: now, cost });
      now += cost;
      queue.end(next, now, cost);
    }
    // The next frame is the first one due after the draw (a long task delays it).
    frame = Math.max(frame + 1, Math.ceil(now / frameMs));
    now = frame * frameMs;
  }
  const busy = draws.reduce((sum, draw) => sum + draw.cost, 0);
  const of = (name: string) => draws.filter((draw) => draw.name === name);
  return { draws, busyShare: busy / now, of };
}

describe('DrawQueue', () => {
  it('redraws cheap plots 20 times a second, taking turns, one per frame', () => {
    const { of, draws } = simulate({ a: 2, b: 2, c: 2, d: 2 }, { seconds: 10 });
    for (const name of ['a', 'b', 'c', 'd']) {
      expect(of(name).length).toBeGreaterThanOrEqual(150);
      expect(of(name).length).toBeLessThanOrEqual(201);
    }
    // Turns: no plot is drawn twice while another that wants a redraw waits.
    for (let k = 4; k < draws.length; k++) expect(new Set(draws.slice(k - 4, k).map((draw) => draw.name)).size).toBe(4);
    // One per frame: no two draws start in the same frame.
    for (let k = 1; k < draws.length; k++) expect((draws[k] as { start: number }).start - (draws[k - 1] as { start: number }).start).toBeGreaterThan(1000 / 60 - 1e-9);
  });

  it('keeps drawing to 1/costFactor of the main thread (a sixth) when plots are costly', () => {
    const { busyShare, of } = simulate({ a: 300, b: 120, c: 120, d: 700 }, { seconds: 60 });
    const k = defaultDrawPolicy.costFactor;
    expect(busyShare).toBeLessThanOrEqual(1 / k + 0.01);
    expect(busyShare).toBeGreaterThan(0.9 / k);
    // Every plot still gets its turn: after a draw of c ms the page rests (k − 1)·c, so a round of the four
    // takes k × (300 + 120 + 120 + 700) ms, and each plot is drawn 60 s / that many times, give or take one.
    const rounds = 60_000 / (k * (300 + 120 + 120 + 700));
    for (const name of ['a', 'b', 'c', 'd']) {
      expect(of(name).length).toBeGreaterThanOrEqual(Math.floor(rounds) - 1);
      expect(of(name).length).toBeLessThanOrEqual(Math.ceil(rounds) + 1);
    }
  });

  it('waits k times a plot’s own last draw before drawing it again', () => {
    const { of } = simulate({ slow: 100 }, { seconds: 10 });
    const starts = of('slow').map((draw) => draw.start);
    for (let k = 1; k < starts.length; k++) expect((starts[k] as number) - (starts[k - 1] as number)).toBeGreaterThanOrEqual(defaultDrawPolicy.costFactor * 100 - 1e-9);
    expect(starts.length).toBeGreaterThanOrEqual(Math.floor(10_000 / (defaultDrawPolicy.costFactor * 100)) - 1);
  });

  it('skips plots that are not visible and draws them once they are', () => {
    const queue = new DrawQueue<string>();
    queue.add('shown');
    queue.add('off-screen');
    queue.setVisible('off-screen', false);
    expect(queue.next(0)).toBe('shown');
    queue.begin('shown', 0);
    expect(queue.next(1)).toBeUndefined();
    queue.end('shown', 1, 1);
    expect(queue.waiting).toBe(false);
    expect(queue.next(1000)).toBeUndefined();
    queue.setVisible('off-screen', true);
    expect(queue.waiting).toBe(true);
    expect(queue.next(1000)).toBe('off-screen');
  });

  it('draws a plot only when it was asked to, and never two at once', () => {
    const queue = new DrawQueue<string>();
    queue.add('a');
    queue.add('b');
    expect(queue.next(0)).toBe('a');
    queue.begin('a', 0);
    // While a draws, nothing else starts, however long it takes.
    expect(queue.next(10_000)).toBeUndefined();
    queue.end('a', 10_000, 5);
    expect(queue.next(10_100)).toBe('b');
    queue.begin('b', 10_100);
    queue.end('b', 10_101, 1);
    // Both drawn and nothing changed since: nothing to do.
    expect(queue.next(20_000)).toBeUndefined();
    queue.request('a');
    expect(queue.next(20_000)).toBe('a');
  });

  it('lets the others go on when a plot is removed while it draws', () => {
    const queue = new DrawQueue<string>();
    queue.add('gone');
    queue.add('stays');
    queue.begin('gone', 0);
    queue.delete('gone');
    expect(queue.next(1)).toBe('stays');
  });
});

describe('DrawQueue: plots coming into view', () => {
  it('draws a plot that comes into view at the next chance, without waiting for the rest after a costly draw', () => {
    const queue = new DrawQueue<string>();
    for (const name of ['a', 'b', 'c']) queue.add(name);
    queue.setVisible('b', false);
    queue.setVisible('c', false);
    // a draws, for 200 ms: the main thread then rests for 600 ms, and a itself may not draw for 800 ms.
    expect(queue.next(0)).toBe('a');
    queue.begin('a', 0);
    expect(queue.next(100)).toBeUndefined();
    queue.end('a', 200, 200);
    queue.request('a');
    expect(queue.next(250)).toBeUndefined();
    // b and c scroll into view: both are drawn one after the other, before the rest is over.
    queue.setVisible('b', true);
    queue.setVisible('c', true);
    const first = queue.next(250) as string;
    expect(['b', 'c']).toContain(first);
    queue.begin(first, 250);
    expect(queue.next(260)).toBeUndefined();
    queue.end(first, 270, 20);
    const second = queue.next(290) as string;
    expect(['b', 'c']).toContain(second);
    expect(second).not.toBe(first);
    queue.begin(second, 290);
    queue.end(second, 310, 20);
    // Their first draw was their free one: the rest rules apply again.
    queue.request('b');
    queue.request('c');
    expect(queue.next(320)).toBeUndefined();
  });
});
