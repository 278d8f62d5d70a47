import { ConditionalSpec } from './conditional';
import type { EncodedRuns } from './encode';

/**
 * Which likelihood each spec enters the adjusted fit with (DOMAIN.md "Identification": a
 * nudge's effect comes from runs of the same spec with and without it):
 * - conditional (at most CONDITIONAL_MAX_RUNS runs, some passed and some failed): the
 *   conditional likelihood given the spec's number of passes (conditional.ts). Exact for few
 *   runs, where an intercept per spec would be badly biased (with two runs per spec the
 *   fixed-effects estimate of a log-odds ratio is twice the truth), and free of any assumption
 *   about how hard specs are or why a nudge was used on them;
 * - profiled (more runs, both outcomes): an intercept of its own, unpenalised in effect
 *   (PROFILED_SPEC_PENALTY), fitted with the rest. With T runs its bias is O(1/T), a few
 *   percent of an effect at 40 runs and vanishing beyond, and it costs one pass per run where
 *   the conditional likelihood's pairs would cost T;
 * - none (every run passed, or every run failed): no information about any effect, left out.
 */
export const CONDITIONAL_MAX_RUNS = 40;
export const PROFILED_SPEC_PENALTY = 1e-6;

export const ROLE_NONE = 0;
export const ROLE_CONDITIONAL = 1;
export const ROLE_PROFILED = 2;

export interface WithinDesign {
  S: number;
  K: number;
  role: Uint8Array;
  /** Row of each spec in the factor's u block (profiled specs), else -1. */
  rowOf: Int32Array;
  specOfRow: Int32Array;
  /** Runs (with positive weight) and passes per spec. */
  runs: Int32Array;
  passes: Int32Array;
  /** Conditional specs and their runs: specs[c]'s runs are members[start[c] .. start[c + 1]). */
  cond: { specs: Int32Array; start: Int32Array; members: Int32Array; weight: Float64Array };
}

export function withinDesign(enc: EncodedRuns): WithinDesign {
  const S = enc.specKeys.length;
  const K = enc.nudgeKeys.length;
  const runs = new Int32Array(S);
  const passes = new Int32Array(S);
  const weightSum = new Float64Array(S);
  for (let i = 0; i < enc.n; i++) {
    const w = enc.weight[i]!;
    if (!(w > 0)) continue;
    const s = enc.spec[i]!;
    runs[s] = runs[s]! + 1;
    passes[s] = passes[s]! + enc.passed[i]!;
    weightSum[s] = weightSum[s]! + w;
  }
  const role = new Uint8Array(S);
  const rowOf = new Int32Array(S).fill(-1);
  const rows: number[] = [];
  const condSpecs: number[] = [];
  for (let s = 0; s < S; s++) {
    const T = runs[s]!;
    const Y = passes[s]!;
    if (Y === 0 || Y === T) continue;
    if (T <= CONDITIONAL_MAX_RUNS) {
      role[s] = ROLE_CONDITIONAL;
      condSpecs.push(s);
    } else {
      role[s] = ROLE_PROFILED;
      rowOf[s] = rows.push(s) - 1;
    }
  }
  const slot = new Int32Array(S).fill(-1);
  condSpecs.forEach((s, c) => (slot[s] = c));
  const start = new Int32Array(condSpecs.length + 1);
  for (let c = 0; c < condSpecs.length; c++) start[c + 1] = start[c]! + runs[condSpecs[c]!]!;
  const members = new Int32Array(start[condSpecs.length]!);
  const fill = start.slice(0, condSpecs.length);
  for (let i = 0; i < enc.n; i++) {
    const c = slot[enc.spec[i]!]!;
    if (c < 0 || !(enc.weight[i]! > 0)) continue;
    members[fill[c]!++] = i;
  }
  // A conditional likelihood has no run weights: a spec's enters scaled by its mean run weight
  // (1, or less for flaky runs that are down-weighted), a composite-likelihood weight.
  const weight = Float64Array.from(condSpecs, (s) => weightSum[s]! / runs[s]!);
  return { S, K, role, rowOf, specOfRow: Int32Array.from(rows), runs, passes, cond: { specs: Int32Array.from(condSpecs), start, members, weight } };
}

/** Scratch for the conditional specs' pass, kept between iterations. */
export class ConditionalScratch {
  readonly kernel = new ConditionalSpec();
  eta = new Float64Array(64);
  y = new Float64Array(64);
  local: Int32Array;
  active: number[] = [];
  z = new Float64Array(0);
  m = new Float64Array(0);

