import { describe, expect, it } from 'vitest';
import { decodeInput, decodeOutcome, encodeCalls, encodeReply } from './chunks';
import { ProtocolError } from './errors';
import { FrameReader, bytesToFloats, decodeFrame, encodeFrame, floatsToBytes } from './frames';
import { PROTOCOL_VERSION, parseFromStudio, parseFromWorker, parseToStudio, parseToWorker } from './messages';
import { decodeValue, encodeValue } from './values';

const roundTrip = (value: unknown) => decodeValue(JSON.parse(JSON.stringify(encodeValue(value))));

describe('values', () => {
  it('keep what JSON loses: special numbers, undefined, bigints, dates, typed arrays, maps and sets', () => {
    const value = {
      numbers: [NaN, -0, Infinity, -Infinity, 1.5, 0, 5e-324, Number.MAX_VALUE],
      nothing: undefined,
      big: 2n ** 70n,
      when: new Date(Date.UTC(2024, 5, 11)),
      floats: new Float64Array([1, NaN, -0]),
      bytes: new Uint8Array([0, 255]),
      table: new Map<unknown, unknown>([['a', 1], [2, [3]]]),
      tags: new Set(['x', 'y']),
      nested: [[[{ deep: 'yes' }]]],
    };
    const back = roundTrip(value) as typeof value;
    expect(Object.is(back.numbers[1], -0)).toBe(true);
    expect(back.numbers).toEqual(value.numbers);
    expect('nothing' in back && back.nothing === undefined).toBe(true);
    expect(back.big).toBe(2n ** 70n);
    expect(back.when.getTime()).toBe(value.when.getTime());
    expect(back.floats).toBeInstanceOf(Float64Array);
    expect(Object.is(back.floats[2], -0) && Number.isNaN(back.floats[1])).toBe(true);
    expect(back.bytes).toEqual(new Uint8Array([0, 255]));
    expect(back.table).toEqual(value.table);
    expect(back.tags).toEqual(value.tags);
    expect(back.nested).toEqual(value.nested);
  });

  it('keep an object that happens to use the tag key, and never reach a prototype', () => {
    expect(roundTrip({ $sibyl: 'number', value: 'NaN' })).toEqual({ $sibyl: 'number', value: 'NaN' });
    const hostile = decodeValue(JSON.parse('{"__proto__": {"polluted": true}, "constructor": 1}')) as Record<string, unknown>;
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(hostile)).toBe(Object.prototype);
    expect(Object.keys(hostile)).toEqual(['__proto__', 'constructor']);
  });

  it('refuse what cannot travel, naming it', () => {
    expect(() => encodeValue({ f: () => 1 }, 'an input')).toThrow(/an input holds a function/);
    expect(() => encodeValue([Symbol('s')])).toThrow(/symbol/);
    expect(() => encodeValue(new SharedArrayBuffer(8))).toThrow(/shared memory/);
    expect(() => encodeValue(new Int32Array(new SharedArrayBuffer(8)))).toThrow(/shared memory/);
    const cycle: unknown[] = [];
    cycle.push(cycle);
    expect(() => encodeValue(cycle)).toThrow(/refers to itself/);
    let deep: unknown = 1;
    for (let i = 0; i < 300; i++) deep = [deep];
    expect(() => encodeValue(deep)).toThrow(/nested more than/);
    // The same object twice is not a cycle.
    const shared = { a: 1 };
    expect(roundTrip([shared, shared])).toEqual([{ a: 1 }, { a: 1 }]);
  });

  it('refuse malformed encodings from a peer', () => {
    expect(() => decodeValue({ $sibyl: 'eval', value: 'x' })).toThrow(ProtocolError);
    expect(() => decodeValue({ $sibyl: 'number', value: '1e999' })).toThrow(/special number/);
    expect(() => decodeValue({ $sibyl: 'bigint', value: '12abc' })).toThrow(/decimal/);
    expect(() => decodeValue({ $sibyl: 'typed', type: 'Function', value: [] })).toThrow(/typed array/);
    let deep: unknown = 1;
    for (let i = 0; i < 300; i++) deep = [deep];
    expect(() => decodeValue(deep)).toThrow(/nested more than/);
  });
});

