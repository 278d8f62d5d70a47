import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { useDatabase } from '../../../src/store/db';
import { endPairing, forgetEndedPairing, observePairingState, pairedDevices, savePairing, type EndedPairing, type PairedDevice } from '../../../src/store/pairingsRepo';

const names: string[] = [];
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});

const pairing = (id: string, name: string): PairedDevice => ({ id, secret: 's', transport: 'websocket', server: 'ws://x', pairedAt: 1, peer: { deviceId: `dev_${id}`, name, ledgerKey: {} } });

const state = () =>
  new Promise<{ pairings: PairedDevice[]; ended: EndedPairing[] }>((resolve) => {
    const sub = observePairingState().subscribe({ next: (v) => (queueMicrotask(() => sub.unsubscribe()), resolve(v)) });
  });

describe('ended pairings', () => {
  it('unpairing here keeps the pairing to tell the other device; unpaired there leaves a notice; both are forgotten on request', async () => {
    const name = `pairings-${Math.random().toString(36).slice(2)}`;
    names.push(name);
    useDatabase(name);
    await savePairing(pairing('p1', 'Phone'));
    await savePairing(pairing('p2', 'Tablet'));
    expect(await endPairing('p1', 'here', 10)).toBe(true);
    expect(await endPairing('p1', 'here', 11)).toBe(false);
    expect(await endPairing('p2', 'there', 12)).toBe(true);
    expect(await pairedDevices()).toEqual([]);
    const { ended } = await state();
    expect(ended).toEqual([
      { id: 'p1', peerName: 'Phone', by: 'here', at: 10, pending: pairing('p1', 'Phone') },
      { id: 'p2', peerName: 'Tablet', by: 'there', at: 12 },
    ]);
    await forgetEndedPairing('p1');
    expect((await state()).ended.map((e) => e.id)).toEqual(['p2']);
  });
});
