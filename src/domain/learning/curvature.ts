import type { EncodedRuns } from './encode';
import type { RunsBySpec } from './bySpec';
import type { BlockFactor } from './laplace';

/**
 * Accumulates the curvature sums that factorInPlace expects, from each run's curvature weight
 * v_i = w_i p_i (1 - p_i) (computed by the gradient pass at the same parameters; 0 for runs of
 * specs without an intercept row, which this skips):
 *   vu[r]              = sum of v over runs of the spec in row r (rowOf maps specs to rows)
 *   f.lbu[r K + k]     = sum of v over those runs with column k
 *   f.lbb[k K + k'']   = sum of v over runs with columns k and k'' (lower triangle, k'' <= k)
 * Only runs 0, stride, 2 stride, ... are taken, each counted stride times (a subsampled
 * Hessian); stride 1 takes every run.
 *
 * The nudge block is the costly part: about nnz^2 / 2 scattered additions per run into a
 * K x K matrix (8 MB for a thousand nudges). They are taken four rows at a time (nudgeBlock),
 * which made the sweep bound by the additions rather than by index loads and arithmetic; with
 * that, one sweep over the whole triangle beat sweeps over cache-sized bands of rows, whose
 * re-reads of the runs' lists and skips to each band now cost more than the misses they save.
 * Bands remain for very large K (BAND_DOUBLES).
 */
export function accumulateCurvature(
  enc: EncodedRuns,
  v: Float64Array,
  stride: number,
  f: BlockFactor,
  vu: Float64Array,
  rowOf: Int32Array,
  bandDoubles?: number,
  bySpec?: { runs: RunsBySpec; v: Float64Array },
): void {
  const { n, spec } = enc;
  const taken = Math.ceil(n / stride);
  const band = bandDoubles ?? (taken < MIN_RUNS_TO_BAND ? Infinity : BAND_DOUBLES);
  for (let i = 0; i < n; i += stride) {
    const r = rowOf[spec[i]!]!;
    if (r >= 0) vu[r] = vu[r]! + stride * v[i]!;
  }
  if (bySpec) specBlockBySpec(bySpec.runs, v, bySpec.v, stride, f, rowOf);
  else specBlockInBands(enc, v, stride, f, rowOf, band);
  nudgeBlock(enc, v, stride, f, band);
}

/**
 * The spec x column block from the runs copied in spec order (bySpec.ts): one sequential walk,
 * each spec's row of K sums staying in cache while its runs are added (the same sums, added in
 * the same order, as the banded sweeps below). vOut receives v in spec order (the runs taken).
 * Measured on a million runs x 1,000 nudges x 1,000 specs (CPU, load ~15): 0.40 s -> 0.05-0.08 s
 * in the full Hessian, 0.10-0.17 s -> 0.04-0.12 s in the sampled one.
 */
function specBlockBySpec(by: RunsBySpec, v: Float64Array, vOut: Float64Array, stride: number, f: BlockFactor, rowOf: Int32Array): void {
  const { K, lbu: C } = f;
  const { start, run, position, offsets, deltas } = by;
  for (let i = 0; i < v.length; i += stride) {
    const x = position[i]!;
    if (x >= 0) vOut[x] = v[i]!;
  }
  for (let s = 0; s + 1 < start.length; s++) {
    const r = rowOf[s]!;
    if (r < 0) continue;
    const row = r * K;
    for (let x = start[s]!; x < start[s + 1]!; x++) {
      if (stride > 1 && run[x]! % stride !== 0) continue;
      const vi = stride * vOut[x]!;
      // The run's columns from their byte deltas (bySpec.ts), as positions in the row.
      let at = row - 1;
      for (let j = offsets[x]!; j < offsets[x + 1]!; j++) {
        const d = deltas[j]!;
        at += d;
        if (d < 255) C[at] = C[at]! + vi;
      }
    }
  }
}