  constructor(K: number) {
    this.local = new Int32Array(K).fill(-1);
  }

  reserve(T: number): void {
    if (T > this.eta.length) {
      this.eta = new Float64Array(2 * T);
      this.y = new Float64Array(2 * T);
    }
  }
}

/**
 * The conditional specs' share of the objective at coefficients b: returns their weighted log
 * conditional likelihood, adds their gradient to gb and, when `hessian` is given, X^T Cov X to
 * its lower triangle (K x K row-major, unpenalised).
 */
export function conditionalPass(enc: EncodedRuns, d: WithinDesign, b: Float64Array, gb: Float64Array, hessian: Float64Array | null, scratch: ConditionalScratch): number {
  const { offsets, nudgeIdx, passed } = enc;
  const { specs, start, members, weight } = d.cond;
  const K = d.K;
  let loglik = 0;
  for (let c = 0; c < specs.length; c++) {
    const from = start[c]!;
    const T = start[c + 1]! - from;
    scratch.reserve(T);
    const { eta, y } = scratch;
    for (let t = 0; t < T; t++) {
      const i = members[from + t]!;
      let e = 0;
      for (let j = offsets[i]!; j < offsets[i + 1]!; j++) e += b[nudgeIdx[j]!]!;
      eta[t] = e;
      y[t] = passed[i]!;
    }
    const kernel = scratch.kernel;
    const w = weight[c]!;
    loglik += w * kernel.evaluate(eta, y, T, hessian !== null);
    for (let t = 0; t < T; t++) {
      const i = members[from + t]!;
      const r = w * (y[t]! - kernel.pi[t]!);
      if (r === 0) continue;
      for (let j = offsets[i]!; j < offsets[i + 1]!; j++) gb[nudgeIdx[j]!] = gb[nudgeIdx[j]!]! + r;
    }
    if (hessian) addConditionalCurvature(enc, members, from, T, w, kernel.cov, hessian, K, scratch);
  }
  return loglik;
}

/**
 * hessian += w X^T Cov X for one conditional spec, over the columns its runs use: Z = Cov X
 * (T x A), then X^T Z, scattered into the lower triangle. O(T nnz + nnz A).
 */
function addConditionalCurvature(enc: EncodedRuns, members: Int32Array, from: number, T: number, w: number, cov: Float64Array, hessian: Float64Array, K: number, scratch: ConditionalScratch): void {
  const { offsets, nudgeIdx } = enc;
  const { local, active } = scratch;
  active.length = 0;
  for (let t = 0; t < T; t++) {
    const i = members[from + t]!;
    for (let j = offsets[i]!; j < offsets[i + 1]!; j++) {
      const k = nudgeIdx[j]!;
      if (local[k]! < 0) local[k] = active.push(k) - 1;
    }
  }
  const A = active.length;
  if (A > 0) {
    if (scratch.z.length < T * A) scratch.z = new Float64Array(2 * T * A);
    if (scratch.m.length < A * A) scratch.m = new Float64Array(2 * A * A);
    const z = scratch.z;
    const m = scratch.m;
    z.fill(0, 0, T * A);
    m.fill(0, 0, A * A);
    for (let t = 0; t < T; t++) {
      const i = members[from + t]!;
      for (let j = offsets[i]!; j < offsets[i + 1]!; j++) {
        const a = local[nudgeIdx[j]!]!;
        for (let r = 0; r < T; r++) z[r * A + a] = z[r * A + a]! + cov[r * T + t]!;
      }
    }
    for (let t = 0; t < T; t++) {
      const i = members[from + t]!;
      for (let j = offsets[i]!; j < offsets[i + 1]!; j++) {
        const a = local[nudgeIdx[j]!]!;
        const zr = t * A;
        const mr = a * A;
        for (let bb = 0; bb < A; bb++) m[mr + bb] = m[mr + bb]! + z[zr + bb]!;
      }
    }
    for (let a = 0; a < A; a++) {
      const ga = active[a]!;
      for (let bb = 0; bb < A; bb++) {
        const gb = active[bb]!;
        if (gb > ga) continue;
        hessian[ga * K + gb] = hessian[ga * K + gb]! + w * m[a * A + bb]!;
      }
    }
  }
  for (const k of active) local[k] = -1;
}
