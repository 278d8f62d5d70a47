import { describe, expect, it } from 'vitest';
import { StuckConnectionReaper, type PendingConnection } from '../../../src/sync/stuckPeers';

function conn(connected = false): PendingConnection & { destroyed: number } {
  const c = {
    connected,
    closed: false,
    destroyed: 0,
    peer: {
      destroy: () => {
        c.destroyed++;
        c.closed = true;
      },
    },
  };
  return c;
}

describe('StuckConnectionReaper', () => {
  it('closes a connection that stays unopened past the limit, once', () => {
    const reaper = new StuckConnectionReaper(10_000);
    const stuck = conn();
    expect(reaper.reap([stuck], 0)).toBe(0);
    expect(reaper.reap([stuck], 9_999)).toBe(0);
    expect(reaper.reap([stuck], 10_000)).toBe(1);
    expect(stuck.destroyed).toBe(1);
    expect(reaper.reap([stuck], 20_000)).toBe(0);
    expect(stuck.destroyed).toBe(1);
  });

  it('leaves open connections and counts the limit from when it first saw each one', () => {
    const reaper = new StuckConnectionReaper(10_000);
    const open = conn(true);
    const early = conn();
    const late = conn();
    reaper.reap([open, early], 0);
    reaper.reap([open, early, late], 6_000);
    expect(reaper.reap([open, early, late], 12_000)).toBe(1);
    expect([open.destroyed, early.destroyed, late.destroyed]).toEqual([0, 1, 0]);
    expect(reaper.reap([open, late], 16_000)).toBe(1);
    expect(late.destroyed).toBe(1);
  });

  it('spares a connection that opened in time', () => {
    const reaper = new StuckConnectionReaper(10_000);
    const c = conn();
    reaper.reap([c], 0);
    c.connected = true;
    expect(reaper.reap([c], 30_000)).toBe(0);
    expect(c.destroyed).toBe(0);
  });
});
