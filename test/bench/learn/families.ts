import { loggedNudges, makeWorld, passProbability, trueEta } from '../../../src/domain/learning/simulate';
import { mulberry32, type Rng } from '../../../src/domain/random';
import { DAY, difficulties, fewRunsEach, sigma, START, type Family, type SimRun, type World } from './world';

/**
 * The world families of `npm run bench:learn` (issue 12). Each is written to break one
 * assumption an estimator might lean on; none is the learner's own model with other numbers.
 * Effects are log-odds unless said otherwise; "hard" specs are those with low intercepts, and
 * "used on hard specs" means a propensity that falls smoothly with the spec's intercept.
 */
const onHard = (u: number): number => 0.1 + 0.75 * sigma(-2 * u);
const onEasy = (u: number): number => 0.1 + 0.75 * sigma(2 * u);
const bern = (rng: Rng, p: number): boolean => rng() < p;

/** Runs spread evenly over `days`, specs drawn by `specOf`. */
function timeline(n: number, days: number, i: number): number {
  return START + Math.floor(((i + 0.5) / n) * days * DAY);
}

/** A logistic world: intercept per spec plus additive effects, given a nudge-use policy. */
function logisticWorld(opts: {
  nudges: string[];
  effects: readonly number[];
  u: Float64Array;
  extra?: (run: SimRun) => number;
  placebo?: boolean[];
  unidentified?: boolean[];
  specs: (rng: Rng, n: number) => number[];
  use: (rng: Rng, spec: number, i: number, n: number, run: Omit<SimRun, 'nudges'>) => number[];
  days?: number;
  conditions?: (rng: Rng, i: number, n: number) => { model: string; temperature: number };
}): World {
  const days = opts.days ?? 90;
  const conditions = opts.conditions ?? (() => ({ model: 'model-a', temperature: 0.7 }));
  return {
    nudges: opts.nudges,
    placebo: opts.placebo ?? opts.effects.map((b) => b === 0),
    unidentified: opts.unidentified ?? opts.effects.map(() => false),
    prob(run, nudges) {
      let eta = opts.u[run.spec]! + (opts.extra?.(run) ?? 0);
      for (const k of nudges) eta += opts.effects[k]!;
      return sigma(eta);
    },
    log(n, rng) {
      const specs = opts.specs(rng, n);
      return specs.map((spec, i) => {
        const base = { spec, at: timeline(n, days, i), ...conditions(rng, i, n) };
        return { ...base, nudges: opts.use(rng, spec, i, n, base) };
      });
    },
    next(rng) {
      return { spec: Math.floor(rng() * opts.u.length), at: START + days * DAY, ...conditions(rng, 1, 1) };
    },
  };
}

const uniformSpecs = (S: number) => (rng: Rng, n: number) => Array.from({ length: n }, () => Math.floor(rng() * S));

const randomUse = (rates: readonly number[]) => (rng: Rng): number[] => rates.flatMap((p, k) => (bern(rng, p) ? [k] : []));

const names = (k: number, label: string) => Array.from({ length: k }, (_, i) => `${label} ${i}`);

