import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { freshDatabaseEachTest } from '../../support/freshDatabase';
import { runExchangeLoop, type NetworkEvents, type WorkPort } from '../../../src/services/devices/exchangeLoop';
import type { PairedDoc } from '../../../src/sync/devices/pairedDoc';
import type { WorkState } from '../../../src/store/deviceExchangeWork';

const idle: WorkState = { sent: 0, received: 0, refused: [], waiting: 0, log: { state: 'waiting', reason: 'no statement yet' }, heldBack: 0, toSeal: 0, specBatches: 0 };

const work: WorkPort = {
  open: async () => ({ ...idle, own: [], opened: 0, specDocs: [] }),
  plan: async () => 0,
  offer: async () => 0,
  seal: async () => [],
  compact: async () => ({ sealed: [], removed: [] }),
  state: async () => idle,
};

/** A pairing's document whose connection follows setOnline (what the room does). */
function fakePaired(whenLoaded: Promise<void> = Promise.resolve()): PairedDoc & { joins: boolean[] } {
  const joins: boolean[] = [];
  let online = true;
  return {
    joins,
    doc: new Y.Doc(),
    whenLoaded,
    connected: () => online,
    synced: () => online,
    onChange: () => () => undefined,
    setOnline: (on) => {
      online = on;
      joins.push(on);
    },
    leave: () => undefined,
    leftDevices: () => [],
    destroy: async () => undefined,
  };
}

function network(onLine: boolean): NetworkEvents & { go(on: boolean): void } {
  const target = new EventTarget();
  return {
    onLine: () => onLine,
    addEventListener: (t, f) => target.addEventListener(t, f),
    removeEventListener: (t, f) => target.removeEventListener(t, f),
    go: (on) => {
      onLine = on;
      target.dispatchEvent(new Event(on ? 'online' : 'offline'));
    },
  };
}

freshDatabaseEachTest('online');

const start = (paired: PairedDoc, net: NetworkEvents, paused = false) =>
  runExchangeLoop({ pairingId: 'pair_1', peerDeviceId: 'dev_phone', deviceId: 'dev_laptop', work, paired, name: async () => 'Laptop', closeWork: () => undefined, paused, network: net });

describe('the exchange and the network', () => {
  it('leaves the room when the browser goes offline and joins it again as soon as it is online', async () => {
    const paired = fakePaired();
    const net = network(true);
    const x = await start(paired, net);
    expect(x.status()).toMatchObject({ offline: false, connected: true });

    net.go(false);
    expect(paired.joins).toEqual([false]);
    expect(x.status()).toMatchObject({ offline: true, connected: false });

    net.go(true);
    expect(paired.joins).toEqual([false, true]);
    expect(x.status()).toMatchObject({ offline: false, connected: true });
    await x.stop(false);
    net.go(false);
    expect(paired.joins).toEqual([false, true]);
  });

  it('starts out of the room while offline; back online it stays out while the person paused it, and Resume joins', async () => {
    const paired = fakePaired();
    const net = network(false);
    const x = await start(paired, net);
    expect(paired.joins).toEqual([false]);
    expect(x.status().offline).toBe(true);
    x.pause();
    net.go(true);
    expect(paired.joins.at(-1)).toBe(false);
    expect(x.status()).toMatchObject({ offline: false, paused: true });
    x.resume();
    expect(paired.joins.at(-1)).toBe(true);
    await x.stop(false);
  });

  it('online again while it was starting (before it listened): it joins the room all the same', async () => {
    let loaded!: () => void;
    const paired = fakePaired(new Promise<void>((r) => (loaded = r)));
    const net = network(false);
    const starting = start(paired, net);
    // The loop read "offline" and waits for the document to load.
    await vi.waitFor(() => expect(paired.joins).toEqual([false]));
    net.go(true);
    loaded();
    const x = await starting;
    expect(paired.joins).toEqual([false, true]);
    expect(x.status()).toMatchObject({ offline: false, connected: true });
    await x.stop(false);
  });

  it('a Resume while offline does not join the room until the browser is online', async () => {
    const paired = fakePaired();
    const net = network(true);
    const x = await start(paired, net, true);
    net.go(false);
    x.resume();
    expect(paired.joins.at(-1)).toBe(false);
    net.go(true);
    expect(paired.joins.at(-1)).toBe(true);
    await x.stop(false);
  });
});
