import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../src/domain/errors';
import type { Run } from '../../../../src/domain/evidence/run';
import { encodeRuns, encodedFromTransfer, FLAKY_WEIGHT, learningUnit } from '../../../../src/domain/learning/encode';
import { adjustmentKey, adjustmentKeys, columnKind, dayOf, isAdjustmentKey, monthOf, temperatureBand, weekOf } from '../../../../src/domain/learning/adjustment';

// Time 0 is Thursday 1 January 1970: its month, its week from Monday, its week from Thursday and its day.
const MONTH = adjustmentKey('month', '1970-01');
const WEEK_MON = adjustmentKey('week', 'from Mon 1969-12-29');
const WEEK_THU = adjustmentKey('week', 'from Thu 1970-01-01');
const DAY = adjustmentKey('day', '1970-01-01');
const TIME = [MONTH, WEEK_MON, WEEK_THU, DAY];

function run(id: string, specHash: string, nudges: string[], passed: boolean): Run {
  return { id, specHash, nudges, passed, errorMessages: [], testFailures: [], typeErrors: [], source: 'manual', at: 0 };
}

const runs = [
  run('1', 'h1', ['b', 'a'], true),
  run('2', 'h2', ['A ', 'c', 'a'], false),
  run('3', 'h1', [], true),
  run('4', 'h1', ['a', 'b'], false), // flaky with run 1
];

describe('encodeRuns', () => {
  it('builds compressed sparse rows with ascending, distinct nudge indices', () => {
    const { encoded: e, transfer } = encodeRuns(runs);
    expect(e.n).toBe(4);
    // Each run also carries its month, its two weeks and its day (adjustment terms, adjustment.ts).
    expect(e.nudgeKeys).toEqual(['b', 'a', ...TIME, 'c']);
    expect(e.specKeys).toEqual(['h1', 'h2']);
    expect([...e.spec]).toEqual([0, 1, 0, 0]);
    expect([...e.passed]).toEqual([1, 0, 1, 0]);
    expect([...e.offsets]).toEqual([0, 6, 12, 16, 22]);
    expect([...e.nudgeIdx]).toEqual([0, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 6, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5]);
    expect([...e.weight]).toEqual([1, 1, 1, 1]);
    expect(transfer).toHaveLength(5);
    expect(new Set(transfer).size).toBe(5);
    expect(transfer[0]!.byteLength).toBe(4);
  });
  it('excludes or down-weights flaky runs', () => {
    const ex = encodeRuns(runs, { flaky: 'exclude' }).encoded;
    expect(ex.n).toBe(2);
    expect([...ex.passed]).toEqual([0, 1]);
    const down = encodeRuns(runs, { flaky: 'downweight' }).encoded;
    expect([...down.weight]).toEqual([FLAKY_WEIGHT, 1, 1, FLAKY_WEIGHT]);
    const given = encodeRuns(runs, { flaky: 'exclude', flakyRunIds: new Set(['3']) }).encoded;
    expect(given.n).toBe(3);
  });
  it('keeps an existing index space and appends new keys', () => {
    const e = encodeRuns([run('9', 'h3', ['c', 'z'], true)], { nudgeKeys: ['a', 'b', 'c'], specKeys: ['h1'] }).encoded;
    expect(e.nudgeKeys).toEqual(['a', 'b', 'c', 'z', ...TIME]);
    expect(e.specKeys).toEqual(['h1', 'h3']);
    expect([...e.nudgeIdx]).toEqual([2, 3, 4, 5, 6, 7]);
    expect([...e.spec]).toEqual([1]);
  });
  it('grows past its initial capacity', () => {
    const many = Array.from({ length: 300 }, (_, i) => run(`r${i}`, `h${i % 7}`, [`n${i % 11}`, `n${(i * 3) % 13}`], i % 2 === 0));
    const e = encodeRuns(many).encoded;
    expect(e.n).toBe(300);
    expect(e.offsets[300]).toBe(e.nudgeIdx.length);
    expect(encodedFromTransfer(e)).toBe(e);
  });
});

