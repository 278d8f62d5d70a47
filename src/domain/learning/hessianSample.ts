import type { EncodedRuns } from './encode';
import { ROLE_PROFILED, type WithinDesign } from './within';

/**
 * The runs a sampled Hessian is accumulated on (logistic.ts): every stride-th run of each
 * profiled spec, counted within the spec, each standing for T_s / m_s of its spec's runs (T_s
 * runs, m_s taken), so each spec's sums are scaled back to its own size. Counting within the
 * spec matters: a log that cycles through its specs (the compile loop, a benchmark) with a
 * period sharing a factor with a global stride would leave whole specs out of a sample taken by
 * run index, and their intercepts without curvature (measured: 24 specs in turn, stride 8, 3
 * specs sampled, no convergence in 50 iterations).
 *
 * Conditional specs' curvature is exact in the fit (within.ts) and other specs have none, so
 * only profiled specs' runs are taken. The copy is made once per fit: its nudge lists are
 * contiguous, which the curvature's banded sweeps read faster than strided ones.
 */
export interface HessianSample {
  /** The taken runs as an encoding of their own (weights unused; see scale). */
  enc: EncodedRuns;
  /** Index of each taken run in the whole encoding. */
  run: Int32Array;
  /** How many of its spec's runs each taken run stands for. */
  scale: Float64Array;
}

export function hessianSample(enc: EncodedRuns, d: WithinDesign, stride: number): HessianSample {
  const { n, spec, offsets, nudgeIdx, weight } = enc;
  const seen = new Int32Array(d.S);
  const takenOf = new Int32Array(d.S);
  let m = 0;
  let nnz = 0;
  for (let i = 0; i < n; i++) {
    const s = spec[i]!;
    if (d.role[s] !== ROLE_PROFILED || !(weight[i]! > 0)) continue;
    if (seen[s]!++ % stride !== 0) continue;
    takenOf[s] = takenOf[s]! + 1;
    m++;
    nnz += offsets[i + 1]! - offsets[i]!;
  }
  const run = new Int32Array(m);
  const scale = new Float64Array(m);
  const out: EncodedRuns = {
    n: m,
    passed: new Uint8Array(m),
    spec: new Int32Array(m),
    offsets: new Int32Array(m + 1),
    nudgeIdx: new Int32Array(nnz),
    weight: new Float32Array(m).fill(1),
    nudgeKeys: enc.nudgeKeys,
    specKeys: enc.specKeys,
  };
  seen.fill(0);
  let x = 0;
  let at = 0;
  for (let i = 0; i < n; i++) {
    const s = spec[i]!;
    if (d.role[s] !== ROLE_PROFILED || !(weight[i]! > 0)) continue;
    if (seen[s]!++ % stride !== 0) continue;
    run[x] = i;
    scale[x] = d.runs[s]! / takenOf[s]!;
    out.spec[x] = s;
    out.passed[x] = enc.passed[i]!;
    for (let j = offsets[i]!; j < offsets[i + 1]!; j++) out.nudgeIdx[at++] = nudgeIdx[j]!;
    out.offsets[++x] = at;
  }
  return { enc: out, run, scale };
}
