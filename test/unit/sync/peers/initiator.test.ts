import { describe, expect, it } from 'vitest';
import { offersTo, onAnnounce, STALE_PENDING_MS } from '../../../../src/sync/peers/initiator';

describe('who offers (initiator rule)', () => {
  it('exactly one of any two devices offers', () => {
    const ids = ['0f1e', '7a2b-c', 'b9b96563', '6b71040d', 'ffff'];
    for (const a of ids) for (const b of ids) if (a !== b) expect(offersTo(a, b)).not.toBe(offersTo(b, a));
  });

  it('with no connection, the smaller id offers and the larger invites it to', () => {
    expect(onAnnounce('aaa', 'bbb', undefined)).toBe('forward');
    expect(onAnnounce('bbb', 'aaa', undefined)).toBe('invite');
  });

  it('leaves an open connection and a handshake under way alone, on either side', () => {
    for (const [mine, theirs] of [
      ['aaa', 'bbb'],
      ['bbb', 'aaa'],
    ] as const) {
      expect(onAnnounce(mine, theirs, { connected: true, age: 60_000 })).toBe('ignore');
      expect(onAnnounce(mine, theirs, { connected: false, age: STALE_PENDING_MS - 1 })).toBe('ignore');
    }
  });

  it('restarts a connection still not open when its other end announces itself again', () => {
    expect(onAnnounce('aaa', 'bbb', { connected: false, age: STALE_PENDING_MS })).toBe('restart');
    expect(onAnnounce('bbb', 'aaa', { connected: false, age: 13_000 })).toBe('restart');
  });
});
