import type { EncodedRuns } from './encode';

/**
 * The runs (those with positive weight) copied in spec order: spec s's are positions
 * start[s] .. start[s + 1], in storage order within the spec, with their columns in compressed
 * rows of their own (offsets, deltas; see RunsBySpec.deltas for the encoding). For the sums taken spec by spec (the Hessian's
 * spec x column block, heterogeneity.ts): walking a spec's runs in the log itself reads a
 * scattered cache line or three per run, and with a thousand specs x a thousand columns those
 * misses were most of both. The copy is written in one pass over the log (a thousand write
 * streams, one per spec, which the cache holds), and the sums come out in the same order, so
 * the same to the last bit. It costs the log's nudge lists once more in memory (at about a
 * quarter of their size) while a fit runs.
 */
export interface RunsBySpec {
  start: Int32Array;
  /** The run (index in the log) at each position, and each run's position (-1: weight 0). */
  run: Int32Array;
  position: Int32Array;
  /** Position x's bytes of deltas are offsets[x] .. offsets[x + 1]. */
  offsets: Int32Array;
  /**
   * Each run's columns (ascending) as byte deltas: k = -1 at the run's start, then each byte d
   * adds d to k, and a byte under 255 ends a column (k is the column): a gap of 255 or more
   * takes a 255 per 255 first. About one byte a column (the gaps between 20 of 1,000 columns are
   * rarely 255): a quarter of the log's 32-bit lists, half of 16-bit ones, whatever the number
   * of columns. Fewer bytes matter most as fresh memory, each page of which costs a fault
   * (~14 us where the benchmarks run): 20 MB instead of 40 at a million runs x 20 columns.
   */
  deltas: Uint8Array;
}

/** Decodes position x's columns (for tests and checks; the kernels decode inline). */
export function columnsAt(by: RunsBySpec, x: number): number[] {
  const out: number[] = [];
  let k = -1;
  for (let j = by.offsets[x]!; j < by.offsets[x + 1]!; j++) {
    const d = by.deltas[j]!;
    k += d;
    if (d < 255) out.push(k);
  }
  return out;
}

/** Bytes of run i's columns in the encoding of RunsBySpec.deltas. */
function encodedLength(offsets: Int32Array, nudgeIdx: Int32Array, i: number): number {
  let prev = -1;
  let bytes = 0;
  for (let j = offsets[i]!; j < offsets[i + 1]!; j++) {
    const k = nudgeIdx[j]!;
    bytes += 1 + Math.floor((k - prev) / 255);
    prev = k;
  }
  return bytes;
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
    nnzStart[s + 1] = nnzStart[s + 1]! + encodedLength(offsets, nudgeIdx, i);
  }
  for (let s = 0; s < S; s++) {
    start[s + 1] = start[s + 1]! + start[s]!;
    nnzStart[s + 1] = nnzStart[s + 1]! + nnzStart[s]!;
  }
  const m = start[S]!;
  const run = new Int32Array(m);
  const position = new Int32Array(n).fill(-1);
  const outOffsets = new Int32Array(m + 1);
  const deltas = new Uint8Array(nnzStart[S]!);
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
    let prev = -1;
    for (let j = offsets[i]!; j < offsets[i + 1]!; j++) {
      const k = nudgeIdx[j]!;
      let gap = k - prev;
      prev = k;
      for (; gap >= 255; gap -= 255) deltas[at++] = 255;
      deltas[at++] = gap;
    }
    nnzFill[s] = at;
  }
  outOffsets[m] = deltas.length;
  return { start, run, position, offsets: outOffsets, deltas };
}

/** out[x] = values[run at x], for each position x (a per-run array in spec order). */
export function inSpecOrder(by: RunsBySpec, values: Float64Array, out: Float64Array): void {
  const { position } = by;
  for (let i = 0; i < position.length; i++) {
    const x = position[i]!;
    if (x >= 0) out[x] = values[i]!;
  }
}
