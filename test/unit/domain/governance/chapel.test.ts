import { describe, expect, it } from 'vitest';
import {
  ChapelError,
  abort,
  checkVeto,
  elapse,
  enterChapel,
  remaining,
  run,
  veto,
} from '../../../../src/domain/governance/chapel';
import type { ChapelIntent } from '../../../../src/domain/governance/chapel';

const intent: ChapelIntent = {
  actionId: 'act-1',
  action: 'bulk_delete_evidence',
  hazard: 'high',
  externalCost: 5,
  intent: 'delete 120 imported runs from a broken CSV',
  automated: false,
};
const T = 1_000_000;

describe('the chapel', () => {
  it('records intent, counts down, then checks the veto and runs, logging each step', () => {
    const entered = enterChapel(intent, T, 3000);
    expect(entered.event).toEqual({ kind: 'chapel_entered', at: T, payload: { ...intent, minPauseMs: 3000 } });
    expect(remaining(entered.state, T)).toBe(3000);
    expect(remaining(entered.state, T + 1200)).toBe(1800);
    expect(remaining(entered.state, T + 5000)).toBe(0);
    const paused = elapse(entered.state, T + 3000);
    expect(paused.event).toEqual({ kind: 'pause_elapsed', at: T + 3000, payload: { actionId: 'act-1', elapsedMs: 3000 } });
    const checked = checkVeto(paused.state, T + 3001, 'ok');
    expect(checked.event.payload).toEqual({ actionId: 'act-1', vetoed: false, fuse: 'ok' });
    const ran = run(checked.state, T + 3002);
    expect(ran.state.phase).toBe('ran');
    expect(ran.event).toMatchObject({ kind: 'action_applied', payload: { actionId: 'act-1', hazard: 'high', viaChapel: true } });
  });

  it('never runs before minPauseMs has elapsed', () => {
    const { state } = enterChapel(intent, T, 3000);
    expect(() => elapse(state, T + 2999)).toThrow(ChapelError);
    expect(() => run(state, T + 10_000)).toThrow(/cannot run/);
    expect(() => checkVeto(state, T + 10_000, 'ok')).toThrow(ChapelError);
  });

  it('a veto during the countdown ends in an abort, never a run', () => {
    const entered = enterChapel(intent, T, 3000);
    const vetoed = veto(entered.state, T + 500, 'self');
    expect(vetoed.event).toEqual({ kind: 'veto', at: T + 500, payload: { actionId: 'act-1', by: 'self' } });
    expect(remaining(vetoed.state, T + 600)).toBe(0);
    expect(() => elapse(vetoed.state, T + 4000)).toThrow(ChapelError);
    const checked = checkVeto(vetoed.state, T + 4000, 'ok');
    expect(checked.event.payload).toMatchObject({ vetoed: true });
    expect(() => run(checked.state, T + 4001)).toThrow(/vetoed/);
    expect(abort(checked.state, T + 4001, 'vetoed by self').event).toEqual({
      kind: 'chapel_aborted',
      at: T + 4001,
      payload: { actionId: 'act-1', reason: 'vetoed by self' },
    });
  });

  it('treats a tripped fuse found at the check as a veto', () => {
    const paused = elapse(enterChapel(intent, T, 3000).state, T + 3000);
    const checked = checkVeto(paused.state, T + 3000, 'tripped');
    expect(checked.state).toMatchObject({ phase: 'veto_checked', vetoed: true });
    expect(() => run(checked.state, T + 3001)).toThrow(ChapelError);
  });

  it('moves only forward: no second run, no abort after running, no veto after the check', () => {
    const checked = checkVeto(elapse(enterChapel(intent, T, 3000).state, T + 3000).state, T + 3000, 'ok');
    const ran = run(checked.state, T + 3000);
    expect(() => run(ran.state, T + 3001)).toThrow(ChapelError);
    expect(() => abort(ran.state, T + 3001, 'late')).toThrow(ChapelError);
    expect(() => veto(checked.state, T + 3001, 'self')).toThrow(ChapelError);
    const aborted = abort(enterChapel(intent, T, 3000).state, T + 1, 'changed my mind');
    expect(() => abort(aborted.state, T + 2, 'again')).toThrow(ChapelError);
  });
});
