import { choleskyRankOneUpdate } from './linalg';
import type { BlockFactor, Penalties } from './laplace';

/** Keeps the block factor of laplace.ts current as runs, specs and columns arrive, without factorising it again. */

/**
 * In place: the factor of H + c x x^T for a run of profiled spec s (row s) with the given
 * columns, x being that run's design vector (1 at u_s and at each column); s = -1 for a run
 * whose spec has no intercept row (only the b block changes). `vb` is scratch of length K.
 * O(K^2): the rotation touches column u_s and then the whole b block.
 */
export function addRunCurvature(f: BlockFactor, s: number, columns: ArrayLike<number>, c: number, vb: Float64Array): void {
  if (!(c > 0)) return;
  const { K, lbu } = f;
  const root = Math.sqrt(c);
  vb.fill(0);
  for (let j = 0; j < columns.length; j++) vb[columns[j]!] = root;
  if (s >= 0) {
    // Column u_s (v is zero in every other spec's column, so those are untouched).
    const d = f.lu[s]!;
    const r = Math.hypot(d, root);
    const cs = r / d;
    const sn = root / d;
    f.lu[s] = r;
    const row = s * K;
    for (let k = 0; k < K; k++) {
      const lnew = (lbu[row + k]! + sn * vb[k]!) / cs;
      vb[k] = cs * vb[k]! - sn * lnew;
      lbu[row + k] = lnew;
    }
  }
  choleskyRankOneUpdate(f.lbb, K, vb);
}

/**
 * In place: row s of the intercept block after adding a run with the given columns and
 * curvature c to spec s, i.e. lu[s]^2 = d_s + c and lbu[s] = (h_s + c e_cols) / lu[s], h_s being
 * the spec's curvature shared with each column. O(K); the b block (lbb) is left as it was:
 * incremental updates keep b's covariance instead (keptCovariance.ts).
 */
export function addRunToRow(f: BlockFactor, s: number, columns: ArrayLike<number>, c: number): void {
  if (!(c > 0)) return;
  const { K, lbu } = f;
  const d = f.lu[s]!;
  const r = Math.sqrt(d * d + c);
  const row = s * K;
  const scale = d / r;
  for (let k = 0; k < K; k++) lbu[row + k] = lbu[row + k]! * scale;
  for (let j = 0; j < columns.length; j++) lbu[row + columns[j]!] = lbu[row + columns[j]!]! + c / r;
  f.lu[s] = r;
}

/** Appends intercept rows with no runs yet: the prior alone (sqrt of the penalty). */
export function growSpecs(f: BlockFactor, S: number, pen: Penalties): void {
  if (S <= f.S) return;
  const lu = new Float64Array(S);
  lu.set(f.lu);
  lu.fill(Math.sqrt(pen.spec), f.S);
  const lbu = new Float64Array(S * f.K);
  lbu.set(f.lbu);
  Object.assign(f, { S, lu, lbu });
}

/** Appends columns with no runs yet: uncoupled, with the prior's precision on the diagonal. */
export function growColumns(f: BlockFactor, K: number, pen: Penalties): void {
  const old = f.K;
  if (K <= old) return;
  const lbu = new Float64Array(f.S * K);
  for (let s = 0; s < f.S; s++) lbu.set(f.lbu.subarray(s * old, (s + 1) * old), s * K);
  const lbb = new Float64Array(K * K);
  for (let i = 0; i < old; i++) lbb.set(f.lbb.subarray(i * old, i * old + i + 1), i * K);
  for (let i = old; i < K; i++) lbb[i * K + i] = Math.sqrt(pen.columns[i]!);
  Object.assign(f, { K, lbu, lbb });
}
