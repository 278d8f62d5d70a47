import type * as Y from 'yjs';
import { acquireSpec } from './specSession';

/*
 * A shared spec's consent channel: an append-only Y.Array ('consent') in the spec's own Y.Doc,
 * so proposals, positions and the roster travel with the spec to every tab and peer (and are
 * stored with it by y-indexeddb), and every device reads them in the same order. Entries are
 * plain JSON records; what they mean, and whether their signatures hold, is the domain's
 * (consentRecords.ts, consentBoard.ts). Nothing here deletes or edits an entry.
 */

export const CONSENT_ARRAY = 'consent';

export interface ConsentChannel {
  /** Every entry so far, in the document's order (anything a peer wrote: read it with readRecord). */
  entries(): unknown[];
  append(record: object): void;
  /** Called on every change, local or remote; returns the unsubscribe. */
  subscribe(callback: () => void): () => void;
  /** Resolves once the spec's stored state is loaded. */
  readonly whenLoaded: Promise<void>;
  close(): void;
}

export function openConsentChannel(specId: string): ConsentChannel {
  const { session, release } = acquireSpec(specId);
  const array: Y.Array<unknown> = session.doc.getArray(CONSENT_ARRAY);
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((l) => l());
  array.observe(changed);
  let closed = false;
  return {
    entries: () => array.toArray(),
    append: (record) => {
      // A plain copy: Yjs stores JSON content, and nothing the caller keeps can change it later.
      array.push([JSON.parse(JSON.stringify(record)) as unknown]);
    },
    subscribe: (callback) => {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    whenLoaded: session.whenLoaded,
    close: () => {
      if (closed) return;
      closed = true;
      array.unobserve(changed);
      listeners.clear();
      release();
    },
  };
}
