import { AssertionError } from './errors';
export { AssertionError };

export interface Assert {
  (value: unknown, message?: string): void;
  ok(value: unknown, message?: string): void;
  equal(actual: unknown, expected: unknown, message?: string): void;
  notEqual(actual: unknown, expected: unknown, message?: string): void;
  deepEqual(actual: unknown, expected: unknown, message?: string): void;
  match(actual: unknown, pattern: RegExp, message?: string): void;
  throws(fn: () => unknown, message?: string): void;
}

export function makeAssert(): Assert {
  const stringify = JSON.stringify;
  const isArray = Array.isArray;
  const keys = Object.keys;
  const getProto = Object.getPrototypeOf;
  const objectProto = Object.prototype;
  const test = RegExp.prototype.test;
  const call = Function.prototype.call.bind(Function.prototype.call) as (f: unknown, self: unknown, ...args: unknown[]) => unknown;
  const toStr = String;

  const show = (v: unknown): string => {
    if (typeof v === 'string') return stringify(v);
    if (typeof v === 'function') return `[function ${(v as { name?: string }).name || 'anonymous'}]`;
    if (typeof v === 'bigint') return `${toStr(v)}n`;
    try {
      return v === undefined ? 'undefined' : typeof v === 'number' ? toStr(v) : (stringify(v) ?? toStr(v));
    } catch {
      return toStr(v);
    }
  };
  const same = (a: unknown, b: unknown): boolean => a === b || (a !== a && b !== b);
  const deep = (a: unknown, b: unknown, depth: number): boolean => {
    if (same(a, b)) return true;
    if (depth > 100 || typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
    if (isArray(a) !== isArray(b)) return false;
    if (isArray(a) && isArray(b)) return a.length === b.length && a.every((x, i) => deep(x, b[i], depth + 1));
    if (a instanceof Date && b instanceof Date) return same(a.getTime(), b.getTime());
    const pa = getProto(a);
    if (pa !== getProto(b) || (pa !== objectProto && pa !== null)) return false;
    const ka = keys(a).sort();
    const kb = keys(b).sort();
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && deep((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], depth + 1));
  };
  const fail = (message: string | undefined, fallback: string): never => {
    throw new AssertionError(message ? `${message}: ${fallback}` : fallback);
  };

  const assert = ((value: unknown, message?: string) => {
    if (!value) fail(message, `expected a true value, got ${show(value)}`);
  }) as Assert;
  assert.ok = assert;
  assert.equal = (actual, expected, message) => {
    if (!same(actual, expected)) fail(message, `expected ${show(expected)}, got ${show(actual)}`);
  };
  assert.notEqual = (actual, expected, message) => {
    if (same(actual, expected)) fail(message, `expected anything but ${show(expected)}`);
  };
  assert.deepEqual = (actual, expected, message) => {
    if (!deep(actual, expected, 0)) fail(message, `expected ${show(expected)}, got ${show(actual)}`);
  };
  assert.match = (actual, pattern, message) => {
    if (typeof actual !== 'string' || !call(test, pattern, actual)) fail(message, `expected ${show(actual)} to match ${toStr(pattern)}`);
  };
  assert.throws = (fn, message) => {
    let threw = false;
    try {
      fn();
    } catch {
      threw = true;
    }
    if (!threw) fail(message, 'expected the call to throw');
  };
  return assert;
}
