import { describe, expect, it } from 'vitest';
import { rankCandidates } from '../../../../src/domain/compile/rank';

describe('rankCandidates', () => {
  it('puts passing first, then fewest failures, then shortest code, then generation order', () => {
    const c = (id: string, passed: boolean, failures: number, code: string) => ({ id, passed, failures, code });
    const ranked = rankCandidates([
      c('fail-1', false, 1, 'x'),
      c('pass-long', true, 0, 'function f() { return 1 + 0 }'),
      c('fail-3', false, 3, 'y'),
      c('pass-short', true, 0, '  function f() { return 1 }  \n'),
      c('pass-short-2', true, 0, 'function g() { return 1 }'),
      c('fail-1-long', false, 1, 'xxxxxxxx'),
    ]);
    expect(ranked.map((r) => r.id)).toEqual(['pass-short', 'pass-short-2', 'pass-long', 'fail-1', 'fail-1-long', 'fail-3']);
  });
});
