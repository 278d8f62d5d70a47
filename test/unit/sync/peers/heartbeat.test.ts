import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { AWAY_AFTER_MS, PeerDevices } from '../../../../src/sync/peers/heartbeat';
import { clocksOf } from '../../../../src/sync/peers/stateVectors';

/** Two devices' documents and awareness, with updates carried by hand. */
function device(name: string) {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  awareness.setLocalStateField('user', { name });
  return { doc, awareness };
}
const beat = (d: ReturnType<typeof device>, id: string, at: number) => d.awareness.setLocalStateField('beat', { device: id, at, sv: clocksOf(d.doc) });
const carry = (from: ReturnType<typeof device>, to: ReturnType<typeof device>) => {
  applyAwarenessUpdate(to.awareness, encodeAwarenessUpdate(from.awareness, [from.doc.clientID]), 'test');
  Y.applyUpdate(to.doc, Y.encodeStateAsUpdate(from.doc));
};

describe('peer devices from heartbeats', () => {
  it('shows a device here, in sync, then away when its beats stop, and knows whose edits are missing', () => {
    const ada = device('Ada');
    const bob = device('Bob');
    const view = new PeerDevices('ada-device');
    ada.doc.getText('markdown').insert(0, 'from Ada\n');
    beat(bob, 'bob-device', 1);
    carry(bob, ada);
    view.observe(ada.awareness, ada.doc, 1_000);
    // Bob's last beat does not hold Ada's edit yet.
    expect(view.unsentEdits(ada.doc, 1_000)).toBe(true);
    expect(view.list(ada.doc, 1_000)).toMatchObject([{ name: 'Bob', here: true, hasEditsWeLack: false }]);
    expect(view.list(ada.doc, 1_000)[0]!.lastInSyncAt).toBeUndefined();

    carry(ada, bob);
    beat(bob, 'bob-device', 2);
    carry(bob, ada);
    view.observe(ada.awareness, ada.doc, 2_000);
    expect(view.unsentEdits(ada.doc, 2_000)).toBe(false);
    expect(view.list(ada.doc, 2_000)[0]).toMatchObject({ here: true, lastInSyncAt: 2_000 });

    // Bob edits, beats once, then goes silent.
    bob.doc.getText('markdown').insert(0, 'Bob offline\n');
    beat(bob, 'bob-device', 3);
    applyAwarenessUpdate(ada.awareness, encodeAwarenessUpdate(bob.awareness, [bob.doc.clientID]), 'test');
    view.observe(ada.awareness, ada.doc, 3_000);
    expect(view.list(ada.doc, 3_000)[0]).toMatchObject({ here: true, hasEditsWeLack: true, lastInSyncAt: 2_000 });
    view.observe(ada.awareness, ada.doc, 3_000 + AWAY_AFTER_MS);
    expect(view.list(ada.doc, 3_000 + AWAY_AFTER_MS)[0]).toMatchObject({ here: false, lastSeenAt: 3_000 });
  });

  it('ignores this browser’s own beats and remembers devices from an earlier session', () => {
    const ada = device('Ada');
    beat(ada, 'ada-device', 1);
    const view = new PeerDevices('ada-device');
    view.remember('bob-device', 'Bob', 500, 400);
    view.observe(ada.awareness, ada.doc, 10_000);
    expect(view.list(ada.doc, 10_000)).toEqual([{ device: 'bob-device', name: 'Bob', here: false, lastSeenAt: 500, lastInSyncAt: 400, hasEditsWeLack: false, clients: [] }]);
  });
});
