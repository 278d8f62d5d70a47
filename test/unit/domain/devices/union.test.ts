import { describe, expect, it } from 'vitest';
import { betPlacement, resolutionId, targetOf, timerBody, type Row } from '../../../../src/domain/devices/records';
import { compareVersions, pickWinner, settleTarget } from '../../../../src/domain/devices/union';

const res = (resolvedAt: number, actualHours: number): Row => ({ betId: 'bet_1', resolvedAt, actualHours, completed: true });

describe('records', () => {
  it('names the row a version sets', () => {
    expect(targetOf({ kind: 'betResolution', id: resolutionId({ betId: 'bet_1', resolvedAt: 5, actualHours: 3, completed: true }) })).toBe('bet_1');
    expect(targetOf({ kind: 'spec', id: 'spec_a@1700' })).toBe('spec_a');
    expect(targetOf({ kind: 'run', id: 'run@odd' })).toBe('run@odd');
  });

  it('keeps only the placement of a bet, and no tab in a timer', () => {
    expect(betPlacement({ id: 'b', task: 't', estimatedHours: 2, confidence: 0.5, stake: 1, principles: [], context: [], placedAt: 1, actualHours: 3, completed: true, resolvedAt: 9, state: 'miss' })).toEqual({
      id: 'b',
      task: 't',
      estimatedHours: 2,
      confidence: 0.5,
      stake: 1,
      principles: [],
      context: [],
      placedAt: 1,
    });
    expect(timerBody({ betId: 'b', running: true, tabId: 'tab-1', updatedAt: 4 })).toEqual({ betId: 'b', running: true, updatedAt: 4 });
  });
});

describe('which version counts', () => {
  it('the earlier resolution of a bet resolved on two devices', () => {
    expect(pickWinner('betResolution', [res(20, 3), res(10, 5)])).toEqual(res(10, 5));
    // Same time, different outcome: decided by content, the same way whatever the order.
    const a = res(10, 5);
    const b = res(10, 4);
    expect(pickWinner('betResolution', [a, b])).toEqual(pickWinner('betResolution', [b, a]));
  });

  it('the latest timer state and spec title, the first nudge label', () => {
    expect(pickWinner('timer', [{ betId: 'b', updatedAt: 1 }, { betId: 'b', updatedAt: 2 }])).toEqual({ betId: 'b', updatedAt: 2 });
    expect(pickWinner('spec', [{ id: 's', title: 'A', metaAt: 5 }, { id: 's', title: 'B', metaAt: 3 }]).title).toBe('A');
    expect(pickWinner('nudge', [{ key: 'k', label: 'Late', createdAt: 9 }, { key: 'k', label: 'First', createdAt: 2 }]).label).toBe('First');
  });

  it('the furthest approval state, then the earliest decision', () => {
    const pending = { id: 'a', state: 'pending' };
    const approved = { id: 'a', state: 'approved', decidedAt: 7 };
    const rejected = { id: 'a', state: 'rejected', decidedAt: 5 };
    const applied = { id: 'a', state: 'applied', decidedAt: 9 };
    expect(pickWinner('approval', [pending, approved])).toBe(approved);
    expect(pickWinner('approval', [approved, rejected])).toBe(rejected);
    expect(pickWinner('approval', [rejected, applied, pending])).toBe(applied);
  });

  it('is a total order: every permutation of the same versions gives the same winner', () => {
    const versions = [res(3, 1), res(3, 2), res(1, 9), res(1, 8), res(7, 0)];
    const first = pickWinner('betResolution', versions);
    for (let i = 0; i < 50; i++) {
      const shuffled = [...versions].sort(() => Math.sin(i * 7.1 + versions.length) - 0.5 + (i % 3) * 0.1);
      expect(pickWinner('betResolution', shuffled)).toEqual(first);
    }
    expect(compareVersions('run', { id: 'r', x: 1 }, { x: 1, id: 'r' })).toBe(0);
  });
});

describe('settling one row', () => {
  it('stores a new row, and equal bodies once', () => {
    const plan = settleTarget('run', undefined, [], [{ id: 'r', passed: true }, { passed: true, id: 'r' }]);
    expect(plan).toEqual({ winner: { id: 'r', passed: true }, changed: true, alternates: [] });
    expect(settleTarget('run', { id: 'r', passed: true }, [], [{ id: 'r', passed: true }]).changed).toBe(false);
  });

  it('keeps the version that loses, and both devices end alike', () => {
    const a = res(10, 3);
    const b = res(12, 4);
    const onA = settleTarget('betResolution', a, [], [b]);
    const onB = settleTarget('betResolution', b, [], [a]);
    expect(onA.winner).toEqual(a);
    expect(onA.changed).toBe(false);
    expect(onB.winner).toEqual(a);
    expect(onB.changed).toBe(true);
    expect(onA.alternates).toEqual([b]);
    expect(onB.alternates).toEqual([b]);
  });

  it('a conflicting second version of a thing that never changes: the canonical first counts everywhere', () => {
    const x = { id: 'run_1', passed: true, nudges: ['a'] };
    const y = { id: 'run_1', passed: true, nudges: ['b'] };
    expect(settleTarget('run', x, [], [y]).winner).toEqual(settleTarget('run', y, [], [x]).winner);
  });
});
