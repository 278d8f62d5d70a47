import { describe, expect, it } from 'vitest';
import { beta, mulberry32, mulberry32At, normal, seedFrom } from '../../../src/domain/random';

describe('seeded random numbers', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 5 }, () => a());
    expect(xs).toEqual(Array.from({ length: 5 }, () => b()));
    expect(new Set(xs).size).toBe(5);
  });
  it('draws normals with mean 0 and variance 1', () => {
    const r = mulberry32(7);
    const n = 20000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = normal(r);
      s += x;
      s2 += x * x;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.03);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.05);
  });
  it('draws Beta(2, 6) with mean 0.25', () => {
    const r = mulberry32(3);
    let s = 0;
    for (let i = 0; i < 20000; i++) s += beta(r, 2, 6);
    expect(s / 20000).toBeCloseTo(0.25, 2);
  });
  it('hashes strings to stable seeds', () => {
    expect(seedFrom('abc')).toBe(seedFrom('abc'));
    expect(seedFrom('abc')).not.toBe(seedFrom('abd'));
  });

  it('mulberry32At gives the draws of the stream by index', () => {
    for (const seed of [0, 1, 0xdeadbeef, seedFrom('placebo:x:10')]) {
      const rng = mulberry32(seed);
      for (let i = 0; i < 1000; i++) expect(mulberry32At(seed, i)).toBe(rng());
    }
  });
});
