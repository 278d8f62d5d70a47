import { isAdjustmentKey } from '../adjustment';
import { FLAKY_WEIGHT, type EncodedRuns, type FlakyHandling } from '../encode';
import { unpackMessages, type RunBatch } from './batch';

/**
 * Every run the worker has been sent, in arrival order, in one growing set of typed arrays
 * (the learner's memory of the evidence). Runs are stored at full weight with a flaky flag;
 * what the estimators see (encoded) applies the flaky handling on the way out, so changing
 * the setting, or an old run turning out to be flaky, never needs the page to send runs again.
 */
export class EvidenceLog {
  readonly nudgeKeys: string[] = [];
  readonly specKeys: string[] = [];
  private readonly nudgeIndex = new Map<string, number>();
  private readonly specIndex = new Map<string, number>();
  n = 0;
  private nnz = 0;
  private passed = new Uint8Array(256);
  private spec = new Int32Array(256);
  private at = new Float64Array(256);
  private flaky = new Uint8Array(256);
  private ones = new Float32Array(256).fill(1);
  /** 1, or FLAKY_WEIGHT for a flaky run: the 'downweight' weights, kept current. */
  private down = new Float32Array(256).fill(1);
  private offsets = new Int32Array(257);
  private nudgeIdx = new Int32Array(1024);
  private messages: (readonly string[])[] = [];
  flakyCount = 0;
  /** Largest `at` so far, and whether runs arrived in time order (the curve can skip sorting). */
  maxAt = -Infinity;
  inTimeOrder = true;

  /** Appends a batch (its keys remapped into this log's key space); returns the new runs' range. */
  append(batch: RunBatch): { from: number; to: number } {
    const { enc } = batch;
    const nudgeOf = enc.nudgeKeys.map((k) => keyIndex(k, this.nudgeKeys, this.nudgeIndex));
    const specOf = enc.specKeys.map((k) => keyIndex(k, this.specKeys, this.specIndex));
    this.reserve(this.n + enc.n, this.nnz + enc.nudgeIdx.length);
    const messages = unpackMessages(batch.messages);
    const from = this.n;
    const row: number[] = [];
    for (let i = 0; i < enc.n; i++) {
      const r = this.n++;
      this.passed[r] = enc.passed[i]!;
      this.spec[r] = specOf[enc.spec[i]!]!;
      const t = batch.at[i]!;
      if (t < this.maxAt) this.inTimeOrder = false;
      else this.maxAt = t;
      this.at[r] = t;
      this.flaky[r] = 0;
      this.down[r] = 1;
      if (batch.flaky[i]) this.setFlaky(r);
      row.length = 0;
      for (let j = enc.offsets[i]!; j < enc.offsets[i + 1]!; j++) row.push(nudgeOf[enc.nudgeIdx[j]!]!);
      // Remapping can reorder indices; the encoding promises ascending nudges within a run.
      row.sort((a, b) => a - b);
      for (const k of row) this.nudgeIdx[this.nnz++] = k;
      this.offsets[r + 1] = this.nnz;
      this.messages.push(messages[i]!);
    }
    return { from, to: this.n };
  }

  /** Flags earlier runs as flaky; returns how many were not flagged before. */
  markFlaky(indices: ArrayLike<number>): number {
    let changed = 0;
    for (let j = 0; j < indices.length; j++) {
      const r = indices[j]!;
      if (r < 0 || r >= this.n || this.flaky[r]) continue;
      this.setFlaky(r);
      changed++;
    }
    return changed;
  }

