import { ProtocolError } from './errors';
import { bytesToFloats, floatsToBytes } from './frames';
import { message, type InputHeader, type Outcome, type ToStudio } from './messages';
import { decodeValue, encodeValue } from './values';

/** A chunk's inputs once decoded: the shape a pool worker runs (src/pool/wire.ts, ChunkInput). */
export type ChunkData =
  | { readonly kind: 'points'; readonly data: Float64Array; readonly dim: number; readonly count: number }
  | { readonly kind: 'calls'; readonly calls: readonly (readonly unknown[])[] };

/** A worker's answer for one chunk (src/pool/wire.ts, ChunkReply). */
export type ChunkReply =
  | { readonly kind: 'numbers'; readonly data: Float64Array }
  | { readonly kind: 'values'; readonly values: readonly unknown[] }
  | { readonly kind: 'threw'; readonly index: number; readonly message: string; readonly stack?: string }
  | { readonly kind: 'unloadable'; readonly message: string };

/** A chunk's outcome as the scheduler takes it (core's HostOutcome). */
export type DecodedOutcome =
  | { readonly kind: 'values'; readonly values: ArrayLike<unknown> }
  | { readonly kind: 'threw'; readonly index: number; readonly message: string; readonly stack?: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'crashed'; readonly reason: string }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'dropped'; readonly reason: string };

/**
 * Encode a chunk's argument lists. Calls that each take one array of numbers, all of one length (an
 * objective over a population), travel as float64 bytes; anything else as encoded values. Throws a
 * ProtocolError when an argument cannot travel (a function, shared memory).
 */
export function encodeCalls(calls: readonly (readonly unknown[])[]): { input: InputHeader; body: Uint8Array | undefined } {
  const points = asPoints(calls);
  if (points) return { input: { kind: 'points', dim: points.dim, count: calls.length }, body: floatsToBytes(points.data) };
  return { input: { kind: 'calls', calls: encodeValue(calls, 'an input') }, body: undefined };
}

function asPoints(calls: readonly (readonly unknown[])[]): { data: Float64Array; dim: number } | undefined {
  const head = calls[0];
  const first = head?.length === 1 ? head[0] : undefined;
  if (!Array.isArray(first)) return undefined;
  const dim = first.length;
  const data = new Float64Array(calls.length * dim);
  for (let i = 0, offset = 0; i < calls.length; i++, offset += dim) {
    const call = calls[i] as readonly unknown[];
    const x = call[0];
    if (call.length !== 1 || !Array.isArray(x) || x.length !== dim) return undefined;
    for (let j = 0; j < dim; j++) {
      const value: unknown = x[j];
      if (typeof value !== 'number') return undefined;
      data[offset + j] = value;
    }
  }
  return { data, dim };
}

/** Decode a chunk's inputs received from a peer. */
export function decodeInput(input: InputHeader, body: Uint8Array): ChunkData {
  if (input.kind === 'points') {
    return { kind: 'points', data: bytesToFloats(body, input.dim * input.count), dim: input.dim, count: input.count };
  }
  if (body.length > 0) throw new ProtocolError('a chunk of argument lists has no body');
  const calls = decodeValue(input.calls);
  if (!Array.isArray(calls) || calls.length === 0 || !calls.every((call) => Array.isArray(call))) {
    throw new ProtocolError('a chunk must hold a non-empty list of argument lists');
  }
  return { kind: 'calls', calls: calls as unknown[][] };
}

/** Turn a worker's reply into the outcome message for chunk `id`, and its body. */
export function encodeReply(id: number, reply: ChunkReply): { header: Outcome; body: Uint8Array | undefined } {
  switch (reply.kind) {
    case 'numbers':
      return { header: message<Outcome>({ type: 'numbers', id, count: reply.data.length }), body: floatsToBytes(reply.data) };
    case 'values':
      try {
        return { header: message<Outcome>({ type: 'values', id, values: encodeValue(reply.values, 'a result') }), body: undefined };
      } catch (error) {
        if (!(error instanceof ProtocolError)) throw error;
        return { header: message<Outcome>({ type: 'failed', id, message: `The results cannot be sent back: ${error.message}.` }), body: undefined };
      }
    case 'threw':
      return { header: message<Outcome>({ type: 'threw', id, index: reply.index, message: reply.message, stack: reply.stack ?? null }), body: undefined };
    case 'unloadable':
      return { header: message<Outcome>({ type: 'failed', id, message: reply.message }), body: undefined };
  }
}

/** Decode an outcome message (and its body) received from a peer. */
export function decodeOutcome(outcome: Outcome | Extract<ToStudio, { type: 'dropped' }>, body: Uint8Array): DecodedOutcome {
  switch (outcome.type) {
    case 'numbers':
      return { kind: 'values', values: bytesToFloats(body, outcome.count) };
    case 'values': {
      const values = decodeValue(outcome.values);
      if (!Array.isArray(values)) throw new ProtocolError('the results of a chunk must be a list');
      return { kind: 'values', values };
    }
    case 'threw':
      return outcome.stack === null
        ? { kind: 'threw', index: outcome.index, message: outcome.message }
        : { kind: 'threw', index: outcome.index, message: outcome.message, stack: outcome.stack };
    case 'timeout':
      return { kind: 'timeout' };
    case 'crashed':
      return { kind: 'crashed', reason: outcome.reason };
    case 'failed':
      return { kind: 'failed', message: outcome.message };
    case 'dropped':
      return { kind: 'dropped', reason: outcome.reason };
  }
}
