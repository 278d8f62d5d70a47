/**
 * The sample workspace a new person can explore: one spec with tasks and tokens, a few hundred
 * runs in which three nudges have clear effects, resolved and open bets (one of them a
 * bullshit bet, which leaves a scar on the principle it cited). Pure and seeded: the same
 * `now` gives the same workspace. Every name carries the word "sample", so it is marked as
 * sample data wherever it shows (spec list, runs, nudges, bets, principles, scars).
 */
import { mulberry32 } from '../random';

export const SAMPLE_MARK = 'sample';
export const SAMPLE_SPEC_TITLE = 'Sample: Slugify library';

export interface SampleBet {
  task: string;
  estimatedHours: number;
  confidence: number;
  stake: number;
  principles: string[];
  context: string[];
  placedAt: number;
  /** Absent: the bet stays open. */
  resolve?: { actualHours: number; completed: boolean; at: number };
}

export interface SampleWorkspace {
  spec: { title: string; text: string };
  /** The runs as JSON Lines, imported through the normal import. */
  runsJsonl: string;
  runCount: number;
  bets: SampleBet[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Nudges with clear effects on the log-odds of a pass, applied independently of the spec. */
const NUDGES = [
  { label: 'Add type hints (sample)', effect: 1.6, share: 0.5 },
  { label: 'Write tests first (sample)', effect: 1.0, share: 0.4 },
  { label: 'Use global state (sample)', effect: -1.8, share: 0.3 },
] as const;

const SPECS = [
  { name: 'sample · slugify', base: 0.2 },
  { name: 'sample · lexer', base: -0.6 },
  { name: 'sample · parser', base: -1.1 },
] as const;

const ERRORS = [
  "AssertionError: expected 'hello-world' to equal 'hello--world'",
  "TypeError: Cannot read properties of undefined (reading 'kind')",
  'ReferenceError: state is not defined',
];

export const SAMPLE_RUNS = 360;

export function sampleWorkspace(now: number): SampleWorkspace {
  const rng = mulberry32(19);
  const start = now - 30 * DAY;
  const lines: string[] = [];
  const outcomes: { nudges: string[]; passed: boolean }[] = [];
  for (let i = 0; i < SAMPLE_RUNS; i++) {
    const spec = SPECS[i % SPECS.length]!;
    const applied = NUDGES.filter((n) => rng() < n.share);
    const global = applied.some((n) => n.effect < 0);
    const eta = spec.base + applied.reduce((s, n) => s + n.effect, 0);
    const passed = rng() < 1 / (1 + Math.exp(-eta));
    outcomes.push({ nudges: applied.map((n) => n.label), passed });
    const errors = passed ? [] : [global && rng() < 0.7 ? ERRORS[2]! : ERRORS[Math.floor(rng() * 2)]!];
    lines.push(
      JSON.stringify({
        id: `sample_run_${i}`,
        specHash: `name:${spec.name}`,
        nudges: applied.map((n) => n.label),
        passed,
        errorMessages: errors,
        source: 'jsonl',
        at: start + Math.floor((i / SAMPLE_RUNS) * 28 * DAY),
      }),
    );
  }
  const principle = 'depth over breadth (sample)';
  const other = 'small steps (sample)';
  const t = (days: number) => now - days * DAY;
  const bets: SampleBet[] = [
    { task: 'Sample: write the slugify target', estimatedHours: 2, confidence: 0.7, stake: 5, principles: [other], context: ['sample: warm-up'], placedAt: t(20), resolve: { actualHours: 1.5, completed: true, at: t(19) } },
    { task: 'Sample: accented letters', estimatedHours: 3, confidence: 0.6, stake: 5, principles: [principle], context: ['sample: unfamiliar Unicode tables'], placedAt: t(16), resolve: { actualHours: 4, completed: true, at: t(15) } },
    { task: 'Sample: repeated separators', estimatedHours: 1, confidence: 0.75, stake: 4, principles: [other], context: [], placedAt: t(12), resolve: { actualHours: 1, completed: true, at: t(12) + 2 * HOUR } },
    // 90% sure of 2h, took 6h: a bullshit bet, which leaves a scar on the principle it cited.
    { task: 'Sample: lexer error recovery', estimatedHours: 2, confidence: 0.9, stake: 5, principles: [principle], context: ['sample: late on a Friday'], placedAt: t(9), resolve: { actualHours: 6, completed: true, at: t(8) } },
    { task: 'Sample: parser precedence table', estimatedHours: 4, confidence: 0.65, stake: 6, principles: [principle, other], context: [], placedAt: t(6), resolve: { actualHours: 3.5, completed: true, at: t(5) } },
    { task: 'Sample: benchmark the slugifier', estimatedHours: 3, confidence: 0.7, stake: 5, principles: [other], context: ['sample: needs a quiet machine'], placedAt: t(1) },
  ];
  // The numbers written into the spec are the sample runs' own: raw pass-rate differences.
  const rate = (rows: typeof outcomes) => rows.filter((r) => r.passed).length / Math.max(1, rows.length);
  const rawEffect = (label: string) => {
    const pp = (rate(outcomes.filter((r) => r.nudges.includes(label))) - rate(outcomes.filter((r) => !r.nudges.includes(label)))) * 100;
    return `${pp >= 0 ? '+' : '-'}${Math.abs(Math.round(pp))}%`;
  };
  const text = [
    `# ${SAMPLE_SPEC_TITLE}`,
    '',
    'This spec is **sample data**: explore it freely, then remove it in one click with "Remove sample data" at the top of any page.',
    '',
    '## Tasks',
    '',
    '- [x] Write the slugify target [Bet: 2h @ 70% -> 1.5h hit]',
    '- [x] Handle accented letters [Bet: 3h @ 60% -> 4h miss]',
    '- [ ] Benchmark the slugifier [Bet: 3h @ 70%]',
    '- [ ] Fuzz it with hostile titles',
    '',
    '## What the evidence says',
    '',
    `- Do: add type hints [Nudge: "${NUDGES[0].label}" -> ${rawEffect(NUDGES[0].label)}] (raw difference in pass rate; hover for the adjusted estimate)`,
    `- Avoid: global state [Nudge: "${NUDGES[2].label}" -> ${rawEffect(NUDGES[2].label)}]`,
    `- All sample runs: ${Math.round(rate(outcomes) * 100)}% pass (n=${outcomes.length})`,
    '',
  ].join('\n');
  return { spec: { title: SAMPLE_SPEC_TITLE, text }, runsJsonl: lines.join('\n') + '\n', runCount: SAMPLE_RUNS, bets };
}
