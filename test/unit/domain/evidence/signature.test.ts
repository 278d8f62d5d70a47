import { describe, expect, it } from 'vitest';
import { errorSignature, failureModes, liftInterval, nudgeContexts } from '../../../../src/domain/evidence/signature';
import { mulberry32 } from '../../../../src/domain/random';
import type { Run } from '../../../../src/domain/evidence/run';

function run(id: string, nudges: string[], passed: boolean, errorMessages: string[] = []): Run {
  return { id, specHash: 'h', nudges, passed, errorMessages, testFailures: [], typeErrors: [], source: 'manual', at: 0 };
}

describe('errorSignature', () => {
  it.each([
    ['Expected 42 to equal 43', 'Expected <num> to equal <num>'],
    ['timeout after 5000ms (attempt 2.5)', 'timeout after <num>ms (attempt <num>)'],
    ["Cannot read properties of undefined (reading 'foo')", 'Cannot read properties of undefined (reading <str>)'],
    ["can't find \"x\" in `y`", "can't find <str> in <str>"],
    ['src/foo/bar.ts:12:5 - error TS2322: Type mismatch', '<path> - error TS2322: Type mismatch'],
    ['at C:\\work\\app\\main.py line 3', 'at <path> line <num>'],
    ['failed in foo.test.ts:8', 'failed in <path>'],
    ['object 0x7ffe3a2b freed twice', 'object <hex> freed twice'],
    ['commit a3f9c2d1e not found', 'commit <hex> not found'],
    ['id 123e4567-e89b-12d3-a456-426614174000 gone', 'id <hex> gone'],
    ['the facade decayed', 'the facade decayed'],
    ['see https://example.com/a/b?c=1 now', 'see <path> now'],
    ['utf8 v2 int32 ok', 'utf8 v2 int32 ok'],
    ['  first line  \n    at frame (x.js:1:2)', 'first line'],
  ])('%s -> %s', (message, signature) => {
    expect(errorSignature(message)).toBe(signature);
  });
  it('groups messages that differ only in numbers, ids and paths', () => {
    expect(errorSignature('ENOENT: /tmp/a1/x.json at 17')).toBe(errorSignature('ENOENT: /var/b/y.json at 99'));
  });
});

describe('failureModes', () => {
  it('ranks signatures by runs, counts occurrences and keeps three distinct examples', () => {
    const runs = [
      run('1', [], false, ['Expected 1 to equal 2', 'Expected 1 to equal 2']),
      run('2', [], false, ['Expected 3 to equal 4', 'boom']),
      run('3', [], false, ['Expected 5 to equal 6']),
      run('4', [], false, ['Expected 7 to equal 8', 'boom']),
      run('5', [], true),
    ];
    runs[0]!.testFailures.push({ name: 't', message: 'boom' });
    const modes = failureModes(runs);
    expect(modes.map((m) => [m.signature, m.runs, m.occurrences])).toEqual([
      ['Expected <num> to equal <num>', 4, 5],
      ['boom', 3, 3],
    ]);
    expect(modes[0]!.examples).toEqual(['Expected 1 to equal 2', 'Expected 3 to equal 4', 'Expected 5 to equal 6']);
  });

  it('counts a failed test once when its message is also the run’s error (as a JUnit import records it)', () => {
    const junit = run('j', [], false, ['KeyError: \'x\'']);
    junit.testFailures.push({ name: 'tests.test_a::test_b', message: "KeyError: 'x'" }, { name: 'tests.test_a::test_c', message: '' });
    expect(failureModes([junit]).map((m) => [m.signature, m.runs, m.occurrences])).toEqual([
      ['KeyError: <str>', 1, 1],
      ['tests.test_a::test_c', 1, 1],
    ]);
  });
});

