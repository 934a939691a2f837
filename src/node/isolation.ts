/**
 * Cross-origin isolation, on every page, worker and asset: it gives the studio SharedArrayBuffer, over which
 * the worker pool hands batches to its workers (src/pool/lane.ts). Everything the studio loads is its own.
 */
export const isolationHeaders = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
} as const;
