import { describe, expect, it } from 'vitest';
import { analyzeFunctionSource } from './freeVariables';

const free = (source: string) => {
  const analysis = analyzeFunctionSource(source);
  if (analysis.kind !== 'function') throw new Error(`expected a function, got ${analysis.kind}`);
  return [...analysis.freeVariables].sort();
};

describe('analyzeFunctionSource', () => {
  it('finds the names a function reads from outside itself', () => {
    expect(free('(x) => x + offset')).toEqual(['offset']);
    expect(free('function f(x) { return helper(x) * scale.factor; }')).toEqual(['helper', 'scale']);
    expect(free('(x) => ({ x, y })')).toEqual(['y']);
    expect(free('async (x) => { await load(x); }')).toEqual(['load']);
    expect(free('(x) => `${x}:${suffix}`')).toEqual(['suffix']);
    expect(free('(x) => { const o = { [key]: 1 }; return o; }')).toEqual(['key']);
    expect(free('(a, b = a + d) => b')).toEqual(['d']);
    expect(free('({ p = q }) => p')).toEqual(['q']);
  });

  it('knows parameters, declarations, hoisting, block scopes, catch bindings and its own name', () => {
    expect(free('function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }')).toEqual([]);
    expect(free('(x, { a, b: c }, [d, ...e], ...rest) => x + a + c + d + e.length + rest.length')).toEqual([]);
    expect(free('(x) => { v = 2; var v; return inner(x) + v; function inner(z) { return z; } }')).toEqual([]);
    expect(free('(xs) => { for (const x of xs) { let y = x; } for (let i = 0; i < 2; i++) {} return 1; }')).toEqual([]);
    expect(free('(x) => { try { return x(); } catch (e) { return e.message; } }')).toEqual([]);
    expect(free('(x) => { const C = class D { static s = D; m() { return this.k; } }; return new C(); }')).toEqual([]);
  });

  it('sees through block scope: a name declared in a block is not visible after it', () => {
    expect(free('(x) => { { let hidden = 1; } return hidden; }')).toEqual(['hidden']);
    expect(free('(x) => { if (x) { const y = 1; } return y; }')).toEqual(['y']);
  });

  it('allows portable globals, typeof checks, labels and member names', () => {
    expect(free('(x) => Math.max(Number(x), Infinity, parseFloat("1"), JSON.stringify([]).length)')).toEqual([]);
    expect(free('(x) => typeof process !== "undefined" ? 1 : 2')).toEqual([]);
    expect(free('(xs) => { outer: for (const a of xs) { inner: for (const b of a) { if (b) continue outer; break inner; } } }')).toEqual([]);
    expect(free('(o) => o.someProperty + o["other"]')).toEqual([]);
    expect(free('(x) => { switch (x) { case limit: return 1; default: return 0; } }')).toEqual(['limit']);
    expect(free('(x) => x ? first : second')).toEqual(['first', 'second']);
    expect(free('async function f(x) { return await x; }')).toEqual([]);
    expect(free('async x => x')).toEqual([]);
    expect(free('(x) => ({ get a() { return x; }, set a(v) {}, static: 1, of: 2 })')).toEqual([]);
    expect(free('function F() { return new.target ? arguments.length : 0; }')).toEqual([]);
  });

  it('recognises method shorthand and unparsable text', () => {
    expect(analyzeFunctionSource('triple(x) { return 3 * x; }')).toEqual({ kind: 'method' });
    expect(analyzeFunctionSource('async *gen() { yield 1; }')).toEqual({ kind: 'method' });
    expect(analyzeFunctionSource('(x) => {').kind).toBe('unparsable');
  });
});