function specBlockInBands(enc: EncodedRuns, v: Float64Array, stride: number, f: BlockFactor, rowOf: Int32Array, band: number): void {
  const { n, spec, offsets, nudgeIdx } = enc;
  const { K, lbu: C } = f;
  // The spec x column block in bands of whole spec rows, for the same reason.
  const specsPerBand = Math.max(1, Math.floor(band / Math.max(1, K)));
  for (let s0 = 0; s0 < f.S; s0 += specsPerBand) {
    const s1 = s0 + specsPerBand;
    for (let i = 0; i < n; i += stride) {
      const s = rowOf[spec[i]!]!;
      if (s < s0 || s >= s1) continue;
      const vi = stride * v[i]!;
      const row = s * K;
      for (let j = offsets[i]!; j < offsets[i + 1]!; j++) C[row + nudgeIdx[j]!] = C[row + nudgeIdx[j]!]! + vi;
    }
  }
}

function nudgeBlock(enc: EncodedRuns, v: Float64Array, stride: number, f: BlockFactor, band: number): void {
  const { n, offsets, nudgeIdx } = enc;
  const { K, lbb: H } = f;
  const bounds = bandBounds(K, band);
  for (let band = 0; band + 1 < bounds.length; band++) {
    const lo = bounds[band]!;
    const hi = bounds[band + 1]!;
    for (let i = 0; i < n; i += stride) {
      const j0 = offsets[i]!;
      const j1 = offsets[i + 1]!;
      // Nudges ascend within a run: the rows in this band are j .. e - 1.
      let j = j0;
      while (j < j1 && nudgeIdx[j]! < lo) j++;
      let e = j1;
      if (hi < K) {
        e = j;
        while (e < j1 && nudgeIdx[e]! < hi) e++;
      }
      if (j === e) continue;
      const vi = stride * v[i]!;
      if (vi === 0) continue;
      // Four rows at a time: each column index read serves four additions, which do not wait
      // on one another (the row-by-row loop was bound by its loads and index arithmetic).
      for (; j + 3 < e; j += 4) {
        const b0 = nudgeIdx[j]! * K;
        const b1 = nudgeIdx[j + 1]! * K;
        const b2 = nudgeIdx[j + 2]! * K;
        const b3 = nudgeIdx[j + 3]! * K;
        for (let jj = j0; jj <= j; jj++) {
          const c = nudgeIdx[jj]!;
          H[b0 + c] = H[b0 + c]! + vi;
          H[b1 + c] = H[b1 + c]! + vi;
          H[b2 + c] = H[b2 + c]! + vi;
          H[b3 + c] = H[b3 + c]! + vi;
        }
        // The columns among the four rows themselves (below the diagonal and on it).
        const c1 = nudgeIdx[j + 1]!;
        const c2 = nudgeIdx[j + 2]!;
        const c3 = nudgeIdx[j + 3]!;
        H[b1 + c1] = H[b1 + c1]! + vi;
        H[b2 + c1] = H[b2 + c1]! + vi;
        H[b3 + c1] = H[b3 + c1]! + vi;
        H[b2 + c2] = H[b2 + c2]! + vi;
        H[b3 + c2] = H[b3 + c2]! + vi;
        H[b3 + c3] = H[b3 + c3]! + vi;
      }
      for (; j < e; j++) {
        const base = nudgeIdx[j]! * K;
        for (let jj = j0; jj <= j; jj++) H[base + nudgeIdx[jj]!] = H[base + nudgeIdx[jj]!]! + vi;
      }
    }
  }
}

/**
 * Lower-triangle entries per band: 8 MB, so one band up to about 1,450 columns. Measured on a
 * million runs x 1,000 nudges x 20 per run (CPU time of the full Hessian's nudge block, each in
 * a fresh process, a shared 2-core AMD EPYC at load ~1.8): rows in fours, one band 290-480 ms;
 * 512 kB bands 560-890 ms; rows one at a time in 512 kB bands (before) 720-880 ms. With fewer
 * runs than MIN_RUNS_TO_BAND one band is used whatever K.
 */
const BAND_DOUBLES = 1 << 20;
const MIN_RUNS_TO_BAND = 50_000;

/**
 * Row boundaries splitting the lower triangle of a K x K matrix into bands of equal area, at
 * most bandDoubles each.
 */
export function bandBounds(K: number, bandDoubles: number): number[] {
  const area = (K * (K + 1)) / 2;
  const bands = Math.max(1, Math.ceil(area / bandDoubles));
  const out = [0];
  for (let t = 1; t < bands; t++) out.push(Math.round(K * Math.sqrt(t / bands)));
  out.push(K);
  return [...new Set(out)];
}
