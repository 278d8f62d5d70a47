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

/** Names of the document's batches. */
export function batchNames(doc: Y.Doc): string[] {
  return [...batchMap(doc).keys()];
}

/**
 * A copy of one batch's bytes, or undefined. (Yjs keeps a batch as a view into the update it
 * arrived in; a copy moves only the batch to a worker, not the whole update.)
 */
export function batchBytes(doc: Y.Doc, name: string): Uint8Array | undefined {
  const v = batchMap(doc).get(name);
  return v instanceof Uint8Array ? v.slice() : undefined;
}

/** Writes sealed batches and removes the batches they replace, in one transaction. */
export function replaceBatches(doc: Y.Doc, batches: readonly { name: string; bytes: Uint8Array }[], removed: readonly string[], txOrigin: unknown = null): void {
  if (batches.length === 0 && removed.length === 0) return;
  doc.transact(() => {
    const map = batchMap(doc);
    for (const { name, bytes } of batches) map.set(name, bytes);
    for (const name of removed) map.delete(name);
  }, txOrigin);
}

/** Writes sealed batches (already named) in one transaction. */
export function writeBatches(doc: Y.Doc, batches: readonly { name: string; bytes: Uint8Array }[], txOrigin: unknown = null): void {
  if (batches.length === 0) return;
  doc.transact(() => {
    const map = batchMap(doc);
    for (const { name, bytes } of batches) map.set(name, bytes);
  }, txOrigin);
}