describe('liftInterval', () => {
  it('gives the lift P(mode | nudge) / P(mode) and a Katz risk-ratio interval mapped to the lift scale', () => {
    // 30 of 100 runs with the nudge show the mode, 10 of 100 without: P(mode) = 0.2, lift 1.5.
    const r = liftInterval(30, 100, 10, 100, 1.96);
    expect(r.lift).toBeCloseTo(1.5, 12);
    // RR = 3, se = sqrt(1/30 - 1/100 + 1/10 - 1/100) = 0.3464; RR interval exp(ln 3 ± 1.96 se).
    const se = Math.sqrt(1 / 30 - 1 / 100 + 1 / 10 - 1 / 100);
    const lift = (rr: number) => rr / (0.5 * rr + 0.5);
    expect(r.low).toBeCloseTo(lift(3 * Math.exp(-1.96 * se)), 12);
    expect(r.high).toBeCloseTo(lift(3 * Math.exp(1.96 * se)), 12);
    expect(r.low).toBeGreaterThan(1);
    // An empty cell takes Haldane's 0.5 and stays finite.
    const e = liftInterval(5, 10, 0, 90, 1.96);
    expect(Number.isFinite(e.low) && Number.isFinite(e.high)).toBe(true);
  });
});

/** Runs where each nudge and each error come independently of one another: no association. */
function independentWorld(seed: number, runs: number, nudges: number, modes: number): Run[] {
  const rng = mulberry32(seed);
  return Array.from({ length: runs }, (_, i) => {
    const applied = Array.from({ length: nudges }, (_, k) => `n${k}`).filter(() => rng() < 0.3);
    const errors = Array.from({ length: modes }, (_, k) => `Error${k}: mode ${String.fromCharCode(97 + k)}`).filter(() => rng() < 0.08);
    return run(String(i), applied, errors.length === 0, errors);
  });
}

describe('nudgeContexts', () => {
  it('shows nothing on random data where no nudge goes with any mode (in at least 95% of worlds)', () => {
    let worldsWithAny = 0;
    const worlds = 40;
    for (let seed = 1; seed <= worlds; seed++) {
      const ctx = nudgeContexts(independentWorld(seed, 600, 8, 10));
      if (ctx.size > 0) worldsWithAny++;
    }
    // The intervals are simultaneous at 95%: allow 2 of 40 worlds (5%) with any false context.
    expect(worldsWithAny).toBeLessThanOrEqual(2);
  });

  it('finds a mode that really comes with a nudge, with its interval above 1 and the comparisons it was adjusted for', () => {
    const rng = mulberry32(3);
    const runs = Array.from({ length: 400 }, (_, i) => {
      const x = i % 2 === 0;
      const a = rng() < (x ? 0.4 : 0.1);
      const b = rng() < 0.1;
      const errors = [a && 'KeyError: 12', b && 'TimeoutError: 5 s'].filter((m): m is string => !!m);
      return run(String(i), x ? ['x'] : ['y'], errors.length === 0, errors);
    });
    const ctx = nudgeContexts(runs);
    const x = ctx.get('x') ?? [];
    expect(x.map((c) => c.signature)).toEqual([errorSignature('KeyError: 12')]);
    const c = x[0]!;
    expect(c.low).toBeGreaterThan(1);
    expect(c.lift).toBeGreaterThan(c.low);
    expect(c.high).toBeGreaterThan(c.lift);
    expect(c.comparisons).toBe(4);
    expect(c.lift).toBeCloseTo(c.runs / 200 / (runs.filter((r) => r.errorMessages.includes('KeyError: 12')).length / 400), 12);
    expect(ctx.has('y')).toBe(false);
  });

  it('honours minRuns, and compares nothing for a nudge on every run', () => {
    const runs = Array.from({ length: 40 }, (_, i) => run(String(i), ['z'], false, ['A']));
    expect(nudgeContexts(runs, { minRuns: 1 }).size).toBe(0);
    const few = [...Array.from({ length: 2 }, (_, i) => run(`a${i}`, ['x'], false, ['A'])), ...Array.from({ length: 50 }, (_, i) => run(`b${i}`, [], true))];
    expect(nudgeContexts(few).size).toBe(0);
  });
});
