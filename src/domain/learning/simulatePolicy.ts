import { mulberry32 } from '../random';
import { fitAdjusted, type AdjustedOptions, type AdjustedState } from './adjusted';
import { updateAdjusted } from './adjustedUpdate';
import { EncodingBuilder, type EncodedRuns } from './encode';
import { naiveChoice } from './naive';
import { sampleOutcome, type World } from './simulate';
import { posteriorOf, thompsonChoice } from './thompson';

/**
 * Next-attempt policies played forward in a simulated world, one run at a time, each choosing
 * the nudges for the next run from what it has seen so far:
 * - random: each nudge with probability 1/2 (pure exploration);
 * - oracle: exactly the truly beneficial nudges (the ceiling);
 * - naive: the seed's rule (naive.ts), applying the less-blamed half;
 * - thompson: the learner's policy (thompson.ts) on the adjusted model, updated after every
 *   run (updateAdjusted) and refitted every `refitEvery` runs, random for the first `warmup`.
 */
export type PolicyName = 'random' | 'oracle' | 'naive' | 'thompson';

export interface PolicyRunOptions {
  runs: number;
  seed: number;
  refitEvery?: number;
  warmup?: number;
  adjusted?: AdjustedOptions;
}

export interface PolicyRun {
  policy: PolicyName;
  passRate: number;
  evidence: EncodedRuns;
}

export function runPolicy(world: World, policy: PolicyName, options: PolicyRunOptions): PolicyRun {
  const rng = mulberry32(options.seed);
  const refitEvery = options.refitEvery ?? 100;
  const warmup = options.warmup ?? 50;
  const log = new EncodingBuilder(world.nudgeKeys, world.specKeys);
  const scores = new Float64Array(world.K);
  let state: AdjustedState | undefined;
  let passes = 0;
  let nudges: number[] = [];
  for (let t = 0; t < options.runs; t++) {
    const s = Math.floor(rng() * world.S);
    if (policy === 'oracle') {
      nudges = [];
      for (let k = 0; k < world.K; k++) if (world.effects[k]! > 0) nudges.push(k);
    } else if (policy === 'naive') {
      nudges = naiveChoice(scores);
    } else if (policy === 'thompson' && state) {
      nudges = thompsonChoice(posteriorOf(state), rng);
    } else {
      nudges = [];
      for (let k = 0; k < world.K; k++) if (rng() < 0.5) nudges.push(k);
    }
    const passed = sampleOutcome(world, s, nudges, rng);
    if (passed) passes++;
    else for (const k of nudges) scores[k] = scores[k]! - 1;
    log.addIndexed(s, nudges, passed);
    if (policy !== 'thompson' || t + 1 < warmup) continue;
    if (!state || (t + 1 - warmup) % refitEvery === 0) {
      state = fitAdjusted(log.build(), options.adjusted);
    } else {
      const one = new EncodingBuilder(world.nudgeKeys, world.specKeys);
      one.addIndexed(s, nudges, passed);
      updateAdjusted(state, one.build());
    }
  }
  return { policy, passRate: options.runs > 0 ? passes / options.runs : 0, evidence: log.build() };
}
