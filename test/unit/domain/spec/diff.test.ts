import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lineDiff, lineScript } from '../../../../src/domain/spec/diff';

function lcsLength(a: string[], b: string[]): number {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      dp[i]![j] = a[i - 1] === b[j - 1] ? dp[i - 1]![j - 1]! + 1 : Math.max(dp[i - 1]![j]!, dp[i]![j - 1]!);
  return dp[a.length]![b.length]!;
}

describe('lineDiff', () => {
  it('marks added, removed and same lines with their line numbers', () => {
    expect(lineDiff('a\nb\nc', 'a\nx\nc\nd')).toEqual([
      { op: 'same', text: 'a', aLine: 1, bLine: 1 },
      { op: 'removed', text: 'b', aLine: 2 },
      { op: 'added', text: 'x', bLine: 2 },
      { op: 'same', text: 'c', aLine: 3, bLine: 3 },
      { op: 'added', text: 'd', bLine: 4 },
    ]);
    expect(lineDiff('', '')).toEqual([]);
    expect(lineDiff('', 'a')).toEqual([{ op: 'added', text: 'a', bLine: 1 }]);
  });

  it('rebuilds both texts and is minimal (its same lines are a longest common subsequence)', () => {
    const doc = fc.array(fc.constantFrom('a', 'b', 'c', '- [ ] t', ''), { maxLength: 14 }).map((ls) => ls.join('\n'));
    fc.assert(
      fc.property(doc, doc, (a, b) => {
        const d = lineDiff(a, b);
        const lines = (s: string) => (s === '' ? [] : s.split('\n'));
        expect(d.filter((l) => l.op !== 'added').map((l) => l.text)).toEqual(lines(a));
        expect(d.filter((l) => l.op !== 'removed').map((l) => l.text)).toEqual(lines(b));
        expect(d.filter((l) => l.op === 'same').length).toBe(lcsLength(lines(a), lines(b)));
      }),
      { seed: 3, numRuns: 1000 },
    );
  });

  it('is minimal on line lists with lines found on one side only (the ones set aside before the search)', () => {
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', '', 'x1', 'x2', 'y1', 'y2', '```'), { maxLength: 30 });
    fc.assert(
      fc.property(lines, lines, (A, B) => {
        const steps = lineScript(A, B);
        expect(steps.filter((s) => s.op !== 'added').map((s) => A[s.a])).toEqual(A);
        expect(steps.filter((s) => s.op !== 'removed').map((s) => B[s.b])).toEqual(B);
        for (const s of steps) if (s.op === 'same') expect(A[s.a]).toBe(B[s.b]);
        expect(steps.filter((s) => s.op === 'same').length).toBe(lcsLength(A, B));
      }),
      { seed: 4, numRuns: 1000 },
    );
  });

  it('stays minimal far beyond 2,000 edits: blocks of a long document moved around', () => {
    const A = Array.from({ length: 1200 }, (_, i) => `line ${i}`);
    const blocks = Array.from({ length: 12 }, (_, k) => A.slice(k * 100, k * 100 + 100));
    const B = [...blocks.slice(6), ...blocks.slice(0, 6)].flat();
    const steps = lineScript(A, B);
    expect(steps.filter((s) => s.op === 'same')).toHaveLength(600);
    expect(steps.filter((s) => s.op !== 'same')).toHaveLength(1200);
  });

  it('stays correct on large rewrites', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`).join('\n');
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`).join('\n');
    const d = lineDiff(a, b);
    expect(d.filter((l) => l.op === 'removed')).toHaveLength(3000);
    expect(d.filter((l) => l.op === 'added')).toHaveLength(3000);
  });
});
