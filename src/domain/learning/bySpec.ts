import type { EncodedRuns } from './encode';

/**
 * The runs (those with positive weight) copied in spec order: spec s's are positions
 * start[s] .. start[s + 1], in storage order within the spec, with their columns in compressed
 * rows of their own (offsets, nudgeIdx). For the sums taken spec by spec (the Hessian's
 * spec x column block, heterogeneity.ts): walking a spec's runs in the log itself reads a
 * scattered cache line or three per run, and with a thousand specs x a thousand columns those
 * misses were most of both. The copy is written in one pass over the log (a thousand write
 * streams, one per spec, which the cache holds), and the sums come out in the same order, so
 * the same to the last bit. It costs the log's nudge lists once more in memory (at half their
 * size) while a fit runs.
 */
export interface RunsBySpec {
  start: Int32Array;
  /** The run (index in the log) at each position, and each run's position (-1: weight 0). */
  run: Int32Array;
  position: Int32Array;
  offsets: Int32Array;
  /** 16-bit when there are fewer than 65,536 columns: half the bytes to write and to read. */
  nudgeIdx: Uint16Array | Int32Array;
}

export function runsBySpec(enc: EncodedRuns): RunsBySpec {
  const S = enc.specKeys.length;
  const { n, spec, weight, offsets, nudgeIdx } = enc;
  const start = new Int32Array(S + 1);
  const nnzStart = new Int32Array(S + 1);
  for (let i = 0; i < n; i++) {
    if (!(weight[i]! > 0)) continue;
    const s = spec[i]!;
    start[s + 1]!++;
    nnzStart[s + 1] = nnzStart[s + 1]! + offsets[i + 1]! - offsets[i]!;
  }
  for (let s = 0; s < S; s++) {
    start[s + 1] = start[s + 1]! + start[s]!;
    nnzStart[s + 1] = nnzStart[s + 1]! + nnzStart[s]!;
  }
  const m = start[S]!;
  const run = new Int32Array(m);
  const position = new Int32Array(n).fill(-1);
  const outOffsets = new Int32Array(m + 1);
  const outIdx = enc.nudgeKeys.length <= 0xffff ? new Uint16Array(nnzStart[S]!) : new Int32Array(nnzStart[S]!);
  const fill = start.slice(0, S);
  const nnzFill = nnzStart.slice(0, S);
  for (let i = 0; i < n; i++) {
    if (!(weight[i]! > 0)) continue;
    const s = spec[i]!;
    const x = fill[s]!++;
    run[x] = i;
    position[i] = x;
    let at = nnzFill[s]!;
    outOffsets[x] = at;
    for (let j = offsets[i]!; j < offsets[i + 1]!; j++) outIdx[at++] = nudgeIdx[j]!;
    nnzFill[s] = at;
  }
  outOffsets[m] = outIdx.length;
  return { start, run, position, offsets: outOffsets, nudgeIdx: outIdx };
}

/** out[x] = values[run at x], for each position x (a per-run array in spec order). */
export function inSpecOrder(by: RunsBySpec, values: Float64Array, out: Float64Array): void {
  const { position } = by;
  for (let i = 0; i < position.length; i++) {
    const x = position[i]!;
    if (x >= 0) out[x] = values[i]!;
  }
}
