import { describe, expect, it } from 'vitest';
import { makeAssert } from '../../../../src/domain/compile/assert';

describe('assert for test blocks', () => {
  const assert = makeAssert();
  it('compares values and structures and says what differed', () => {
    expect(() => assert.equal('a-b', 'a-b')).not.toThrow();
    expect(() => assert.equal(NaN, NaN)).not.toThrow();
    expect(() => assert.equal('a--b', 'a-b')).toThrow('expected "a-b", got "a--b"');
    expect(() => assert.deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).not.toThrow();
    expect(() => assert.deepEqual([1, 2], [1, 2, 3])).toThrow('expected [1,2,3], got [1,2]');
    expect(() => assert.deepEqual({ a: 1 }, { a: 1, b: undefined })).toThrow();
    expect(() => assert(0, 'zero')).toThrow('zero: expected a true value, got 0');
    expect(() => assert.notEqual(1, 1)).toThrow('expected anything but 1');
    expect(() => assert.match('abc', /b/)).not.toThrow();
    expect(() => assert.match(3, /3/)).toThrow('expected 3 to match /3/');
    expect(() => assert.throws(() => undefined)).toThrow('expected the call to throw');
    expect(() => assert.throws(() => { throw new Error('x'); })).not.toThrow();
  });

  it('keeps its verdict when code overwrites JSON.stringify afterwards', () => {
    const a = makeAssert();
    const original = JSON.stringify;
    try {
      JSON.stringify = () => 'same';
      expect(() => a.equal('x', 'y')).toThrow('expected "y", got "x"');
    } finally {
      JSON.stringify = original;
    }
  });
});
