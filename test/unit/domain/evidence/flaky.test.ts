import { describe, expect, it } from 'vitest';
import { findFlaky, flakyGroupKey } from '../../../../src/domain/evidence/flaky';
import type { Run } from '../../../../src/domain/evidence/run';

function run(id: string, specHash: string, nudges: string[], passed: boolean): Run {
  return { id, specHash, nudges, passed, errorMessages: [], testFailures: [], typeErrors: [], source: 'manual', at: 0 };
}

describe('flaky runs', () => {
  it('keys a condition by spec hash and the sorted, normalised nudge set', () => {
    expect(flakyGroupKey(run('a', 'h', ['B', ' a '], true))).toBe(flakyGroupKey(run('b', 'h', ['a', 'b', 'b'], false)));
    expect(flakyGroupKey(run('a', 'h', ['a'], true))).not.toBe(flakyGroupKey(run('b', 'h2', ['a'], true)));
    expect(flakyGroupKey(run('a', 'h', ['a'], true))).not.toBe(flakyGroupKey(run('b', 'h', ['a', 'b'], true)));
  });
  it('finds groups that both passed and failed', () => {
    const runs = [
      run('1', 'h', ['a', 'b'], true),
      run('2', 'h', ['b', 'A'], false),
      run('3', 'h', ['a', 'b'], true),
      run('4', 'h', ['a'], false),
      run('5', 'h', ['a'], false),
      run('6', 'g', ['a', 'b'], false),
    ];
    const report = findFlaky(runs);
    expect(report.groups).toEqual([flakyGroupKey(runs[0]!)]);
    expect([...report.runIds].sort()).toEqual(['1', '2', '3']);
  });
});