  /**
   * Runs [from, to) as the estimators see them under a flaky handling. The full range under
   * 'include' or 'downweight' is a view (no copy); 'exclude' and partial ranges are copies.
   */
  encoded(handling: FlakyHandling, from = 0, to = this.n): EncodedRuns {
    const weightOf = handling === 'downweight' ? this.down : this.ones;
    if (from === 0 && handling !== 'exclude') {
      return {
        n: to,
        passed: this.passed.subarray(0, to),
        spec: this.spec.subarray(0, to),
        offsets: this.offsets.subarray(0, to + 1),
        nudgeIdx: this.nudgeIdx.subarray(0, this.offsets[to]),
        weight: weightOf.subarray(0, to),
        nudgeKeys: this.nudgeKeys,
        specKeys: this.specKeys,
      };
    }
    const keep: number[] = [];
    let nnz = 0;
    for (let r = from; r < to; r++) {
      if (handling === 'exclude' && this.flaky[r]) continue;
      keep.push(r);
      nnz += this.offsets[r + 1]! - this.offsets[r]!;
    }
    const out: EncodedRuns = {
      n: keep.length,
      passed: new Uint8Array(keep.length),
      spec: new Int32Array(keep.length),
      offsets: new Int32Array(keep.length + 1),
      nudgeIdx: new Int32Array(nnz),
      weight: new Float32Array(keep.length),
      nudgeKeys: this.nudgeKeys,
      specKeys: this.specKeys,
    };
    let j = 0;
    keep.forEach((r, i) => {
      out.passed[i] = this.passed[r]!;
      out.spec[i] = this.spec[r]!;
      out.weight[i] = weightOf[r]!;
      const row = this.nudgeIdx.subarray(this.offsets[r]!, this.offsets[r + 1]!);
      out.nudgeIdx.set(row, j);
      j += row.length;
      out.offsets[i + 1] = j;
    });
    return out;
  }

  /** A copy that owns its buffers (to transfer to another worker) and its key lists. */
  encodedCopy(handling: FlakyHandling): EncodedRuns {
    const e = this.encoded(handling);
    return {
      n: e.n,
      passed: e.passed.slice(),
      spec: e.spec.slice(),
      offsets: e.offsets.slice(),
      nudgeIdx: e.nudgeIdx.slice(),
      weight: e.weight.slice(),
      nudgeKeys: [...e.nudgeKeys],
      specKeys: [...e.specKeys],
    };
  }

  /** Times and outcomes of every run (flaky or not): what the learning curve is drawn from. */
  outcomes(): { at: Float64Array; passed: Uint8Array } {
    return { at: this.at.subarray(0, this.n), passed: this.passed.subarray(0, this.n) };
  }

  /** Run r as the failure-mode functions want it: its nudge keys, outcome and messages. */
  runFacts(r: number): { nudges: string[]; passed: boolean; messages: readonly string[] } {
    const nudges: string[] = [];
    for (let j = this.offsets[r]!; j < this.offsets[r + 1]!; j++) {
      const key = this.nudgeKeys[this.nudgeIdx[j]!]!;
      if (!isAdjustmentKey(key)) nudges.push(key);
    }
    return { nudges, passed: this.passed[r] === 1, messages: this.messages[r]! };
  }

  private setFlaky(r: number): void {
    this.flaky[r] = 1;
    this.down[r] = FLAKY_WEIGHT;
    this.flakyCount++;
  }

  private reserve(runs: number, nnz: number): void {
    if (runs > this.passed.length) {
      const cap = Math.max(runs, this.passed.length * 2);
      this.passed = grow(this.passed, cap);
      this.spec = grow(this.spec, cap);
      this.at = grow(this.at, cap);
      this.flaky = grow(this.flaky, cap);
      this.ones = grow(this.ones, cap, 1);
      this.down = grow(this.down, cap, 1);
      this.offsets = grow(this.offsets, cap + 1);
    }
    if (nnz > this.nudgeIdx.length) this.nudgeIdx = grow(this.nudgeIdx, Math.max(nnz, this.nudgeIdx.length * 2));
  }
}

function keyIndex(key: string, keys: string[], index: Map<string, number>): number {
  let i = index.get(key);
  if (i === undefined) {
    i = keys.push(key) - 1;
    index.set(key, i);
  }
  return i;
}

function grow<T extends Uint8Array | Int32Array | Float32Array | Float64Array>(a: T, size: number, fill = 0): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}
