import { describe, expect, it } from 'vitest';
import { ColumnPairs } from '../../../../src/domain/learning/metaRegression';
import { mulberry32 } from '../../../../src/domain/random';

/** Pairs pushed in spec order land in column order, each column's in the order pushed. */
describe('ColumnPairs', () => {
  for (const seed of [1, 2, 3]) {
    it(`equals a stable sort of the pushes by column (seed ${seed})`, () => {
      const rng = mulberry32(seed);
      const K = 1 + Math.floor(rng() * 30);
      const S = 1 + Math.floor(rng() * 20);
      const pushes = Array.from({ length: Math.floor(rng() * 300) }, () => ({
        col: Math.floor(rng() * K),
        spec: Math.floor(rng() * S),
        m: Math.floor(rng() * 9),
        beta: rng() - 0.5,
        info: rng() < 0.3 ? 0 : rng(),
      }));
      const counts = new Int32Array(K);
      for (const p of pushes) counts[p.col]!++;
      const t = new ColumnPairs(counts, S);
      for (const p of pushes) t.push(p.col, p.spec, p.m, p.beta, p.info);
      const sorted = pushes.map((p, i) => ({ p, i })).sort((x, y) => x.p.col - y.p.col || x.i - y.i).map((x) => x.p);
      expect(Array.from(t.start), `seed ${seed}`).toEqual([0, ...Array.from(counts).map((_, k) => sorted.filter((p) => p.col <= k).length)]);
      sorted.forEach((p, x) => {
        expect([t.spec[x], t.m[x], t.beta[x], t.info[x]], `seed ${seed}, pair ${x}`).toEqual([p.spec, p.m, p.beta, p.info]);
      });
      expect([t.specT.length, t.specA.length]).toEqual([S, S]);
    });
  }
});
