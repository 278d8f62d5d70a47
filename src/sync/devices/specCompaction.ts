import * as Y from 'yjs';
import { specDocId, type DeviceRecord, type SpecDocBody } from '../../domain/devices/records';

/**
 * Spec text travels between paired devices as one `specDoc` record (a Yjs update) per spec and
 * push, each sealed into a batch of the pairing's document; left alone, that document grows with
 * every edit. A device replaces its own spec-text batches, once there are enough of them, by one
 * snapshot per spec: Y.mergeUpdates of every update it made to that spec. A merged update holds
 * every insertion and deletion of the updates it merges (Yjs applies updates in any order and any
 * number of times), so a device that opens the snapshot holds the same text, whether it opened
 * some of the replaced batches, all of them or none.
 */
export function mergeSpecRecords(records: readonly DeviceRecord[]): DeviceRecord[] {
  const bySpec = new Map<string, { origin: string; updates: Uint8Array[]; records: DeviceRecord[] }>();
  const out: DeviceRecord[] = [];
  for (const r of records) {
    const body = r.body as SpecDocBody;
    if (r.kind !== 'specDoc' || typeof body.specId !== 'string' || !(body.update instanceof Uint8Array)) {
      out.push(r);
      continue;
    }
    const held = bySpec.get(body.specId) ?? { origin: r.origin, updates: [], records: [] };
    held.updates.push(body.update);
    held.records.push(r);
    bySpec.set(body.specId, held);
  }
  for (const [specId, { origin, updates, records: mine }] of bySpec) {
    if (mine.length === 1) {
      out.push(mine[0]!);
      continue;
    }
    let update: Uint8Array;
    try {
      update = Y.mergeUpdates(updates);
    } catch {
      // An update Yjs cannot read: these records stay as they are.
      out.push(...mine);
      continue;
    }
    const body: SpecDocBody = { specId, update };
    out.push({ kind: 'specDoc', id: specDocId(specId, update), origin, body });
  }
  return out;
}
