import { mulberry32 } from '../../../src/domain/random';
import type { Run } from '../../../src/domain/evidence/run';

/**
 * Evidence as JUnit reports give it: 90 tests with 4 runs each, of very different difficulty.
 * "Add comments" does nothing, but was adopted mostly on the hard tests (as practices are,
 * exactly when the work is hard); "Add type hints" helps (+2.2 log-odds) and is used on every
 * other run. Raw, the comments look harmful; within the same tests they make no difference.
 */
export function placeboOnHardSpecs(): Run[] {
  const rng = mulberry32(12);
  const runs: Run[] = [];
  for (let s = 0; s < 90; s++) {
    const u = -3 + (6 * s) / 89;
    const onHard = 0.05 + 0.9 / (1 + Math.exp(2 * u));
    for (let t = 0; t < 4; t++) {
      const hints = (s + t) % 2 === 0;
      const comments = rng() < onHard;
      const passed = rng() < 1 / (1 + Math.exp(-(u + (hints ? 2.2 : 0))));
      const nudges = [...(hints ? ['Add type hints'] : []), ...(comments ? ['Add comments'] : [])];
      runs.push({
        id: `junit-${s}-${t}`,
        specHash: `name:com.example.ParserTest#case${s}`,
        nudges,
        passed,
        errorMessages: passed ? [] : ['AssertionError: expected 1 to equal 2'],
        testFailures: [],
        typeErrors: [],
        source: 'jsonl',
        at: Date.UTC(2024, 2, 1) + (4 * s + t) * 600_000,
      });
    }
  }
  return runs;
}
