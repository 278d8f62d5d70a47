import { describe, expect, it } from 'vitest';
import { errorSignature, failureModes, nudgeContexts } from '../../../../src/domain/evidence/signature';
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

describe('nudgeContexts', () => {
  // 10 runs. Mode "A" in 4 runs overall; nudge x is on 4 runs, 3 of them with A.
  // P(A | x) = 3/4, P(A) = 4/10, lift = 1.875. Mode "B" in 3 runs, 1 with x: below minRuns.
  const runs = [
    run('1', ['x'], false, ['A']),
    run('2', ['x'], false, ['A']),
    run('3', ['x', 'y'], false, ['A', 'B']),
    run('4', ['x'], true),
    run('5', ['y'], false, ['A']),
    run('6', ['y'], false, ['B']),
    run('7', ['y'], false, ['B']),
    run('8', [], true),
    run('9', [], true),
    run('10', [], true),
  ];
  it('finds modes over-represented under a nudge, by lift', () => {
    const ctx = nudgeContexts(runs);
    expect(ctx.get('x')).toEqual([{ signature: 'A', runs: 3, lift: 0.75 / 0.4 }]);
    // y: on 4 runs; B in 3 of them: P(B|y) = 3/4, P(B) = 3/10, lift 2.5. A in 2 (< 3 runs).
    expect(ctx.get('y')).toEqual([{ signature: 'B', runs: 3, lift: 2.5 }]);
  });
  it('honours minRuns and drops lifts of 1 or less', () => {
    const ctx = nudgeContexts(runs, { minRuns: 1 });
    // x with B: P(B|x) = 1/4 < P(B) = 3/10, lift 0.83: not a context even at minRuns 1.
    expect(ctx.get('x')?.map((c) => c.signature)).toEqual(['A']);
    // y with A: P(A|y) = 2/4 = 0.5 > P(A) = 0.4: lift 1.25; kept at minRuns 1.
    expect(ctx.get('y')?.map((c) => [c.signature, c.lift])).toEqual([
      ['B', 2.5],
      ['A', 1.25],
    ]);
    const flat = nudgeContexts([run('1', ['z'], false, ['A']), run('2', ['z'], false, ['A'])], { minRuns: 1 });
    expect(flat.has('z')).toBe(false);
  });
});
