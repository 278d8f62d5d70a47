import { mulberry32, normal, type Rng } from '../random';
import { EncodingBuilder, type EncodedRuns } from './encode';

/**
 * Simulated worlds where the truth is known, to check that the learner finds it: K nudges
 * with true effects (log-odds), S specs of varying difficulty, optional run-level noise, and
 * logging policies that either assign nudges at random or confound them with difficulty
 * (a nudge used mostly on hard specs; a nudge that rides along with another).
 */
export interface WorldSpec {
  seed: number;
  /** True effect of each nudge on the log-odds of passing. */
  effects: readonly number[];
  specs: number;
  /** Spread of spec difficulty (sd of the spec intercepts, log-odds). Default 1.5. */
  specSd?: number;
  /** Global intercept (log-odds). Default 0. */
  baseline?: number;
  /** Run-level noise in the log-odds (sd), unseen by the learner. Default 0. */
  noiseSd?: number;
  /** Base rate at which the logging policy applies a nudge. Default 0.3. */
  applyRate?: number;
  /** Nudges the confounded policy applies mostly on hard specs (85%) and rarely on easy (10%). */
  hardSpecNudges?: readonly number[];
  /** [follower, leader]: under confounded logging the follower rides along with the leader. */
  companions?: readonly (readonly [number, number])[];
}

export interface World {
  K: number;
  S: number;
  effects: Float64Array;
  specIntercepts: Float64Array;
  /** 1 for specs harder than the median. */
  hard: Uint8Array;
  noiseSd: number;
  applyRate: number;
  hardSpecNudge: Uint8Array;
  /** Leader of each nudge under confounded logging, or -1. */
  leader: Int32Array;
  nudgeKeys: string[];
  specKeys: string[];
}

export type LoggingPolicy = 'random' | 'confounded';

export function makeWorld(spec: WorldSpec): World {
  const rng = mulberry32(spec.seed);
  const K = spec.effects.length;
  const S = spec.specs;
  const specIntercepts = new Float64Array(S);
  for (let s = 0; s < S; s++) specIntercepts[s] = (spec.baseline ?? 0) + (spec.specSd ?? 1.5) * normal(rng);
  const median = [...specIntercepts].sort((a, b) => a - b)[Math.floor(S / 2)] ?? 0;
  const hard = new Uint8Array(S);
  for (let s = 0; s < S; s++) hard[s] = specIntercepts[s]! < median ? 1 : 0;
  const hardSpecNudge = new Uint8Array(K);
  for (const k of spec.hardSpecNudges ?? []) hardSpecNudge[k] = 1;
  const leader = new Int32Array(K).fill(-1);
  for (const [follower, lead] of spec.companions ?? []) leader[follower] = lead;
  return {
    K,
    S,
    effects: Float64Array.from(spec.effects),
    specIntercepts,
    hard,
    noiseSd: spec.noiseSd ?? 0,
    applyRate: spec.applyRate ?? 0.3,
    hardSpecNudge,
    leader,
    nudgeKeys: Array.from({ length: K }, (_, k) => `nudge ${k}`),
    specKeys: Array.from({ length: S }, (_, s) => `spec ${s}`),
  };
}

/** Nudges the logging policy applies on spec s (ascending), into `out`. */
export function loggedNudges(world: World, s: number, policy: LoggingPolicy, rng: Rng, out: number[]): void {
  out.length = 0;
  const applied = new Uint8Array(world.K);
  const confounded = policy === 'confounded';
  for (let k = 0; k < world.K; k++) {
    if (confounded && world.leader[k]! >= 0) continue;
    const rate = confounded && world.hardSpecNudge[k] ? (world.hard[s] ? 0.85 : 0.1) : world.applyRate;
    if (rng() < rate) applied[k] = 1;
  }
  if (confounded) {
    for (let k = 0; k < world.K; k++) {
      const lead = world.leader[k]!;
      if (lead >= 0 && rng() < (applied[lead] ? 0.85 : 0.1)) applied[k] = 1;
    }
  }
  for (let k = 0; k < world.K; k++) if (applied[k]) out.push(k);
}

/** The world's linear predictor without noise. */
export function trueEta(world: World, s: number, nudges: ArrayLike<number>): number {
  let eta = world.specIntercepts[s]!;
  for (let j = 0; j < nudges.length; j++) eta += world.effects[nudges[j]!]!;
  return eta;
}

const NOISE_NODES = 121;

/** P(pass | eta) = E sigma(eta + noise), by a midpoint rule over z in [-6, 6] when noise is on. */
export function passProbability(world: World, eta: number): number {
  if (world.noiseSd === 0) return 1 / (1 + Math.exp(-eta));
  let sum = 0;
  let norm = 0;
  const dz = 12 / NOISE_NODES;
  for (let i = 0; i < NOISE_NODES; i++) {
    const z = -6 + (i + 0.5) * dz;
    const phi = Math.exp(-0.5 * z * z);
    sum += phi / (1 + Math.exp(-(eta + world.noiseSd * z)));
    norm += phi;
  }
  return sum / norm;
}

/** One outcome on spec s under the given nudges. */
export function sampleOutcome(world: World, s: number, nudges: ArrayLike<number>, rng: Rng): boolean {
  const eta = trueEta(world, s, nudges) + (world.noiseSd > 0 ? world.noiseSd * normal(rng) : 0);
  return rng() < 1 / (1 + Math.exp(-eta));
}

/** n runs of evidence under a logging policy: spec uniform, nudges by policy, outcome by truth. */
export function generateEvidence(world: World, n: number, policy: LoggingPolicy, seed: number): EncodedRuns {
  const rng = mulberry32(seed);
  const builder = new EncodingBuilder(world.nudgeKeys, world.specKeys);
  const nudges: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = Math.floor(rng() * world.S);
    loggedNudges(world, s, policy, rng, nudges);
    builder.addIndexed(s, nudges, sampleOutcome(world, s, nudges, rng));
  }
  return builder.build();
}

/**
 * The true average marginal effect of each nudge over the given runs, in percentage points:
 * mean over runs of P(pass | eta0 + b_k) - P(pass | eta0), eta0 being the run's true linear
 * predictor without nudge k. The target both estimators are scored against.
 */
export function trueAme(world: World, enc: EncodedRuns): Float64Array {
  const K = world.K;
  const sums = new Float64Array(K);
  let total = 0;
  const has = new Uint8Array(K);
  for (let i = 0; i < enc.n; i++) {
    const j0 = enc.offsets[i]!;
    const j1 = enc.offsets[i + 1]!;
    const eta = trueEta(world, enc.spec[i]!, enc.nudgeIdx.subarray(j0, j1));
    const w = enc.weight[i]!;
    total += w;
    for (let j = j0; j < j1; j++) has[enc.nudgeIdx[j]!] = 1;
    const pBase = passProbability(world, eta);
    for (let k = 0; k < K; k++) {
      const b = world.effects[k]!;
      const eta0 = has[k] ? eta - b : eta;
      const p0 = has[k] ? passProbability(world, eta0) : pBase;
      const p1 = has[k] ? pBase : passProbability(world, eta0 + b);
      sums[k] = sums[k]! + w * (p1 - p0);
    }
    for (let j = j0; j < j1; j++) has[enc.nudgeIdx[j]!] = 0;
  }
  return sums.map((x) => (total > 0 ? (100 * x) / total : 0));
}
