import { ProtocolError } from './errors';

/**
 * The values tasks take and return, as JSON that keeps what plain JSON loses: NaN, ±Infinity, -0,
 * undefined, bigints, dates, typed arrays, maps and sets (the structured-clone values a WorkerPool carries).
 * A special value is an object whose only tag key is TAG; a plain object that happens to have that key is
 * wrapped, so decoding is never ambiguous. Populations do not come this way: they travel as raw float64
 * bytes (frames.ts).
 */
export type Encoded = null | boolean | number | string | Encoded[] | { [key: string]: Encoded };

const TAG = '$sibyl';

/** Nesting deeper than this is refused both ways: it is either a cycle or an attack on the decoder's stack. */
const MAX_DEPTH = 200;

const typedArrays = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
} as const;
type TypedArrayName = keyof typeof typedArrays;

function encodeNumber(value: number): Encoded {
  if (Number.isFinite(value) && !Object.is(value, -0)) return value;
  return { [TAG]: 'number', value: Object.is(value, -0) ? '-0' : String(value) };
}

function decodeNumber(text: unknown): number {
  switch (text) {
    case 'NaN':
      return NaN;
    case 'Infinity':
      return Infinity;
    case '-Infinity':
      return -Infinity;
    case '-0':
      return -0;
    default:
      throw new ProtocolError(`a special number must be NaN, Infinity, -Infinity or -0, got ${JSON.stringify(text)}`);
  }
}

/**
 * Encode a value; throws ProtocolError naming what cannot travel (functions, symbols, shared memory,
 * cycles). `what` names the value in that message, e.g. "the arguments of task 3".
 */
export function encodeValue(value: unknown, what = 'the value'): Encoded {
  const seen = new Set<object>();
  const visit = (v: unknown, depth: number): Encoded => {
    switch (typeof v) {
      case 'number':
        return encodeNumber(v);
      case 'string':
      case 'boolean':
        return v;
      case 'undefined':
        return { [TAG]: 'undefined' };
      case 'bigint':
        return { [TAG]: 'bigint', value: v.toString() };
      case 'function':
      case 'symbol':
        throw new ProtocolError(`${what} holds a ${typeof v}, which cannot be sent to another machine`);
    }
    if (v === null) return null;
    const object = v as object;
    if (depth > MAX_DEPTH) throw new ProtocolError(`${what} is nested more than ${MAX_DEPTH} levels deep`);
    if (seen.has(object)) throw new ProtocolError(`${what} refers to itself, which cannot be sent to another machine`);
    seen.add(object);
    try {
      if (Array.isArray(object)) {
        const out: Encoded[] = new Array<Encoded>(object.length);
        for (let i = 0; i < object.length; i++) out[i] = visit(object[i], depth + 1);
        return out;
      }
      if (object instanceof Date) return { [TAG]: 'date', value: encodeNumber(object.getTime()) };
      if (typeof SharedArrayBuffer === 'function' && (object instanceof SharedArrayBuffer || (ArrayBuffer.isView(object) && object.buffer instanceof SharedArrayBuffer))) {
        throw new ProtocolError(`${what} holds shared memory, which cannot be shared with another machine`);
      }
      if (ArrayBuffer.isView(object)) {
        const name = object.constructor.name;
        if (!(name in typedArrays)) throw new ProtocolError(`${what} holds a ${name}, which cannot be sent to another machine`);
        const items = Array.from(object as unknown as ArrayLike<number>, encodeNumber);
        return { [TAG]: 'typed', type: name, value: items };
      }
      if (object instanceof Map) {
        return { [TAG]: 'map', value: [...object].map(([k, item]) => [visit(k, depth + 1), visit(item, depth + 1)]) };
      }
      if (object instanceof Set) return { [TAG]: 'set', value: [...object].map((item) => visit(item, depth + 1)) };
      if (object instanceof ArrayBuffer) throw new ProtocolError(`${what} holds an ArrayBuffer; send a typed array instead`);
      // Any other object travels as its own enumerable properties, as structured clone does.
      const out: { [key: string]: Encoded } = {};
      for (const key of Object.keys(object)) out[key] = visit((object as Record<string, unknown>)[key], depth + 1);
      return TAG in out ? { [TAG]: 'object', value: out } : out;
    } finally {
      seen.delete(object);
    }
  };
  return visit(value, 0);
}

function isPlainRecord(value: unknown): value is { [key: string]: Encoded } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Decode what encodeValue produced (from an untrusted peer: every shape is checked). */
export function decodeValue(encoded: unknown): unknown {
  const visit = (e: unknown, depth: number): unknown => {
    if (depth > MAX_DEPTH) throw new ProtocolError(`a value is nested more than ${MAX_DEPTH} levels deep`);
    if (e === null || typeof e === 'boolean' || typeof e === 'string') return e;
    if (typeof e === 'number') {
      if (!Number.isFinite(e)) throw new ProtocolError('a plain number must be finite');
      return e;
    }
    if (Array.isArray(e)) return e.map((item) => visit(item, depth + 1));
    if (!isPlainRecord(e)) throw new ProtocolError(`unexpected ${typeof e} in a value`);
    if (!(TAG in e)) {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(e)) {
        // Own data properties only: a key such as __proto__ must not reach a prototype.
        Object.defineProperty(out, key, { value: visit(e[key], depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    const tag = e[TAG];
    const payload = e['value'];
    switch (tag) {
      case 'number':
        return decodeNumber(payload);
      case 'undefined':
        return undefined;
      case 'bigint':
        if (typeof payload !== 'string' || !/^-?\d{1,10000}$/.test(payload)) throw new ProtocolError('a bigint must be written in decimal digits');
        return BigInt(payload);
      case 'date':
        return new Date(visitNumber(payload));
      case 'typed': {
        const type = e['type'];
        if (typeof type !== 'string' || !Object.hasOwn(typedArrays, type)) throw new ProtocolError(`unknown typed array ${JSON.stringify(type)}`);
        if (!Array.isArray(payload)) throw new ProtocolError('a typed array must hold a list of numbers');
        return typedArrays[type as TypedArrayName].from(payload.map(visitNumber));
      }
      case 'map': {
        if (!Array.isArray(payload)) throw new ProtocolError('a map must hold a list of entries');
        return new Map(
          payload.map((entry) => {
            if (!Array.isArray(entry) || entry.length !== 2) throw new ProtocolError('a map entry must be a [key, value] pair');
            return [visit(entry[0], depth + 1), visit(entry[1], depth + 1)] as const;
          }),
        );
      }
      case 'set':
        if (!Array.isArray(payload)) throw new ProtocolError('a set must hold a list of values');
        return new Set(payload.map((item) => visit(item, depth + 1)));
      case 'object': {
        if (!isPlainRecord(payload)) throw new ProtocolError('a wrapped object must hold an object');
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(payload)) {
          Object.defineProperty(out, key, { value: visit(payload[key], depth + 1), enumerable: true, writable: true, configurable: true });
        }
        return out;
      }
      default:
        throw new ProtocolError(`unknown value tag ${JSON.stringify(tag)}`);
    }
  };
  const visitNumber = (e: unknown): number => {
    if (typeof e === 'number' && Number.isFinite(e)) return e;
    if (isPlainRecord(e) && e[TAG] === 'number') return decodeNumber(e['value']);
    throw new ProtocolError('expected a number');
  };
  return visit(encoded, 0);
}
