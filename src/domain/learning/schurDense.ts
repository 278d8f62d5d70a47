/**
 * The costly inner step of the block factorisation (laplace.ts): subtracting from the b block
 * the outer products of the dense intercept rows, i.e. h -= G G^T for the rows given. Kept apart
 * because it is pure arithmetic tuned for speed (tiles of 2 x 4 sums, so each value loaded serves
 * several of them), with nothing of the model in it.
 */

/** Lower triangle of h (K x K) -= sum over the given rows r of m (S x K) of r r^T. */
export function subtractGramOfColumns(h: Float64Array, K: number, m: Float64Array, rows: readonly number[]): void {
  subtractGram(h, K, gatherColumns(m, K, rows), rows.length);
}

/** The given rows of an S x K matrix as a K x D matrix (row k: column k of those rows). */
function gatherColumns(m: Float64Array, K: number, rows: readonly number[]): Float64Array {
  const D = rows.length;
  const out = new Float64Array(K * D);
  for (let t = 0; t < D; t++) {
    const row = rows[t]! * K;
    for (let k = 0; k < K; k++) out[k * D + t] = m[row + k]!;
  }
  return out;
}

/** Lower triangle of h (K x K) -= g g^T, g being K x D row-major. */
export function subtractGram(h: Float64Array, K: number, g: Float64Array, D: number): void {
  let a = 0;
  for (; a + 1 < K; a += 2) {
    const ra = a * D;
    const rb = ra + D;
    const ha = a * K;
    const hb = ha + K;
    let c = 0;
    for (; c + 3 <= a; c += 4) {
      const r0 = c * D;
      const r1 = r0 + D;
      const r2 = r1 + D;
      const r3 = r2 + D;
      let x0 = 0;
      let x1 = 0;
      let x2 = 0;
      let x3 = 0;
      let y0 = 0;
      let y1 = 0;
      let y2 = 0;
      let y3 = 0;
      for (let t = 0; t < D; t++) {
        const p = g[ra + t]!;
        const q = g[rb + t]!;
        const u0 = g[r0 + t]!;
        const u1 = g[r1 + t]!;
        const u2 = g[r2 + t]!;
        const u3 = g[r3 + t]!;
        x0 += p * u0;
        x1 += p * u1;
        x2 += p * u2;
        x3 += p * u3;
        y0 += q * u0;
        y1 += q * u1;
        y2 += q * u2;
        y3 += q * u3;
      }
      h[ha + c] = h[ha + c]! - x0;
      h[ha + c + 1] = h[ha + c + 1]! - x1;
      h[ha + c + 2] = h[ha + c + 2]! - x2;
      h[ha + c + 3] = h[ha + c + 3]! - x3;
      h[hb + c] = h[hb + c]! - y0;
      h[hb + c + 1] = h[hb + c + 1]! - y1;
      h[hb + c + 2] = h[hb + c + 2]! - y2;
      h[hb + c + 3] = h[hb + c + 3]! - y3;
    }
    for (; c <= a + 1; c++) {
      const rc = c * D;
      let x = 0;
      let y = 0;
      for (let t = 0; t < D; t++) {
        x += g[ra + t]! * g[rc + t]!;
        y += g[rb + t]! * g[rc + t]!;
      }
      if (c <= a) h[ha + c] = h[ha + c]! - x;
      h[hb + c] = h[hb + c]! - y;
    }
  }
  if (a < K) {
    const ra = a * D;
    for (let c = 0; c <= a; c++) {
      const rc = c * D;
      let x = 0;
      for (let t = 0; t < D; t++) x += g[ra + t]! * g[rc + t]!;
      h[a * K + c] = h[a * K + c]! - x;
    }
  }
}