describe('frames', () => {
  it('carry a header and a body, and a byte stream cut anywhere gives the same frames', () => {
    const frames = [encodeFrame({ type: 'a', n: 1 }, new Uint8Array([1, 2, 3]), true), encodeFrame({ type: 'b' }, undefined, true), encodeFrame({ type: 'c', text: 'é∑' }, new Uint8Array(1000).fill(7), true)];
    const stream = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
    let offset = 0;
    for (const frame of frames) {
      stream.set(frame, offset);
      offset += frame.length;
    }
    for (const step of [1, 3, 7, 64, stream.length]) {
      const reader = new FrameReader(10_000);
      const out: Uint8Array[] = [];
      for (let i = 0; i < stream.length; i += step) out.push(...reader.push(stream.subarray(i, i + step)));
      expect(out.map((f) => decodeFrame(f).header)).toEqual([{ type: 'a', n: 1 }, { type: 'b' }, { type: 'c', text: 'é∑' }]);
      expect([...decodeFrame(out[0] as Uint8Array).body]).toEqual([1, 2, 3]);
      expect(decodeFrame(out[2] as Uint8Array).body.length).toBe(1000);
    }
  });

  it('refuse a frame over the limit before reading it, and frames that are not frames', () => {
    const reader = new FrameReader(100);
    expect(() => reader.push(encodeFrame({ pad: 'x'.repeat(200) }, undefined, true).subarray(0, 4))).toThrow(/larger than the limit of 100/);
    expect(() => decodeFrame(new Uint8Array([0, 0]))).toThrow(ProtocolError);
    expect(() => decodeFrame(new Uint8Array([0, 0, 0, 50, 123]))).toThrow(/runs past/);
    expect(() => decodeFrame(new Uint8Array([0, 0, 0, 2, 0xff, 0xfe]))).toThrow(/not UTF-8 JSON/);
  });

  it('carry float64 values bit for bit', () => {
    const values = new Float64Array([NaN, -0, Infinity, -Infinity, Math.PI, 5e-324, -1e308]);
    const back = bytesToFloats(new Uint8Array(floatsToBytes(values)), values.length);
    expect(new Uint8Array(back.buffer)).toEqual(new Uint8Array(values.buffer));
    // A body inside a larger buffer (as Node hands stream chunks) is read from its own offset.
    const padded = new Uint8Array(3 + 8 * values.length);
    padded.set(floatsToBytes(values), 3);
    expect(bytesToFloats(padded.subarray(3), values.length)).toEqual(values);
    expect(() => bytesToFloats(new Uint8Array(12), 2)).toThrow(/expected 2 numbers/);
  });
});

