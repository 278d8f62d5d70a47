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

describe('StuckConnectionReaper: unanswered offers', () => {
  function offering(state = 'have-local-offer') {
    const c = conn() as ReturnType<typeof conn> & { peer: { _pc: { signalingState: string } } };
    (c.peer as { _pc?: { signalingState: string } })._pc = { signalingState: state };
    return c;
  }

  it('closes a connection whose offer is unanswered past its own, shorter limit', () => {
    const reaper = new StuckConnectionReaper(12_000, 2_500);
    const c = offering();
    expect(reaper.reap([c], 0)).toBe(0);
    expect(reaper.reap([c], 2_499)).toBe(0);
    expect(reaper.reap([c], 2_500)).toBe(1);
    expect(c.destroyed).toBe(1);
  });

  it('counts from when the offer was seen out, and spares one answered in time', () => {
    const reaper = new StuckConnectionReaper(12_000, 2_500);
    const answered = offering('stable');
    const late = offering('stable');
    reaper.reap([answered, late], 0);
    late.peer._pc.signalingState = 'have-local-offer';
    reaper.reap([answered, late], 1_000);
    expect(reaper.reap([answered, late], 3_000)).toBe(0);
    expect(reaper.reap([answered, late], 3_500)).toBe(1);
    expect([answered.destroyed, late.destroyed]).toEqual([0, 1]);
    // The answered one, still not open, falls to the longer limit only.
    expect(reaper.reap([answered], 11_999)).toBe(0);
    expect(reaper.reap([answered], 12_000)).toBe(1);
  });

  it('starts the count again when an answer came and a new offer went out', () => {
    const reaper = new StuckConnectionReaper(60_000, 2_500);
    const c = offering();
    reaper.reap([c], 0);
    c.peer._pc.signalingState = 'stable';
    reaper.reap([c], 2_000);
    c.peer._pc.signalingState = 'have-local-offer';
    reaper.reap([c], 3_000);
    expect(reaper.reap([c], 5_000)).toBe(0);
    expect(reaper.reap([c], 5_500)).toBe(1);
  });
});