export const FAMILIES: Family[] = [
  {
    name: 'random, 40 specs',
    about: 'nudges applied at random (30%), 40 specs; temperature 0, 0.7 or 1 (hotter fails more)',
    identifiable: true,
    make(seed) {
      const rng = mulberry32(seed);
      const u = difficulties(rng, 40, 1.5);
      const effects = [0.8, -0.8, 0.5, -0.5, 0, 0, 0.3, -0.3];
      return logisticWorld({
        nudges: names(effects.length, 'random'),
        effects,
        u,
        extra: (r) => -0.5 * r.temperature,
        specs: uniformSpecs(40),
        use: randomUse(effects.map(() => 0.3)),
        conditions: (g) => ({ model: 'model-a', temperature: [0, 0.7, 1][Math.floor(g() * 3)]! }),
      });
    },
  },
  {
    name: 'few runs, hard specs',
    about: '3-5 runs per spec (n/4 specs); a helpful nudge and a placebo used mostly on hard specs, a harmful one on easy specs',
    identifiable: true,
    make(seed, n) {
      const rng = mulberry32(seed);
      const S = Math.ceil(n / 3);
      const u = difficulties(rng, S, 1.5);
      const effects = [0.8, -0.6, 0, 0.5, 0, -0.8];
      return logisticWorld({
        nudges: names(effects.length, 'few'),
        effects,
        u,
        specs: (g, m) => fewRunsEach(g, m, 3, 5),
        use: (g, s) => {
          const out: number[] = [];
          if (bern(g, onHard(u[s]!))) out.push(0);
          if (bern(g, onEasy(u[s]!))) out.push(1);
          if (bern(g, onHard(u[s]!))) out.push(2);
          if (bern(g, 0.3)) out.push(3);
          if (bern(g, 0.3)) out.push(4);
          if (bern(g, 0.25)) out.push(5);
          return out;
        },
      });
    },
  },
  {
    name: 'applied together',
    about: 'a placebo rides along with a helpful nudge 92% of the time, a helpful one with a harmful one 90%',
    identifiable: true,
    make(seed) {
      const rng = mulberry32(seed);
      const u = difficulties(rng, 40, 1.5);
      const effects = [0.7, 0, -0.7, 0.4, 0.5];
      return logisticWorld({
        nudges: names(effects.length, 'together'),
        effects,
        u,
        specs: uniformSpecs(40),
        use: (g) => {
          const out: number[] = [];
          const a = bern(g, 0.4);
          const c = bern(g, 0.35);
          if (a) out.push(0);
          if (bern(g, a ? 0.92 : 0.04)) out.push(1);
          if (c) out.push(2);
          if (bern(g, c ? 0.9 : 0.05)) out.push(3);
          if (bern(g, 0.3)) out.push(4);
          return out.sort((x, y) => x - y);
        },
      });
    },
  },
  {
    name: 'placebos used non-randomly',
    about: 'placebos used on hard specs, on easy specs, more and more over six improving months, at a hot temperature, after a failure',
    identifiable: true,
    make(seed) {
      const rng = mulberry32(seed);
      const S = 60;
      const u = difficulties(rng, S, 1.5);
      const effects = [0, 0, 0, 0.6, -0.6, 0, 0];
      const days = 180;
      const month = (at: number) => Math.floor((at - START) / (30 * DAY));
      const lastFailed = new Uint8Array(S);
      const world = logisticWorld({
        nudges: names(effects.length, 'placebo-ish'),
        effects,
        u,
        days,
        extra: (r) => 0.2 * month(r.at) - (r.temperature >= 1 ? 0.6 : 0),
        specs: uniformSpecs(S),
        conditions: (g) => ({ model: 'model-a', temperature: bern(g, 0.4) ? 1 : 0.2 }),
        use: (g, s, i, n, run) => {
          const out: number[] = [];
          if (bern(g, onHard(u[s]!))) out.push(0);
          if (bern(g, 0.05 + (0.8 * i) / n)) out.push(1);
          if (bern(g, onEasy(u[s]!))) out.push(2);
          if (bern(g, 0.3)) out.push(3);
          if (bern(g, onHard(u[s]!))) out.push(4);
          if (bern(g, lastFailed[s] ? 0.7 : 0.1)) out.push(5);
          if (bern(g, run.temperature >= 1 ? 0.7 : 0.1)) out.push(6);
          return out;
        },
      });
      // "After a failure" needs the outcomes as they happen: the log draws them itself.
      const log = world.log;
      world.log = (n, g) => {
        lastFailed.fill(0);
        return log(n, g).map((r) => {
          const passed = g() < world.prob(r, r.nudges);
          lastFailed[r.spec] = passed ? 0 : 1;
          return { ...r, passed };
        });
      };
      return world;
    },
  },
  {
    name: 'helps on some specs',
    about: 'one nudge helps (+1.2) on 40% of specs only and is used mostly there; one hurts on half the specs only',
    identifiable: true,
    make(seed) {
      const rng = mulberry32(seed);
      const S = 40;
      const u = difficulties(rng, S, 1.5);
      const helped = Uint8Array.from({ length: S }, () => (rng() < 0.4 ? 1 : 0));
      const hurt = Uint8Array.from({ length: S }, () => (rng() < 0.5 ? 1 : 0));
      const base = logisticWorld({
        nudges: names(4, 'some specs'),
        effects: [0, 0, 0.5, 0],
        u,
        specs: uniformSpecs(S),
        use: (g, s) => {
          const out: number[] = [];
          if (bern(g, helped[s] ? 0.6 : 0.1)) out.push(0);
          if (bern(g, 0.3)) out.push(1);
          if (bern(g, 0.3)) out.push(2);
          if (bern(g, 0.3)) out.push(3);
          return out;
        },
      });
      return {
        ...base,
        placebo: [false, false, false, true],
        prob(run, nudges) {
          let eta = u[run.spec]!;
          for (const k of nudges) eta += k === 0 ? (helped[run.spec] ? 1.2 : 0) : k === 1 ? (hurt[run.spec] ? -0.8 : 0) : k === 2 ? 0.5 : 0;
          return sigma(eta);
        },
      };
    },
  },
  {
    name: 'rare nudges',
    about: 'three nudges on 2% of runs each (helpful, harmful, placebo) beside common ones',
    identifiable: true,
    make(seed) {
      const rng = mulberry32(seed);
      const u = difficulties(rng, 40, 1.5);
      const effects = [1, -1, 0, 0.5, -0.5, 0];
      return logisticWorld({ nudges: names(effects.length, 'rare'), effects, u, specs: uniformSpecs(40), use: randomUse([0.02, 0.02, 0.02, 0.3, 0.3, 0.3]) });
    },
  },
  {
    name: 'model upgrade',
    about: 'a better model (+1.0) halfway; a useless nudge adopted with it (5% -> 85%), another exactly with it (not identifiable)',
    identifiable: true,
    make(seed) {
      const rng = mulberry32(seed);
      const u = difficulties(rng, 40, 1.5);
      const effects = [0, 0.6, -0.5, 0];
      const days = 120;
      const upgraded = (at: number) => at >= START + 60 * DAY;
      return logisticWorld({
        nudges: names(effects.length, 'upgrade'),
        effects,
        u,
        days,
        unidentified: [false, false, false, true],
        extra: (r) => (r.model === 'model-b' ? 1 : 0),
        specs: uniformSpecs(40),
        conditions: (_, i, n) => ({ model: upgraded(START + Math.floor(((i + 0.5) / n) * days * DAY)) ? 'model-b' : 'model-a', temperature: 0.7 }),
        use: (g, _s, _i, _n, run) => {
          const after = run.model === 'model-b';
          const out: number[] = [];
          if (bern(g, after ? 0.85 : 0.05)) out.push(0);
          if (bern(g, 0.3)) out.push(1);
          if (bern(g, 0.3)) out.push(2);
          if (after) out.push(3);
          return out;
        },
      });
    },
  },
  {
    name: 'failure rate multiplied',
    about: 'not logistic: each nudge multiplies the chance of failing (x0.6, x1.5, x1, x0.8, x1.25, x1)',
    identifiable: true,
    make(seed) {
      const rng = mulberry32(seed);
      const S = 40;
      const fail = Float64Array.from({ length: S }, () => 0.05 + 0.9 * rng());
      const factor = [0.6, 1.5, 1, 0.8, 1.25, 1];
      const base = logisticWorld({ nudges: names(factor.length, 'multiplied'), effects: factor.map(() => 0), u: new Float64Array(S), specs: uniformSpecs(S), use: randomUse(factor.map(() => 0.3)) });
      return {
        ...base,
        placebo: factor.map((m) => m === 1),
        prob(run, nudges) {
          let f = fail[run.spec]!;
          for (const k of nudges) f *= factor[k]!;
          return 1 - Math.min(0.99, f);
        },
      };
    },
  },
  {
    name: 'effects under 5 pp',
    about: 'small effects (0.08-0.2 log-odds, about 1.5-4 pp) and a placebo, used at random',
    identifiable: true,
    make(seed) {
      const rng = mulberry32(seed);
      const u = difficulties(rng, 40, 1.5);
      const effects = [0.15, -0.15, 0.08, -0.08, 0.2, 0];
      return logisticWorld({ nudges: names(effects.length, 'small'), effects, u, specs: uniformSpecs(40), use: randomUse(effects.map(() => 0.3)) });
    },
  },
  ...[20, 300].map(
    (specs): Family => ({
      name: `project generator, ${specs} specs`,
      about: `simulate.ts's confounded logging (a nudge on hard specs, a placebo riding with a harmful one), ${specs} specs`,
      identifiable: true,
      make(seed) {
        const effects = [0.8, -0.8, 0.5, -0.5, 0.6, 0, 0, 0.3, -0.3, 0];
        const w = makeWorld({ seed, effects, specs, specSd: 1.5, hardSpecNudges: [4, 5], companions: [[6, 1]] });
        return {
          nudges: w.nudgeKeys,
          placebo: effects.map((b) => b === 0),
          unidentified: effects.map(() => false),
          prob: (run, nudges) => passProbability(w, trueEta(w, run.spec, nudges)),
          log(n, rng) {
            const out: SimRun[] = [];
            const buf: number[] = [];
            for (let i = 0; i < n; i++) {
              const spec = Math.floor(rng() * w.S);
              loggedNudges(w, spec, 'confounded', rng, buf);
              out.push({ spec, nudges: [...buf], model: 'model-a', temperature: 0.7, at: START + Math.floor((i / n) * 60 * DAY) });
            }
            return out;
          },
          next: (rng) => ({ spec: Math.floor(rng() * w.S), model: 'model-a', temperature: 0.7, at: START + 60 * DAY }),
        };
      },
    }),
  ),
];
