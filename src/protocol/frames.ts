import { ProtocolError } from './errors';

/**
 * Frames: one message is a JSON header and an optional binary body, laid out as
 * [u32 header length][header, UTF-8 JSON][body]. Over a WebSocket one binary message is one frame; over a
 * byte stream (an SSH channel) each frame is preceded by its own u32 length. Integers are big-endian;
 * float64 bodies are little-endian.
 */

/** Text codecs exist in every runtime Sibyl targets; src/protocol is compiled without host types. */
interface TextCodecs {
  TextEncoder: new () => { encode(text: string): Uint8Array };
  TextDecoder: new (label: string, options: { fatal: boolean }) => { decode(bytes: Uint8Array): string };
}
const { TextEncoder, TextDecoder } = globalThis as unknown as TextCodecs;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export interface Frame {
  /** The parsed JSON header; checked by the message validators, not here. */
  readonly header: unknown;
  /** The bytes after the header (empty when there are none). */
  readonly body: Uint8Array;
}

/** Lay out one frame; with `prefixed`, preceded by its length, for byte streams. */
export function encodeFrame(header: object, body?: Uint8Array, prefixed = false): Uint8Array {
  const json = encoder.encode(JSON.stringify(header));
  const offset = prefixed ? 4 : 0;
  const length = 4 + json.length + (body?.length ?? 0);
  const bytes = new Uint8Array(offset + length);
  const view = new DataView(bytes.buffer);
  if (prefixed) view.setUint32(0, length);
  view.setUint32(offset, json.length);
  bytes.set(json, offset + 4);
  if (body) bytes.set(body, offset + 4 + json.length);
  return bytes;
}

/** Split one frame into its header and body; throws ProtocolError when it is not a frame. */
export function decodeFrame(bytes: Uint8Array): Frame {
  if (bytes.length < 4) throw new ProtocolError('a frame is shorter than its header length');
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.length).getUint32(0);
  if (headerLength > bytes.length - 4) throw new ProtocolError('a frame header runs past the end of the frame');
  let header: unknown;
  try {
    header = JSON.parse(decoder.decode(bytes.subarray(4, 4 + headerLength)));
  } catch {
    throw new ProtocolError('a frame header is not UTF-8 JSON');
  }
  return { header, body: bytes.subarray(4 + headerLength) };
}

/**
 * Cuts a byte stream into frames. Each frame is preceded by its u32 length; a length above `maxFrameBytes`
 * is a protocol error (the stream cannot be trusted past it).
 */
export class FrameReader {
  private chunks: Uint8Array[] = [];
  private buffered = 0;

  constructor(private readonly maxFrameBytes: number) {}

  /** Add bytes; returns the frames they completed, in order. */
  push(chunk: Uint8Array): Uint8Array[] {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    const frames: Uint8Array[] = [];
    while (this.buffered >= 4) {
      const length = new DataView(this.peek(4).buffer).getUint32(0);
      if (length > this.maxFrameBytes) throw new ProtocolError(`a frame of ${length} bytes is larger than the limit of ${this.maxFrameBytes}`);
      if (this.buffered < 4 + length) break;
      this.take(4);
      frames.push(this.take(length));
    }
    return frames;
  }

  /** The first `n` buffered bytes, as a fresh array, without consuming them. */
  private peek(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let filled = 0;
    for (const chunk of this.chunks) {
      const part = chunk.subarray(0, n - filled);
      out.set(part, filled);
      filled += part.length;
      if (filled === n) break;
    }
    return out;
  }

  /** Consume and return the first `n` buffered bytes. */
  private take(n: number): Uint8Array {
    const first = this.chunks[0] as Uint8Array;
    let out: Uint8Array;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
    } else {
      out = new Uint8Array(n);
      let filled = 0;
      while (filled < n) {
        const chunk = this.chunks[0] as Uint8Array;
        const part = chunk.subarray(0, n - filled);
        out.set(part, filled);
        filled += part.length;
        if (part.length === chunk.length) this.chunks.shift();
        else this.chunks[0] = chunk.subarray(part.length);
      }
    }
    this.buffered -= n;
    return out;
  }
}

const littleEndian = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/** Float64 values as little-endian bytes. */
export function floatsToBytes(values: ArrayLike<number>): Uint8Array {
  const count = values.length;
  if (littleEndian) {
    const floats = values instanceof Float64Array ? values : Float64Array.from(values);
    return new Uint8Array(floats.buffer, floats.byteOffset, count * 8);
  }
  const bytes = new Uint8Array(count * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < count; i++) view.setFloat64(i * 8, values[i] as number, true);
  return bytes;
}

/** Little-endian bytes as `count` float64 values (a copy, so it is aligned and owns its buffer). */
export function bytesToFloats(bytes: Uint8Array, count: number): Float64Array {
  if (bytes.length !== count * 8) throw new ProtocolError(`expected ${count} numbers (${count * 8} bytes), got ${bytes.length} bytes`);
  // A copy into a fresh buffer (Node's Buffer#slice would share the pool's memory instead).
  if (littleEndian) return new Float64Array(new Uint8Array(bytes).buffer, 0, count);
  const floats = new Float64Array(count);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  for (let i = 0; i < count; i++) floats[i] = view.getFloat64(i * 8, true);
  return floats;
}
