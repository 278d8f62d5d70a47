import { expect, it } from 'vitest';
import { FAMILIES } from './learn/families';
import { AUDIT_ONLY_FAMILIES, OUTSIDE_FAMILIES } from './learn/outside';
import { emptyTally, scoreWorld, type Tally } from './learn/score';

/**
 * `npm run bench:learn`: the learner on simulated world families (learn/families.ts), each
 * written to break one assumption, with the truth computed exactly from the world (the AME over
 * its runs, learn/world.ts). For each family at 1,000 and 10,000 runs: the share of nudges
 * with |true AME| >= 5 pp given the correct verdict (by the interval, and as a prior: verdict
 * plus every refutation check passed), wrong-direction verdicts, 95% interval coverage, how
 * often a placebo is called beneficial or harmful, the policy gap closed, and fit times.
 *
 * Exits non-zero (the test fails, after printing) when, at 1,000 runs: pooled coverage over the
 * identifiable families is outside 93-97%; an identifiable family's coverage is under 90%; more
 * than 5% of placebos are called beneficial or harmful; or any verdict has the wrong direction
 * (by the interval, whether or not it passed the refutation checks). "Correct" never counts an
 * uncertain verdict: only beneficial for a positive truth and harmful for a negative one.
 *
 * The families of learn/outside.ts were written apart from the learner and from families.ts, as
 * an outside audit would (probit, complementary log-log and multiplied failure truths, drift
 * within months, JUnit-sized specs of 1-10 runs). Families "(not gated)" are printed but left
 * out of the pooled rows and the targets (learn/outside.ts says why).
 *
 * Everything is seeded (world seed = 1000 + i); BENCH_WORLDS and BENCH_WORLDS_10K change how
 * many worlds per family.
 */
const WORLDS = { 1000: Number(process.env.BENCH_WORLDS ?? 40), 10000: Number(process.env.BENCH_WORLDS_10K ?? 12) } as const;
const POLICY_WORLDS = 5;
const SIZES = [1000, 10000] as const;

const pct = (a: number, b: number) => (b > 0 ? `${((100 * a) / b).toFixed(1)}%` : 'n/a');
const frac = (a: number, b: number) => `${pct(a, b)} (${a}/${b})`;
const median = (xs: number[]) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : Number.NaN;
};
const cell = (s: string, w: number) => s.padStart(w);

function row(name: string, t: Tally): string {
  const gap = median(t.gaps);
  return [
    name.padEnd(32),
    cell(frac(t.correct, t.big), 17),
    cell(frac(t.correctPrior, t.big), 17),
    cell(`${t.wrong} / ${t.wrongPrior}`, 9),
    cell(frac(t.covered, t.intervals), 17),
    cell(frac(t.placeboCalled, t.placebos), 15),
    cell(pct(t.placeboPrior, t.placebos), 7),
    cell(Number.isFinite(gap) ? `${(100 * gap).toFixed(0)}%` : 'n/a', 6),
    cell(`${median(t.fitMs).toFixed(0)} ms`, 8),
    cell(`${median(t.refuteMs).toFixed(0)} ms`, 8),
  ].join(' ');
}

const HEADER = [
  'family'.padEnd(32),
  cell('correct verdict', 17),
  cell('correct prior', 17),
  cell('wrong v/p', 9),
  cell('95% coverage', 17),
  cell('placebo called', 15),
  cell('as prior', 7),
  cell('gap', 6),
  cell('fit', 8),
  cell('checks', 8),
].join(' ');

function add(into: Tally, from: Tally): void {
  for (const key of ['worlds', 'big', 'correct', 'correctPrior', 'wrong', 'wrongPrior', 'intervals', 'covered', 'placebos', 'placeboCalled', 'placeboPrior'] as const) into[key] += from[key];
  into.gaps.push(...from.gaps);
  into.fitMs.push(...from.fitMs);
  into.refuteMs.push(...from.refuteMs);
}

it('prints the learning benchmark and checks the honesty targets at 1,000 runs', () => {
  const lines: string[] = [''];
  const failures: string[] = [];
  for (const n of SIZES) {
    const worlds = WORLDS[n];
    lines.push(`${n.toLocaleString('en')} runs per world, ${worlds} worlds per family (seeds 1000-${1000 + worlds - 1}); policy gap over ${POLICY_WORLDS} of them`, HEADER);
    const pooled = emptyTally();
    const all = emptyTally();
    for (const family of [...FAMILIES, ...OUTSIDE_FAMILIES]) {
      const t = emptyTally();
      for (let i = 0; i < worlds; i++) scoreWorld(family, 1000 + i, n, t, i < POLICY_WORLDS);
      lines.push(row(`${family.name}${family.identifiable ? '' : ' (not identifiable)'}`, t));
      add(all, t);
      if (family.identifiable) add(pooled, t);
      if (n === 1000 && family.identifiable && t.covered < 0.9 * t.intervals) failures.push(`${family.name}: coverage ${pct(t.covered, t.intervals)} < 90%`);
    }
    for (const family of AUDIT_ONLY_FAMILIES) {
      const t = emptyTally();
      for (let i = 0; i < worlds; i++) scoreWorld(family, 1000 + i, n, t, i < POLICY_WORLDS);
      lines.push(row(`${family.name} (not gated)`, t));
    }
    lines.push(row('pooled (identifiable families)', pooled), row('all families', all), '');
    if (n === 1000) {
      const coverage = pooled.covered / pooled.intervals;
      if (coverage < 0.93 || coverage > 0.97) failures.push(`pooled coverage ${pct(pooled.covered, pooled.intervals)} outside 93-97%`);
      if (all.placeboCalled > 0.05 * all.placebos) failures.push(`placebos called beneficial or harmful: ${pct(all.placeboCalled, all.placebos)} > 5%`);
      if (all.wrong > 0) failures.push(`${all.wrong} wrong-direction verdicts (${all.wrongPrior} of them became priors)`);
    }
  }
  lines.push(
    'Columns: correct verdict / correct prior = nudges with |true AME| >= 5 pp called the right way (uncertain is not correct), by the interval / and passing every refutation check;',
    'wrong v/p = wrong-direction verdicts by the interval / that became priors; placebo called = placebos called beneficial or harmful (as prior: and passing the checks);',
    'gap = policy gap closed by Thompson sampling (median); fit, checks = median fit and refutation times.',
    `Targets at 1,000 runs: pooled coverage 93-97%, each identifiable family >= 90%, placebos called <= 5%, no wrong-direction verdict.`,
    failures.length ? `FAILED: ${failures.join('; ')}` : 'All targets met.',
    '',
  );
  console.log(lines.join('\n'));
  expect(failures).toEqual([]);
});
