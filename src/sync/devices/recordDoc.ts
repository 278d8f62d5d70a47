import * as Y from 'yjs';
import type { DeviceRecord } from '../../domain/devices/records';
import { newBatchName, openBatch, sealBatch, splitRecords, type Batch } from '../../domain/devices/sealedBatch';

/**
 * A pairing's Yjs document: one Y.Map `batches` from a random batch name to a sealed batch
 * (domain/devices/sealedBatch.ts). A batch is written once and never changed, so the map only
 * grows, and Yjs's own sync (state vectors) sends a peer exactly the batches it lacks. A relay
 * that keeps the document sees names and ciphertext.
 */
export const BATCHES = 'batches';

export function batchMap(doc: Y.Doc): Y.Map<Uint8Array> {
  return doc.getMap<Uint8Array>(BATCHES);
}

/** Seals `records` (of one origin) into batches and writes them in one transaction; returns their names. */
export async function publishRecords(doc: Y.Doc, key: CryptoKey, origin: string, records: readonly DeviceRecord[], txOrigin: unknown = null): Promise<string[]> {
  const sealed: [string, Uint8Array][] = [];
  for (const chunk of splitRecords(records)) {
    const name = newBatchName();
    sealed.push([name, await sealBatch(key, name, { origin, records: chunk })]);
  }
  if (sealed.length > 0) doc.transact(() => {
    const map = batchMap(doc);
    for (const [name, bytes] of sealed) map.set(name, bytes);
  }, txOrigin);
  return sealed.map(([name]) => name);
}

export interface OpenedBatch {
  name: string;
  batch: Batch;
}

export interface UnreadableBatch {
  name: string;
  error: Error;
}

/**
 * Opens every batch of the document whose name is not in `seen` (and adds it there). A batch
 * that does not open is reported, not thrown, so one bad batch does not hold back the rest.
 */
export async function openNewBatches(doc: Y.Doc, key: CryptoKey, seen: Set<string>): Promise<{ opened: OpenedBatch[]; unreadable: UnreadableBatch[] }> {
  const opened: OpenedBatch[] = [];
  const unreadable: UnreadableBatch[] = [];
  for (const [name, sealed] of batchMap(doc).entries()) {
    if (seen.has(name)) continue;
    seen.add(name);
    try {
      opened.push({ name, batch: await openBatch(key, name, sealed) });
    } catch (e) {
      unreadable.push({ name, error: e instanceof Error ? e : new Error(String(e)) });
    }
  }
  return { opened, unreadable };
}
