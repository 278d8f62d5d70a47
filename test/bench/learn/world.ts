import type { Run } from '../../../src/domain/evidence/run';
import { mulberry32, normal, type Rng } from '../../../src/domain/random';

/**
 * A simulated world for `npm run bench:learn`: a logging policy that makes runs (which spec,
 * which nudges, which model, temperature and time) and the exact pass probability of any run
 * under any set of nudges. The truth an estimate is scored against is computed from that
 * probability, never from the estimator's own model: the average marginal effect of nudge k
 * over the run distribution, mean over runs of P(pass | the run with k) - P(pass | without k),
 * everything else about the run (its spec, its other nudges, its model and time) as it was.
 */
export interface SimRun {
  spec: number;
  nudges: number[];
  model: string;
  temperature: number;
  at: number;
  /** Drawn by the log itself when the policy reacts to outcomes; else drawn by sampleRuns. */
  passed?: boolean;
}

export interface World {
  nudges: string[];
  /** Nudges with no effect on any run (placebos). */
  placebo: boolean[];
  /** Nudges whose effect on the run distribution the runs cannot tell apart from something else. */
  unidentified: boolean[];
  prob(run: SimRun, nudges: readonly number[]): number;
  /** n runs under the world's logging policy. */
  log(n: number, rng: Rng): SimRun[];
  /** The conditions of the next attempt (for the policy): a spec drawn as the log draws them, now. */
  next(rng: Rng): Omit<SimRun, 'nudges'>;
}

export interface Family {
  name: string;
  /** What the family stresses, in one line. */
  about: string;
  /** False when some effect in it cannot be learned from such runs by any estimator. */
  identifiable: boolean;
  make(seed: number, n: number): World;
}

export const sigma = (x: number): number => 1 / (1 + Math.exp(-x));
export const DAY = 86_400_000;
export const START = Date.UTC(2024, 0, 1);

/** Outcomes drawn from the world, as the app stores runs. */
export function sampleRuns(world: World, n: number, seed: number): { sim: SimRun[]; runs: Run[] } {
  const rng = mulberry32(seed);
  const sim = world.log(n, rng);
  const runs = sim.map((r, i): Run => ({
    id: `r${i}`,
    specHash: `spec ${r.spec}`,
    nudges: r.nudges.map((k) => world.nudges[k]!),
    passed: r.passed ?? rng() < world.prob(r, r.nudges),
    errorMessages: [],
    testFailures: [],
    typeErrors: [],
    model: r.model,
    temperature: r.temperature,
    source: 'jsonl',
    at: r.at,
  }));
  return { sim, runs };
}

/** True AME of every nudge over these runs, in percentage points. */
export function trueAmes(world: World, sim: readonly SimRun[]): Float64Array {
  const K = world.nudges.length;
  const out = new Float64Array(K);
  for (const r of sim) {
    for (let k = 0; k < K; k++) {
      const has = r.nudges.includes(k);
      const without = has ? r.nudges.filter((x) => x !== k) : r.nudges;
      const withK = has ? r.nudges : [...r.nudges, k];
      out[k] = out[k]! + world.prob(r, withK) - world.prob(r, without);
    }
  }
  return out.map((x) => (100 * x) / Math.max(1, sim.length));
}

/** Spec difficulties ~ N(mean, sd^2). */
export function difficulties(rng: Rng, S: number, sd: number, mean = 0): Float64Array {
  return Float64Array.from({ length: S }, () => mean + sd * normal(rng));
}

/** Each spec gets `min..max` runs (uniform), until n runs are placed; spec order shuffled in time. */
export function fewRunsEach(rng: Rng, n: number, min: number, max: number): number[] {
  const specs: number[] = [];
  let s = 0;
  while (specs.length < n) {
    const k = min + Math.floor(rng() * (max - min + 1));
    for (let j = 0; j < k && specs.length < n; j++) specs.push(s);
    s++;
  }
  for (let i = specs.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [specs[i], specs[j]] = [specs[j]!, specs[i]!];
  }
  return specs;
}
