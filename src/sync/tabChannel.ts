import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';

/**
 * Keeps one spec's document and awareness in step across the tabs of this browser, over a
 * BroadcastChannel, and nothing else: no signaling server, no network. (y-webrtc with no
 * signaling servers is not enough: its signaling connections are shared by every room of the
 * page, so once a peer session started, the tab room would have been announced unencrypted to
 * the signaling server and joined by any device with the same spec open.)
 *
 * Messages are structured-cloned objects: a newcomer says hello with its state vector, each
 * tab answers with what the newcomer lacks and asks for what it lacks itself; after that every
 * local update and awareness change is broadcast as it happens.
 */
type Message =
  | { t: 'hello'; sv: Uint8Array }
  | { t: 'sv'; sv: Uint8Array }
  | { t: 'update'; u: Uint8Array }
  | { t: 'awareness'; a: Uint8Array }
  | { t: 'who' };

export interface TabChannel {
  destroy(): void;
}

export function openTabChannel(name: string, doc: Y.Doc, awareness: Awareness): TabChannel {
  const bc = new BroadcastChannel(name);
  const origin = Symbol('tab channel');
  const post = (m: Message) => bc.postMessage(m);
  const everyone = () => encodeAwarenessUpdate(awareness, [...awareness.getStates().keys()]);

  bc.onmessage = (e: MessageEvent<Message>) => {
    const m = e.data;
    switch (m.t) {
      case 'hello':
        post({ t: 'update', u: Y.encodeStateAsUpdate(doc, m.sv) });
        post({ t: 'sv', sv: Y.encodeStateVector(doc) });
        post({ t: 'awareness', a: everyone() });
        break;
      case 'sv':
        post({ t: 'update', u: Y.encodeStateAsUpdate(doc, m.sv) });
        break;
      case 'update':
        Y.applyUpdate(doc, m.u, origin);
        break;
      case 'awareness':
        applyAwarenessUpdate(awareness, m.a, origin);
        break;
      case 'who':
        post({ t: 'awareness', a: everyone() });
        break;
    }
  };
  const onUpdate = (update: Uint8Array, from: unknown) => {
    if (from !== origin) post({ t: 'update', u: update });
  };
  const onAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, from: unknown) => {
    // Peers' states too, so a tab outside a shared session still shows who is in it; each
    // state carries a clock, so a state relayed twice is applied once.
    const changed = [...added, ...updated, ...removed];
    if (from !== origin && changed.length) post({ t: 'awareness', a: encodeAwarenessUpdate(awareness, changed) });
  };
  const leave = () => removeAwarenessStates(awareness, [doc.clientID], 'tab closed');
  doc.on('update', onUpdate);
  awareness.on('update', onAwareness);
  globalThis.addEventListener?.('pagehide', leave);
  post({ t: 'hello', sv: Y.encodeStateVector(doc) });
  post({ t: 'who' });

  return {
    destroy() {
      leave();
      globalThis.removeEventListener?.('pagehide', leave);
      doc.off('update', onUpdate);
      awareness.off('update', onAwareness);
      bc.close();
    },
  };
}