describe('encodedFromTransfer', () => {
  it('accepts a structured clone and rejects inconsistent arrays, naming them', () => {
    const e = encodeRuns(runs).encoded;
    expect(encodedFromTransfer(structuredClone(e)).nudgeKeys).toEqual(e.nudgeKeys);
    const swapped = e.nudgeIdx.slice();
    [swapped[0], swapped[1]] = [swapped[1]!, swapped[0]!];
    const bad = { ...e, nudgeIdx: swapped };
    expect(() => encodedFromTransfer(bad)).toThrow(ValidationError);
    expect(() => encodedFromTransfer(bad)).toThrow(/nudgeIdx\[1\]/);
    expect(() => encodedFromTransfer({ ...e, spec: Int32Array.from([0, 5, 0, 0]) })).toThrow(/spec\[1\]/);
    expect(() => encodedFromTransfer({ ...e, offsets: Int32Array.from([0, 2, 4, 4]) })).toThrow(/offsets/);
  });
});

describe('the learning unit and the adjustment terms', () => {
  it('learns per spec document when a run names one (edits keep the history), else per spec text', () => {
    const edited = [
      { ...run('1', 'hash-before-edit', ['x'], true), specId: 'doc-1' },
      { ...run('2', 'hash-after-edit', ['x'], false), specId: 'doc-1' },
      run('3', 'name:suite::test', ['x'], true),
      run('4', 'name:suite::other', [], false),
    ];
    const e = encodeRuns(edited).encoded;
    expect(e.specKeys).toEqual([learningUnit(edited[0]!), 'name:suite::test', 'name:suite::other']);
    expect([...e.spec]).toEqual([0, 0, 1, 2]);
    // A spec id never collides with a spec hash of the same text.
    expect(learningUnit({ specId: 'abc', specHash: 'x' })).not.toBe(learningUnit({ specHash: 'abc' }));
  });

  it('adds the model, the temperature band and the calendar month, weeks and day of each run', () => {
    // Friday 31 May 2024, one minute before midnight (UTC).
    const at = Date.UTC(2024, 4, 31, 23, 59);
    const time = [adjustmentKey('month', '2024-05'), adjustmentKey('week', 'from Mon 2024-05-27'), adjustmentKey('week', 'from Thu 2024-05-30'), adjustmentKey('day', '2024-05-31')];
    expect(adjustmentKeys({ model: ' gpt-4o ', temperature: 0.7, at })).toEqual([adjustmentKey('model', 'gpt-4o'), adjustmentKey('temperature', '0.7–1'), ...time]);
    expect(adjustmentKeys({ at })).toEqual(time);
    // A week runs from its first day's midnight: Sunday is the Monday week's last day, Wednesday the Thursday week's.
    expect(weekOf(Date.UTC(2024, 5, 2, 23, 59), 'Mon')).toBe('from Mon 2024-05-27');
    expect(weekOf(Date.UTC(2024, 5, 3), 'Mon')).toBe('from Mon 2024-06-03');
    expect(weekOf(Date.UTC(2024, 5, 5, 23, 59), 'Thu')).toBe('from Thu 2024-05-30');
    expect(weekOf(Date.UTC(2024, 5, 6), 'Thu')).toBe('from Thu 2024-06-06');
    expect([0, 0.2, 0.3, 0.69, 0.7, 1, 1.5].map(temperatureBand)).toEqual(['0–0.3', '0–0.3', '0.3–0.7', '0.3–0.7', '0.7–1', '1 and above', '1 and above']);
    expect(monthOf(Date.UTC(2023, 11, 31))).toBe('2023-12');
    expect(dayOf(Date.UTC(2024, 5, 2, 23, 59))).toBe('2024-06-02');
  });

  it('keeps adjustment keys apart from every nudge key', () => {
    const key = adjustmentKey('model', 'gpt-4o');
    expect(isAdjustmentKey(key)).toBe(true);
    expect(columnKind(key)).toBe('model');
    // Nudge keys are trimmed, so none starts with a tab.
    const e = encodeRuns([run('1', 'h', ['\tmodel\tgpt-4o'], true)]).encoded;
    expect(e.nudgeKeys.filter((k) => !isAdjustmentKey(k))).toEqual(['model gpt-4o']);
    expect(columnKind('model gpt-4o')).toBe('nudge');
  });
});
