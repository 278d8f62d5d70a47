import { describe, expect, it } from 'vitest';
import { SilentConnectionReaper, type OpenConnection } from '../../../src/sync/silentPeers';

function conn(): OpenConnection & { destroyed: number; hear(): void } {
  const listeners: (() => void)[] = [];
  const c = {
    connected: true,
    closed: false,
    destroyed: 0,
    hear: () => listeners.forEach((l) => l()),
    peer: {
      destroy: () => {
        c.destroyed++;
        c.closed = true;
      },
      on: (_e: 'data', f: () => void) => void listeners.push(f),
    },
  };
  return c;
}

describe('SilentConnectionReaper', () => {
  it('closes an open connection that brought nothing for the limit, and keeps one that speaks', () => {
    const reaper = new SilentConnectionReaper(4_000);
    const quiet = conn();
    const talking = conn();
    const start = Date.now();
    expect(reaper.reap([quiet, talking], start)).toBe(0);
    expect(reaper.reap([quiet], start + 3_999)).toBe(0);
    const heardAt = Date.now();
    talking.hear();
    expect(reaper.reap([talking], heardAt + 3_999)).toBe(0);
    expect(reaper.reap([quiet], start + 4_000)).toBe(1);
    expect(quiet.destroyed).toBe(1);
    expect(talking.destroyed).toBe(0);
    // Closed already: not closed twice.
    expect(reaper.reap([quiet], start + 10_000)).toBe(0);
  });

  it('leaves connections that are not open yet to the stuck-connection watchdog', () => {
    const reaper = new SilentConnectionReaper(1);
    const opening = { ...conn(), connected: false };
    reaper.reap([opening], 0);
    expect(reaper.reap([opening], 10_000)).toBe(0);
  });
});
