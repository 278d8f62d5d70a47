import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalBytes, canonicalJson } from '../../../../src/domain/ledger/canonicalJson';

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order and writes no spaces', () => {
    const value = { b: 1, a: [3, { z: true, y: null }, 'x'], c: { e: 'é', d: -0.5 } };
    expect(canonicalJson(value)).toBe('{"a":[3,{"y":null,"z":true},"x"],"b":1,"c":{"d":-0.5,"e":"é"}}');
  });

  it('gives the same text whatever order the keys were inserted in', () => {
    expect(canonicalJson({ x: 1, y: { q: 2, p: 3 } })).toBe(canonicalJson({ y: { p: 3, q: 2 }, x: 1 }));
  });

  it('sorts by UTF-16 code units and escapes as JSON does', () => {
    expect(canonicalJson({ b: 0, B: 1, '\u00e9': 2, aa: 3, a: 4 })).toBe('{"B":1,"a":4,"aa":3,"b":0,"é":2}');
    expect(canonicalJson('line\n"quoted"')).toBe('"line\\n\\"quoted\\""');
  });

  it('encodes as UTF-8', () => {
    expect(Array.from(canonicalBytes({ k: 'é€' }))).toEqual([
      0x7b, 0x22, 0x6b, 0x22, 0x3a, 0x22, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0x22, 0x7d,
    ]);
  });

  it.each([
    ['undefined', { a: undefined }, '$.a'],
    ['NaN', { a: [1, Number.NaN] }, '$.a[1]'],
    ['Infinity', { deep: { x: Number.POSITIVE_INFINITY } }, '$.deep.x'],
    ['a function', { f: () => 1 }, '$.f'],
    ['a symbol', [Symbol('s')], '$[0]'],
    ['a bigint', { n: 1n }, '$.n'],
    ['a Date', { when: new Date(0) }, '$.when'],
    // eslint-disable-next-line no-sparse-arrays -- the hole is the input under test
    ['an array hole', { xs: [1, , 3] }, '$.xs[1]'],
  ])('refuses %s and says where it is', (_what, value, path) => {
    let caught: unknown;
    try {
      canonicalJson(value);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(CanonicalJsonError);
    expect((caught as CanonicalJsonError).name).toBe('CanonicalJsonError');
    expect((caught as CanonicalJsonError).path).toBe(path);
  });

  it('refuses cycles but allows the same object twice side by side', () => {
    const shared = { v: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"v":1},"b":{"v":1}}');
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => canonicalJson(loop)).toThrow(/cyclic/);
  });
});
