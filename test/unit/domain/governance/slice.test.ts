import { describe, expect, it } from 'vitest';
import { DEFAULT_CONSTITUTION } from '../../../../src/domain/governance/constitution';
import { sliceStatus } from '../../../../src/domain/governance/slice';
import type { GovernedEvent } from '../../../../src/domain/ledger/logEntry';
import { T0, applied, asLog, filler } from './logHelpers';

const C = DEFAULT_CONSTITUTION; // slices of 16 steps, eExtMax 10
const vetoEv: GovernedEvent = { kind: 'veto', at: T0, payload: { actionId: 'x', by: 'self' } };
const reset: GovernedEvent = { kind: 'fuse_reset', at: T0, payload: { by: 'self' } };

describe('slice accounting (a fold over the log)', () => {
  it('sums E_ext over the current 16-step slice only', () => {
    const events = [applied('a', 4), ...filler(14), applied('b', 3), applied('c', 2), applied('d', 1)];
    // seq 0..15 form slice 0 (a=4, b=3); seq 16, 17 are in slice 1 (c=2, d=1); the next entry is seq 18.
    const s = sliceStatus(asLog(events), C, T0);
    expect(s).toMatchObject({ sliceIndex: 1, eExt: 3, automatedThisSlice: 2, fuse: 'ok' });
  });

  it('starts a fresh slice when the log length reaches a multiple of the slice', () => {
    expect(sliceStatus(asLog([applied('a', 4), ...filler(15)]), C, T0)).toMatchObject({ sliceIndex: 1, eExt: 0 });
  });

  it('slices by hours when the constitution says so', () => {
    const c = { ...C, slice: { hours: 48 } };
    const h = 3_600_000;
    const start = Math.floor(T0 / (48 * h)) * 48 * h;
    const log = asLog([applied('old', 5, {}, start - 1), applied('new', 2, {}, start + h)]);
    expect(sliceStatus(log, c, start + 2 * h).eExt).toBe(2);
    expect(sliceStatus(log, c, start + 49 * h).eExt).toBe(0);
  });

  it('is strained above 80% of eExtMax, not at it', () => {
    expect(sliceStatus(asLog([applied('a', 8)]), C, T0).fuse).toBe('ok');
    expect(sliceStatus(asLog([applied('a', 8.5)]), C, T0).fuse).toBe('strained');
  });

  it('trips on a veto and stays tripped across slices until a person resets it; then strained within the slice', () => {
    expect(sliceStatus(asLog([vetoEv]), C, T0).fuse).toBe('tripped');
    expect(sliceStatus(asLog([vetoEv, ...filler(40)]), C, T0).fuse).toBe('tripped');
    expect(sliceStatus(asLog([vetoEv, reset]), C, T0)).toMatchObject({ fuse: 'strained', vetoesThisSlice: 1 });
    expect(sliceStatus(asLog([vetoEv, reset, ...filler(20)]), C, T0).fuse).toBe('ok');
    const found: GovernedEvent = { kind: 'veto_checked', at: T0, payload: { actionId: 'y', vetoed: true } };
    expect(sliceStatus(asLog([found]), C, T0).fuse).toBe('tripped');
  });

  it('counts automated actions per session, restarting at session_started', () => {
    const started: GovernedEvent = { kind: 'session_started', at: T0, payload: {} };
    const byPerson = applied('p', 1, { automated: false });
    const log = asLog([applied('a', 1), applied('b', 1), started, applied('c', 1), byPerson]);
    expect(sliceStatus(log, C, T0)).toMatchObject({ automatedThisSession: 1, automatedThisSlice: 3, eExt: 4 });
  });
});