describe('messages', () => {
  const v = PROTOCOL_VERSION;
  it('accept exactly the shapes of the protocol', () => {
    expect(parseFromStudio({ v, type: 'cancel', id: 3 })).toEqual({ v, type: 'cancel', id: 3 });
    expect(parseToWorker({ v, type: 'start', workers: null, silenceMs: 7500 }).type).toBe('start');
    expect(parseFromWorker({ v, type: 'hello', pid: 12, cores: 8, workers: 8, node: 'v20.1.0' }).type).toBe('hello');
    const status = { name: 'me@h:22', state: 'ready', workers: 4, latencyMs: 0.3, message: null, fingerprint: null, retryInMs: null, config: { target: 'me@h:22', identity: null, node: null, workers: 4 } };
    expect(parseToStudio({ v, type: 'host', status }).type).toBe('host');
  });

  it('refuse other versions, unknown types, missing, extra and out-of-range fields, naming the rule', () => {
    expect(() => parseFromStudio({ v: 2, type: 'cancel', id: 3 })).toThrow(/speaks protocol version 2; this side speaks version 1/);
    expect(() => parseFromStudio({ type: 'cancel', id: 3 })).toThrow(/version none/);
    expect(() => parseFromStudio({ v, type: 'exec', command: 'id' })).toThrow(/message.type must be one of hello, addHost/);
    expect(() => parseFromStudio({ v, type: 'cancel' })).toThrow(/message.id is missing/);
    expect(() => parseFromStudio({ v, type: 'cancel', id: 3, extra: 1 })).toThrow(/unknown field "extra"/);
    expect(() => parseFromStudio({ v, type: 'cancel', id: -1 })).toThrow(/message.id must be between 0/);
    expect(() => parseFromStudio({ v, type: 'cancel', id: 1.5 })).toThrow(/an integer/);
    expect(() => parseFromStudio({ v, type: 'removeHost', name: 'x'.repeat(301) })).toThrow(/longer than 300/);
    expect(() => parseFromStudio({ v, type: 'task', task: { kind: 'module', hash: 'ABC', source: '', exportName: 'f' } })).toThrow(/hexadecimal hash/);
    expect(() => parseFromStudio({ v, type: 'task', task: { kind: 'module', hash: 'abc', source: '', exportName: 'f()' } })).toThrow(/dotted export name/);
    expect(() => parseFromStudio([1])).toThrow(/JSON object/);
    // What a peer sent is quoted briefly, never whole.
    expect(() => parseFromStudio({ v, type: 'cancel', id: 1, ['k'.repeat(10_000)]: 1 })).toThrow(/unknown field "k{39}…$/);
  });
});

describe('chunks', () => {
  it('send a population as float64 bytes and other calls as values, and read them back', () => {
    const points = [[1, 2], [3, NaN], [-0, 4]];
    const packed = encodeCalls(points.map((x) => [x]));
    expect(packed.input).toEqual({ kind: 'points', dim: 2, count: 3 });
    expect(packed.body?.length).toBe(48);
    const read = decodeInput(packed.input, packed.body as Uint8Array);
    expect(read.kind === 'points' && [...read.data]).toEqual([1, 2, 3, NaN, -0, 4]);
    const calls = [['a', 1], ['b', undefined]];
    const other = encodeCalls(calls);
    expect(other.input.kind).toBe('calls');
    expect(decodeInput(JSON.parse(JSON.stringify(other.input)), new Uint8Array(0))).toEqual({ kind: 'calls', calls });
    // Ragged points are not points.
    expect(encodeCalls([[[1, 2]], [[3]]]).input.kind).toBe('calls');
    expect(() => decodeInput({ kind: 'points', dim: 2, count: 3 }, new Uint8Array(40))).toThrow(/expected 6 numbers/);
    expect(() => decodeInput({ kind: 'calls', calls: [] }, new Uint8Array(0))).toThrow(/non-empty list/);
  });

  it('carry every reply of a worker to the outcome the scheduler takes', () => {
    const through = (reply: Parameters<typeof encodeReply>[1]) => {
      const { header, body } = encodeReply(9, reply);
      expect(header.id).toBe(9);
      return decodeOutcome(header, body ?? new Uint8Array(0));
    };
    expect(through({ kind: 'numbers', data: new Float64Array([1, NaN]) })).toEqual({ kind: 'values', values: new Float64Array([1, NaN]) });
    expect(through({ kind: 'values', values: [{ a: -0 }] })).toEqual({ kind: 'values', values: [{ a: -0 }] });
    expect(through({ kind: 'threw', index: 2, message: 'bad', stack: 'at f' })).toEqual({ kind: 'threw', index: 2, message: 'bad', stack: 'at f' });
    expect(through({ kind: 'unloadable', message: 'no export' })).toEqual({ kind: 'failed', message: 'no export' });
    expect(through({ kind: 'values', values: [() => 1] })).toMatchObject({ kind: 'failed', message: /cannot be sent back: a result holds a function/ });
  });
});
