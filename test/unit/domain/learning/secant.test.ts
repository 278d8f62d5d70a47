import { describe, expect, it } from 'vitest';
import { SecantMemory } from '../../../../src/domain/learning/secant';

/** B = a fixed symmetric positive definite 3 x 3 matrix; the preconditioner is its diagonal. */
const B = [
  [4, 1, 0.5],
  [1, 3, 0.2],
  [0.5, 0.2, 2],
];
const times = (x: Float64Array): Float64Array => Float64Array.from(B, (row) => row.reduce((s, b, j) => s + b * x[j]!, 0));
const diagonal = (r: Float64Array, out: Float64Array): void => {
  for (let i = 0; i < 3; i++) out[i] = r[i]! / B[i]![i]!;
};

describe('SecantMemory (L-BFGS over a preconditioner)', () => {
  it('is the preconditioner alone with no pairs', () => {
    const out = new Float64Array(3);
    new SecantMemory().apply(Float64Array.of(4, 3, 2), out, diagonal);
    expect([...out]).toEqual([1, 1, 1]);
  });

  it('satisfies the secant equation H y = s for the newest pair', () => {
    const memory = new SecantMemory(3);
    const steps = [Float64Array.of(1, 0, 0.5), Float64Array.of(0.2, -1, 0.3), Float64Array.of(-0.4, 0.1, 1)];
    for (const s of steps) expect(memory.push(s, times(s))).toBe(true);
    const out = new Float64Array(3);
    memory.apply(times(steps[2]!), out, diagonal);
    for (let i = 0; i < 3; i++) expect(out[i]).toBeCloseTo(steps[2]![i]!, 12);
  });

  it('recovers B^{-1} g exactly on a quadratic once it holds as many pairs as dimensions, taken along conjugate steps', () => {
    // Steps of conjugate gradients on 1/2 x^T B x: BFGS with exact steps is then exact (Nocedal and Wright, thm 6.4).
    const memory = new SecantMemory(3);
    let x = Float64Array.of(1, -2, 0.5);
    const out = new Float64Array(3);
    for (let t = 0; t < 3; t++) {
      const g = times(x);
      memory.apply(g, out, diagonal);
      const d = out.map((v) => -v);
      // Exact line search along d for 1/2 x^T B x.
      const alpha = -d.reduce((s, di, i) => s + di * g[i]!, 0) / d.reduce((s, di, i) => s + di * times(d)[i]!, 0);
      const s = d.map((v) => alpha * v);
      memory.push(s, times(s));
      x = x.map((v, i) => v + s[i]!);
    }
    const g = Float64Array.of(1, 2, 3);
    memory.apply(g, out, diagonal);
    const back = times(out);
    for (let i = 0; i < 3; i++) expect(back[i]).toBeCloseTo(g[i]!, 9);
  });

  it('skips a pair without positive curvature and forgets the oldest beyond its capacity', () => {
    const memory = new SecantMemory(2);
    expect(memory.push(Float64Array.of(1, 0, 0), Float64Array.of(-1, 0, 0))).toBe(false);
    expect(memory.size).toBe(0);
    for (const s of [Float64Array.of(1, 0, 0), Float64Array.of(0, 1, 0), Float64Array.of(0, 0, 1)]) memory.push(s, times(s));
    expect(memory.size).toBe(2);
    memory.clear();
    expect(memory.size).toBe(0);
  });
});
