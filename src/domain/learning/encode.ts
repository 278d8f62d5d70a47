import { ValidationError } from '../errors';
import { findFlaky } from '../evidence/flaky';
import { normaliseNudge, type Run } from '../evidence/run';
import { adjustmentKeys } from './adjustment';

/**
 * Runs as a few typed arrays (compressed sparse rows of nudge indices), so that a million runs
 * cross to the learner worker as transferred buffers, not a million objects, and so that the
 * learner's loops touch contiguous memory.
 */
export interface EncodedRuns {
  n: number;
  /** 1 when run i passed. */
  passed: Uint8Array;
  /** Index into specKeys of run i's learning unit (see learningUnit). */
  spec: Int32Array;
  /**
   * Run i's columns are nudgeIdx[offsets[i] .. offsets[i+1]), ascending and distinct: its
   * nudges and its adjustment terms (model, temperature band, month; see adjustment.ts).
   */
  offsets: Int32Array;
  nudgeIdx: Int32Array;
  /** Run weight in every estimate (1, or FLAKY_WEIGHT for a down-weighted flaky run). */
  weight: Float32Array;
  nudgeKeys: string[];
  specKeys: string[];
}

/**
 * What to do with flaky runs (same spec and nudge set, both outcomes; see evidence/flaky).
 * 'include' (the default) keeps them at full weight: they are real outcomes and the seed counted
 * them. 'exclude' drops them. 'downweight' gives them weight FLAKY_WEIGHT = 0.5: a flaky group
 * says as much about the nudges as half as many clean runs would, which is a judgement, not a
 * derivation; 0.5 keeps their outcomes in view without letting noisy retries dominate.
 */
export type FlakyHandling = 'include' | 'exclude' | 'downweight';
export const FLAKY_WEIGHT = 0.5;

export interface EncodeOptions {
  flaky?: FlakyHandling;
  /** Flaky run ids computed over all runs (for an increment, whose flakiness depends on older runs). */
  flakyRunIds?: ReadonlySet<string>;
  /** Keep an existing index space (e.g. the learner's), appending keys not seen before. */
  nudgeKeys?: readonly string[];
  specKeys?: readonly string[];
}

/** Builds an encoding run by run; indices of new keys are appended in order of first use. */
export class EncodingBuilder {
  readonly nudgeKeys: string[];
  readonly specKeys: string[];
  private readonly nudgeIndex = new Map<string, number>();
  private readonly specIndex = new Map<string, number>();
  private n = 0;
  private nnz = 0;
  private passed = new Uint8Array(64);
  private spec = new Int32Array(64);
  private weight = new Float32Array(64);
  private offsets = new Int32Array(65);
  private nudgeIdx = new Int32Array(256);
  private row: number[] = [];

  constructor(nudgeKeys: readonly string[] = [], specKeys: readonly string[] = []) {
    this.nudgeKeys = [...nudgeKeys];
    this.specKeys = [...specKeys];
    this.nudgeKeys.forEach((k, i) => this.nudgeIndex.set(k, i));
    this.specKeys.forEach((k, i) => this.specIndex.set(k, i));
  }

  nudge(key: string): number {
    let i = this.nudgeIndex.get(key);
    if (i === undefined) {
      i = this.nudgeKeys.push(key) - 1;
      this.nudgeIndex.set(key, i);
    }
    return i;
  }

  specOf(key: string): number {
    let i = this.specIndex.get(key);
    if (i === undefined) {
      i = this.specKeys.push(key) - 1;
      this.specIndex.set(key, i);
    }
    return i;
  }

  /** Adds a run given by indices (nudges in any order; duplicates are dropped). */
  addIndexed(spec: number, nudges: ArrayLike<number>, passed: boolean, weight = 1): void {
    if (this.n === this.passed.length) this.growRuns();
    const row = this.row;
    row.length = 0;
    for (let j = 0; j < nudges.length; j++) row.push(nudges[j]!);
    row.sort((a, b) => a - b);
    let m = 0;
    for (let j = 0; j < row.length; j++) if (m === 0 || row[j] !== row[m - 1]) row[m++] = row[j]!;
    while (this.nnz + m > this.nudgeIdx.length) this.nudgeIdx = grow(this.nudgeIdx, this.nudgeIdx.length * 2);
    for (let j = 0; j < m; j++) this.nudgeIdx[this.nnz++] = row[j]!;
    this.passed[this.n] = passed ? 1 : 0;
    this.spec[this.n] = spec;
    this.weight[this.n] = weight;
    this.n++;
    this.offsets[this.n] = this.nnz;
  }

  add(specKey: string, nudgeKeys: readonly string[], passed: boolean, weight = 1): void {
    const spec = this.specOf(specKey);
    this.addIndexed(spec, nudgeKeys.map((k) => this.nudge(k)), passed, weight);
  }

  get size(): number {
    return this.n;
  }

