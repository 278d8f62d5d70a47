import { RecordUnion } from '../../domain/devices/recordUnion';
import type { DeviceRecord } from '../../domain/devices/records';
import { deriveRecordKey } from '../../domain/devices/sealedBatch';
import { applyRecords, readLocalRecords, REPLICATED_TABLES } from '../../store/deviceRecordsRepo';
import { live } from '../../store/live';
import { db } from '../../store/db';
import { removePairing, thisDevice, type PairedDevice } from '../../store/pairingsRepo';
import { LOCAL_ORIGIN, openPairedDoc, type PairedDoc } from '../../sync/devices/pairedDoc';
import { openNewBatches, publishRecords } from '../../sync/devices/recordDoc';

/**
 * The exchange with one paired device. Everything this browser holds goes into the pairing's
 * document as sealed batches (only the records the document does not hold yet); every batch
 * that arrives is opened and its records are written into the tables by the store's merge by id.
 * Pushing and pulling take turns on one queue, so a record is never published twice by one tab.
 */
export interface ExchangeStatus {
  pairingId: string;
  connected: boolean;
  /** Records this device put into the pairing's document (this session and before). */
  sent: number;
  /** Records the other side made that were opened here. */
  received: number;
  /** Batches that did not open (another key, or changed on the way), with the reason. */
  refused: string[];
  /** Resolutions waiting for their bet to arrive. */
  waiting: number;
}

export interface Exchange {
  status(): ExchangeStatus;
  onStatus(f: (s: ExchangeStatus) => void): () => void;
  /** Stops exchanging; `leave`: also tells the other device (unpair) and forgets the document. */
  stop(leave: boolean): Promise<void>;
}

/** Any write to a replicated table, in any tab: the cue to push. */
function observeTables() {
  return live(async () => {
    const d = db();
    return Promise.all(REPLICATED_TABLES.map((t) => d.table(t).count()));
  });
}

export async function startExchange(pairing: PairedDevice): Promise<Exchange> {
  const { deviceId } = await thisDevice();
  const key = await deriveRecordKey(pairing.secret, pairing.id);
  const paired: PairedDoc = openPairedDoc(pairing.id, { transport: pairing.transport, server: pairing.server, room: pairing.id, password: pairing.secret });
  const union = new RecordUnion();
  const seen = new Set<string>();
  let waiting: DeviceRecord[] = [];
  const status: ExchangeStatus = { pairingId: pairing.id, connected: false, sent: 0, received: 0, refused: [], waiting: 0 };
  const listeners = new Set<(s: ExchangeStatus) => void>();
  const emit = () => {
    status.connected = paired.connected();
    status.waiting = waiting.length;
    listeners.forEach((f) => f({ ...status }));
  };
  let stopped = false;
  let queue = Promise.resolve();
  const enqueue = (job: () => Promise<void>) => {
    queue = queue.then(() => (stopped ? undefined : job())).catch((e) => {
      status.refused.push(e instanceof Error ? e.message : String(e));
      emit();
    });
  };

  const pull = async () => {
    const { opened, unreadable } = await openNewBatches(paired.doc, key, seen);
    for (const u of unreadable) status.refused.push(u.error.message);
    const fresh: DeviceRecord[] = [];
    for (const { batch } of opened) {
      const added = union.add(batch.records);
      if (batch.origin === deviceId) status.sent += added.length;
      else {
        status.received += added.length;
        fresh.push(...added);
      }
    }
    if (fresh.length > 0 || waiting.length > 0) {
      const applied = await applyRecords([...waiting, ...fresh]);
      waiting = applied.waiting;
    }
    if (paired.leftDevices().includes(pairing.peer.deviceId)) await removePairing(pairing.id);
    emit();
  };
  const push = async () => {
    const local = await readLocalRecords(deviceId);
    const missing = local.filter((r) => !union.has(r));
    if (missing.length === 0) return;
    union.add(missing);
    await publishRecords(paired.doc, key, deviceId, missing, LOCAL_ORIGIN);
    status.sent += missing.length;
    emit();
  };

  await paired.whenLoaded;
  const offChange = paired.onChange((remote) => {
    if (remote) enqueue(pull);
    else emit();
  });
  enqueue(pull);
  const tables = observeTables().subscribe({ next: () => enqueue(push) });
  return {
    status: () => ({ ...status, connected: paired.connected(), waiting: waiting.length }),
    onStatus: (f) => (listeners.add(f), () => listeners.delete(f)),
    stop: async (leave) => {
      stopped = true;
      tables.unsubscribe();
      offChange();
      await queue;
      if (leave) paired.leave(deviceId);
      await paired.destroy(leave);
    },
  };
}
