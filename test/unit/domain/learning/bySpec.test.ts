import { describe, expect, it } from 'vitest';
import { columnsAt, runsBySpec } from '../../../../src/domain/learning/bySpec';
import type { EncodedRuns } from '../../../../src/domain/learning/encode';
import { mulberry32 } from '../../../../src/domain/random';

/** Random runs over K columns, some with weight 0 (left out of the copy), some without columns. */
function runs(seed: number, K: number, n: number, S: number): EncodedRuns {
  const rng = mulberry32(seed);
  const offsets = [0];
  const nudgeIdx: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = [...new Set(Array.from({ length: Math.floor(rng() * 8) }, () => Math.floor(rng() * K)))].sort((a, b) => a - b);
    nudgeIdx.push(...row);
    offsets.push(nudgeIdx.length);
  }
  return {
    n,
    passed: new Uint8Array(n),
    spec: Int32Array.from({ length: n }, () => Math.floor(rng() * S)),
    offsets: Int32Array.from(offsets),
    nudgeIdx: Int32Array.from(nudgeIdx),
    weight: Float32Array.from({ length: n }, () => (rng() < 0.1 ? 0 : 1)),
    nudgeKeys: Array.from({ length: K }, (_, k) => `n${k}`),
    specKeys: Array.from({ length: S }, (_, s) => `s${s}`),
  };
}

describe('the runs in spec order, columns as byte deltas', () => {
  // Few columns (gaps under 255), many (gaps of several 255s), more than 16 bits hold.
  for (const K of [7, 300, 2000, 100_000]) {
    for (const seed of [1, 2]) {
      it(`decode to each run's columns, spec by spec in storage order (K ${K}, seed ${seed})`, () => {
        const enc = runs(seed, K, 500, 9);
        const by = runsBySpec(enc);
        const expected: number[] = [];
        for (let s = 0; s < 9; s++) for (let i = 0; i < enc.n; i++) if (enc.spec[i] === s && enc.weight[i]! > 0) expected.push(i);
        expect(Array.from(by.run), `K ${K}, seed ${seed}`).toEqual(expected);
        for (let x = 0; x < by.run.length; x++) {
          const i = by.run[x]!;
          expect(by.position[i]).toBe(x);
          expect(columnsAt(by, x), `K ${K}, seed ${seed}, run ${i}`).toEqual(Array.from(enc.nudgeIdx.subarray(enc.offsets[i], enc.offsets[i + 1])));
        }
        for (let i = 0; i < enc.n; i++) if (!(enc.weight[i]! > 0)) expect(by.position[i]).toBe(-1);
        expect(by.offsets[by.run.length]).toBe(by.deltas.length);
      });
    }
  }
});
