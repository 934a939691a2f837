/** The clock and frame source a throttle uses; the browser's by default, a fake one in tests. */
export interface FrameScheduler {
  now(): number;
  requestFrame(callback: () => void): number;
  cancelFrame(handle: number): void;
}

const browserScheduler: FrameScheduler = {
  now: () => performance.now(),
  requestFrame: (callback) => requestAnimationFrame(callback),
  cancelFrame: (handle) => cancelAnimationFrame(handle),
};

/** At most 20 redraws a second: plotly redraws are the main thread's largest cost during a run. */
export const minRedrawIntervalMs = 50;

export interface FrameThrottle {
  /** Ask for a redraw; many requests between two frames make one redraw. */
  schedule(): void;
  /** Drop a pending redraw (on unmount). */
  dispose(): void;
}

/** Frames land a little before or after their nominal time; a redraw that is due within this much is drawn. */
const frameJitterMs = 2;

/**
 * Redraw on an animation frame, at most once per `minIntervalMs` on average. Redraws are due on a grid of
 * `minIntervalMs` steps (restarted after an idle spell), so a 60 Hz display that delivers frame 3 a hair
 * before 50 ms still redraws at 20 Hz, not 15. A request that comes too early waits for a later frame
 * rather than being dropped, so the last state is always drawn.
 */
export function createFrameThrottle(draw: () => void, minIntervalMs = minRedrawIntervalMs, scheduler: FrameScheduler = browserScheduler): FrameThrottle {
  let pending: number | undefined;
  let nextDue = -Infinity;
  const onFrame = (): void => {
    const now = scheduler.now();
    if (now < nextDue - frameJitterMs) {
      pending = scheduler.requestFrame(onFrame);
      return;
    }
    pending = undefined;
    nextDue = Math.max(now, nextDue) + minIntervalMs;
    draw();
  };
  return {
    schedule() {
      pending ??= scheduler.requestFrame(onFrame);
    },
    dispose() {
      if (pending !== undefined) scheduler.cancelFrame(pending);
      pending = undefined;
    },
  };
}
