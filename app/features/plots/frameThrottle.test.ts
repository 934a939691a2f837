import { describe, expect, it } from 'vitest';
import { createFrameThrottle } from './frameThrottle';
import type { FrameScheduler } from './frameThrottle';

/** A display driven by hand: `frame()` advances the clock by one frame and runs the callbacks. */
function fakeDisplay(hz = 60): FrameScheduler & { frame(): void; pendingCount(): number } {
  let time = 0;
  let next = 1;
  let callbacks = new Map<number, () => void>();
  return {
    now: () => time,
    requestFrame(callback) {
      callbacks.set(next, callback);
      return next++;
    },
    cancelFrame(handle) {
      callbacks.delete(handle);
    },
    frame() {
      time += 1000 / hz;
      const due = callbacks;
      callbacks = new Map();
      for (const callback of due.values()) callback();
    },
    pendingCount: () => callbacks.size,
  };
}

describe('createFrameThrottle', () => {
  it('merges requests between two frames into one redraw', () => {
    const display = fakeDisplay();
    let draws = 0;
    const throttle = createFrameThrottle(() => draws++, 50, display);
    for (let i = 0; i < 100; i++) throttle.schedule();
    expect(display.pendingCount()).toBe(1);
    display.frame();
    expect(draws).toBe(1);
  });

  it('redraws at most 20 times a second however often it is asked', () => {
    const display = fakeDisplay();
    let draws = 0;
    const throttle = createFrameThrottle(() => draws++, 50, display);
    for (let frame = 0; frame < 600; frame++) {
      throttle.schedule();
      display.frame();
    }
    // 600 frames at 60 Hz are 10 s: 20 Hz gives 200 redraws (every third frame), not 150 (every fourth).
    expect(draws).toBeGreaterThanOrEqual(198);
    expect(draws).toBeLessThanOrEqual(201);
  });

  it('keeps to 20 redraws a second on a 144 Hz display', () => {
    const display = fakeDisplay(144);
    let draws = 0;
    const throttle = createFrameThrottle(() => draws++, 50, display);
    for (let frame = 0; frame < 1440; frame++) {
      throttle.schedule();
      display.frame();
    }
    expect(draws).toBeGreaterThanOrEqual(190);
    expect(draws).toBeLessThanOrEqual(201);
  });

  it('draws a request that came too early on a later frame instead of dropping it', () => {
    const display = fakeDisplay();
    let draws = 0;
    const throttle = createFrameThrottle(() => draws++, 50, display);
    throttle.schedule();
    display.frame();
    throttle.schedule();
    display.frame();
    expect(draws).toBe(1);
    display.frame();
    display.frame();
    expect(draws).toBe(2);
    display.frame();
    expect(draws).toBe(2);
    expect(display.pendingCount()).toBe(0);
  });

  it('draws nothing after dispose', () => {
    const display = fakeDisplay();
    let draws = 0;
    const throttle = createFrameThrottle(() => draws++, 50, display);
    throttle.schedule();
    throttle.dispose();
    display.frame();
    expect(draws).toBe(0);
    expect(display.pendingCount()).toBe(0);
  });
});
