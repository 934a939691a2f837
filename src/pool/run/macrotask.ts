/**
 * Resolves on the next macrotask, so messages queued for this thread (a pause, a stop) are handled before the
 * caller goes on. A MessageChannel round trip, because nested setTimeout calls are clamped to 4 ms, which
 * would cost a fast run a third of its time.
 */
export function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}

const waiting: (() => void)[] = [];
const channel = new MessageChannel();
channel.port1.onmessage = () => waiting.shift()?.();
