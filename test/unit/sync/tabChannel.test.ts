import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { openTabChannel, type TabChannel } from '../../../src/sync/tabChannel';

const open: { doc: Y.Doc; awareness: Awareness; channel: TabChannel }[] = [];
afterEach(() => {
  for (const t of open.splice(0)) {
    t.channel.destroy();
    t.awareness.destroy();
    t.doc.destroy();
  }
});

function tab(room: string, initial?: string) {
  const doc = new Y.Doc();
  if (initial) doc.getText('markdown').insert(0, initial);
  const awareness = new Awareness(doc);
  const t = { doc, awareness, channel: openTabChannel(room, doc, awareness) };
  open.push(t);
  return t;
}

function eventually(check: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (check()) resolve();
      else if (Date.now() - started > timeoutMs) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(poll, 10);
    };
    poll();
  });
}

describe('tab channel', () => {
  it('brings a new tab up to date, then carries edits and presence both ways', async () => {
    const room = `room-${Math.random()}`;
    const a = tab(room, 'from A before B opened\n');
    a.awareness.setLocalStateField('user', { name: 'A' });
    const b = tab(room);
    const text = (t: { doc: Y.Doc }) => t.doc.getText('markdown').toString();
    await eventually(() => text(b) === 'from A before B opened\n', 'B to load A’s text');
    b.doc.getText('markdown').insert(0, 'B: ');
    await eventually(() => text(a) === 'B: from A before B opened\n', 'A to get B’s edit');
    await eventually(() => (b.awareness.getStates().get(a.doc.clientID) as { user?: { name: string } } | undefined)?.user?.name === 'A', 'B to see A');
    b.channel.destroy();
    await eventually(() => !a.awareness.getStates().has(b.doc.clientID), 'A to see B leave');
  });

  it('keeps rooms apart', async () => {
    const one = `one-${Math.random()}`;
    const two = `two-${Math.random()}`;
    const [a1, a2, b1, b2] = [tab(one), tab(one), tab(two), tab(two)];
    const text = (t: { doc: Y.Doc }) => t.doc.getText('markdown').toString();
    b1.doc.getText('markdown').insert(0, 'room two');
    a1.doc.getText('markdown').insert(0, 'room one');
    await eventually(() => text(b2) === 'room two' && text(a2) === 'room one', 'both rooms to sync');
    expect([text(a1), text(a2), text(b1), text(b2)]).toEqual(['room one', 'room one', 'room two', 'room two']);
  });
});