  /** A snapshot with arrays of exactly the right length (each owns its buffer, so it can transfer). */
  build(): EncodedRuns {
    return {
      n: this.n,
      passed: this.passed.slice(0, this.n),
      spec: this.spec.slice(0, this.n),
      offsets: this.offsets.slice(0, this.n + 1),
      nudgeIdx: this.nudgeIdx.slice(0, this.nnz),
      weight: this.weight.slice(0, this.n),
      nudgeKeys: [...this.nudgeKeys],
      specKeys: [...this.specKeys],
    };
  }

  private growRuns(): void {
    const cap = this.passed.length * 2;
    this.passed = grow(this.passed, cap);
    this.spec = grow(this.spec, cap);
    this.weight = grow(this.weight, cap);
    this.offsets = grow(this.offsets, cap + 1);
  }
}

function grow<T extends Uint8Array | Int32Array | Float32Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

/** The buffers of an encoding, for postMessage / Comlink.transfer. */
export function transferList(enc: EncodedRuns): ArrayBuffer[] {
  return [enc.passed, enc.spec, enc.offsets, enc.nudgeIdx, enc.weight].map((a) => a.buffer as ArrayBuffer);
}

/**
 * The learning unit of a run (DOMAIN.md section 1): its spec document when it names one, so
 * that a spec keeps its history through edits, else the exact spec text it was made against
 * (an imported JUnit test is its own unit). Spec ids are marked with a leading tab, which a
 * (trimmed) spec hash never has, so the two kinds of key never meet.
 */
export function learningUnit(run: Pick<Run, 'specId' | 'specHash'>): string {
  return run.specId ? `\tspec\t${run.specId}` : run.specHash;
}

/** Encodes validated runs; returns the encoding and the buffers to transfer. */
export function encodeRuns(
  runs: readonly Run[],
  options: EncodeOptions = {},
): { encoded: EncodedRuns; transfer: ArrayBuffer[] } {
  const handling = options.flaky ?? 'include';
  const flaky = handling === 'include' ? new Set<string>() : (options.flakyRunIds ?? findFlaky(runs).runIds);
  const builder = new EncodingBuilder(options.nudgeKeys, options.specKeys);
  for (const run of runs) {
    const isFlaky = flaky.has(run.id);
    if (isFlaky && handling === 'exclude') continue;
    const keys = run.nudges.map(normaliseNudge).filter(Boolean);
    builder.add(learningUnit(run), [...keys, ...adjustmentKeys(run)], run.passed, isFlaky ? FLAKY_WEIGHT : 1);
  }
  const encoded = builder.build();
  return { encoded, transfer: transferList(encoded) };
}

/**
 * Checks an encoding that arrived from another thread (structured clone keeps typed arrays) and
 * returns it typed. Throws ValidationError naming the first inconsistent field.
 */
export function encodedFromTransfer(x: EncodedRuns): EncodedRuns {
  const fail = (field: string, msg: string): never => {
    throw new ValidationError(`encoded.${field}`, msg);
  };
  if (!Number.isInteger(x.n) || x.n < 0) fail('n', 'must be a whole number');
  if (!(x.passed instanceof Uint8Array) || x.passed.length !== x.n) fail('passed', 'must be a Uint8Array of n');
  if (!(x.spec instanceof Int32Array) || x.spec.length !== x.n) fail('spec', 'must be an Int32Array of n');
  if (!(x.weight instanceof Float32Array) || x.weight.length !== x.n) fail('weight', 'must be a Float32Array of n');
  if (!(x.offsets instanceof Int32Array) || x.offsets.length !== x.n + 1) fail('offsets', 'must be an Int32Array of n + 1');
  if (!(x.nudgeIdx instanceof Int32Array)) fail('nudgeIdx', 'must be an Int32Array');
  if (!Array.isArray(x.nudgeKeys) || !Array.isArray(x.specKeys)) fail('nudgeKeys', 'key lists must be arrays');
  const K = x.nudgeKeys.length;
  const S = x.specKeys.length;
  if (x.offsets[0] !== 0 || x.offsets[x.n] !== x.nudgeIdx.length) fail('offsets', 'must start at 0 and end at nudgeIdx.length');
  for (let i = 0; i < x.n; i++) {
    const s = x.spec[i]!;
    if (s < 0 || s >= S) fail(`spec[${i}]`, 'is not an index into specKeys');
    const w = x.weight[i]!;
    if (!(w >= 0) || !Number.isFinite(w)) fail(`weight[${i}]`, 'must be a finite number from 0');
    const j0 = x.offsets[i]!;
    const j1 = x.offsets[i + 1]!;
    if (j1 < j0) fail(`offsets[${i + 1}]`, 'must not decrease');
    for (let j = j0; j < j1; j++) {
      const k = x.nudgeIdx[j]!;
      if (k < 0 || k >= K) fail(`nudgeIdx[${j}]`, 'is not an index into nudgeKeys');
      if (j > j0 && k <= x.nudgeIdx[j - 1]!) fail(`nudgeIdx[${j}]`, 'must ascend within a run');
    }
  }
  return x;
}
