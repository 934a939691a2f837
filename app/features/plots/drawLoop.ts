import { pageDraws } from '../../../src/pool/run/index';
import { DrawQueue } from './drawQueue';

/** A plot the loop draws: its element (to see whether it is on screen) and how to redraw it. */
interface Registration {
  readonly element: Element;
  /** Shown in the `sibyl.plot.draw` performance measures (the plot's test id). */
  readonly name: string;
  readonly draw: () => Promise<void>;
}

export interface ScheduledPlot {
  /** The figure changed: redraw when the plot's turn comes. */
  request(): void;
  /** Stop drawing this plot (on unmount). */
  dispose(): void;
}

/**
 * The one loop that draws every plot of the page, by the rules of drawQueue.ts: on animation frames, one plot
 * per frame, skipping plots that are off-screen and the whole page while its tab is hidden. Each draw is
 * timed (start to the end of plotly's promise) and recorded as a `sibyl.plot.draw` performance measure, which
 * the benchmark reads and DevTools shows.
 */
const queue = new DrawQueue<Registration>();
const byElement = new Map<Element, Registration>();
let frame: number | undefined;
let visibility: IntersectionObserver | undefined;
let watchingTab = false;

function wake(): void {
  if (frame === undefined && queue.waiting && document.visibilityState !== 'hidden') frame = requestAnimationFrame(onFrame);
}

/**
 * Runs a draw in a task of its own rather than in the frame's: the frame then renders what the last draw
 * left, and the draw's own style, layout and paint come in the next frame's task. Plotly's work and the
 * browser's are two tasks, neither as long as both (the longest task is what a click may wait behind).
 */
const drawTasks = new MessageChannel();
let pendingDraw: { plot: Registration; at: number } | undefined;
drawTasks.port1.onmessage = () => {
  const pending = pendingDraw;
  pendingDraw = undefined;
  if (pending) draw(pending.plot, pending.at);
};

function onFrame(): void {
  frame = undefined;
  if (document.visibilityState === 'hidden') return;
  const now = performance.now();
  const next = queue.next(now);
  if (next) {
    pendingDraw = { plot: next, at: now };
    drawTasks.port2.postMessage(null);
  }
  // Something waits for its interval or for the rest after a draw: look again next frame.
  else if (queue.waiting) frame = requestAnimationFrame(onFrame);
}

function draw(plot: Registration, now: number): void {
  queue.begin(plot, now);
  const started = performance.now();
  // The run worker sees the redraw and gives way if it drags on (src/pool/run/pageDraws.ts).
  const draws = pageDraws();
  draws?.begin();
  plot
    .draw()
    // A failed redraw leaves the previous picture; the next change draws again.
    .catch((error: unknown) => console.error('A plot could not be redrawn:', error))
    .finally(() => {
      draws?.end();
      const ended = performance.now();
      queue.end(plot, ended, ended - started);
      performance.measure('sibyl.plot.draw', { start: started, end: ended, detail: plot.name });
      wake();
    });
}

function watchVisibility(element: Element): void {
  visibility ??= new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const plot = byElement.get(entry.target);
      if (plot) queue.setVisible(plot, entry.isIntersecting);
    }
    wake();
  });
  visibility.observe(element);
  if (!watchingTab) {
    watchingTab = true;
    document.addEventListener('visibilitychange', wake);
  }
}

/** Put a plot in the loop; it is drawn as soon as its turn comes. */
export function schedulePlot(element: Element, name: string, drawPlot: () => Promise<void>): ScheduledPlot {
  const plot: Registration = { element, name, draw: drawPlot };
  byElement.set(element, plot);
  queue.add(plot);
  watchVisibility(element);
  wake();
  return {
    request() {
      queue.request(plot);
      wake();
    },
    dispose() {
      queue.delete(plot);
      byElement.delete(element);
      visibility?.unobserve(element);
    },
  };
}
