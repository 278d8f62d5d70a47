import { RecordUnion } from '../../domain/devices/recordUnion';
import type { DeviceRecord } from '../../domain/devices/records';
import { deriveRecordKey } from '../../domain/devices/sealedBatch';
import { buildStatement, statementId, verifyStatements, type DeviceLogVerdict, type LogStatement } from '../../domain/devices/logStatement';
import { applyRecords, readLocalRecords, readLogForStatement, REPLICATED_TABLES } from '../../store/deviceRecordsRepo';
import { deviceKey } from '../../store/deviceKeyRepo';
import { observeLatestHead } from '../../store/headsRepo';
import { raiseScarOnce } from '../scars';
import { defaultName } from './pairing';
import { live } from '../../store/live';
import { db } from '../../store/db';
import { removePairing, thisDevice, type PairedDevice } from '../../store/pairingsRepo';
import { LOCAL_ORIGIN, openPairedDoc, type PairedDoc } from '../../sync/devices/pairedDoc';
import { openNewBatches, publishRecords } from '../../sync/devices/recordDoc';
import { openSpecMirror } from '../../sync/devices/specMirror';
import { allSpecIds } from '../../store/specsRepo';

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
  /** The other device's log, checked from its statements before its records are accepted. */
  log: DeviceLogVerdict;
  /** Records of the other device held back until its log verifies. */
  heldBack: number;
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
  /** Spec text travels as Yjs updates (specDoc records) between the specs and the union. */
  const specs = openSpecMirror();
  const seen = new Set<string>();
  let waiting: DeviceRecord[] = [];
  const status: ExchangeStatus = {
    pairingId: pairing.id,
    connected: false,
    sent: 0,
    received: 0,
    refused: [],
    waiting: 0,
    log: { state: 'waiting', reason: 'it has not sent a statement about its log yet' },
    heldBack: 0,
  };
  /** The other device's records, until its log verifies. */
  let held: DeviceRecord[] = [];
  let published: { size: number; root: string } | null = null;
  /** Statements this device made (by id): one is published again only when what it says changed. */
  const stated = new Set<string>();
  let lastSaid: { size: number; recomputed: string } | undefined;
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

  const peerStatements = (): LogStatement[] => {
    const out: LogStatement[] = [];
    for (const r of union.records()) if (r.kind === 'logStatement' && r.origin === pairing.peer.deviceId) out.push(r.body as unknown as LogStatement);
    return out;
  };
  const pull = async () => {
    const { opened, unreadable } = await openNewBatches(paired.doc, key, seen);
    for (const u of unreadable) status.refused.push(u.error.message);
    for (const { batch } of opened) {
      const added = union.add(batch.records);
      if (batch.origin === deviceId) {
        status.sent += added.length;
        await specs.absorb(added);
        for (const r of added) {
          if (r.kind !== 'logStatement') continue;
          stated.add(r.id);
          const body = r.body as unknown as LogStatement;
          if (!lastSaid || body.head.size >= lastSaid.size) lastSaid = { size: body.head.size, recomputed: body.recomputedRoot };
          published = newer(published, body);
        }
      } else if (batch.origin === pairing.peer.deviceId) {
        status.received += added.length;
        held.push(...added.filter((r) => r.kind !== 'logStatement'));
      } else status.refused.push(`a batch names device ${batch.origin}, which is not ${pairing.peer.name}: left out`);
    }
    // Its records are accepted only while its signed log verifies (RFC 9162 consistency proofs).
    status.log = await verifyStatements(peerStatements(), pairing.peer.ledgerKey);
    if (status.log.state === 'verified' && (held.length > 0 || waiting.length > 0)) {
      await specs.absorb(held);
      const applied = await applyRecords([...waiting, ...held]);
      held = [];
      waiting = applied.waiting;
    }
    if (status.log.state === 'failed') {
      await raiseScarOnce({
        id: `device-log-${pairing.peer.deviceId}-${status.log.size}`,
        locus: { kind: 'area', ref: `device ${pairing.peer.name}` },
        trigger: 'ledger_verification_failed',
        severity: 0.8,
        description: `the log of paired device ${pairing.peer.name} does not verify: ${status.log.reason}; its new records are held back`,
      });
    }
    status.heldBack = held.length;
    if (paired.leftDevices().includes(pairing.peer.deviceId)) await removePairing(pairing.id);
    emit();
  };
  /**
   * This device's statement about its log, made from what it stores now: published when its
   * head changed, and also when its stored entries no longer give the same root (a log changed
   * in storage), so the other device sees what this one holds rather than what it once said.
   */
  const statement = async (): Promise<DeviceRecord[]> => {
    const { heads, entries } = await readLogForStatement();
    if (!heads.some((h) => h.size > 0)) return [];
    const made = await buildStatement({ device: deviceId, name: await defaultName(), publicKey: (await deviceKey()).publicKeyJwk, heads, entries, previous: published, at: Date.now() });
    if (!made) return [];
    const id = statementId(made);
    // The same head over the same stored entries: nothing new to say.
    if (stated.has(id) || (lastSaid?.size === made.head.size && lastSaid.recomputed === made.recomputedRoot)) return [];
    lastSaid = { size: made.head.size, recomputed: made.recomputedRoot };
    stated.add(id);
    published = { size: made.head.size, root: made.head.root };
    return [{ kind: 'logStatement', id, origin: deviceId, body: made as unknown as DeviceRecord['body'] }];
  };
  const push = async () => {
    const local = [...(await readLocalRecords(deviceId)), ...(await statement())];
    const missing = local.filter((r) => !union.has(r));
    if (missing.length === 0) return;
    union.add(missing);
    await publishRecords(paired.doc, key, deviceId, missing, LOCAL_ORIGIN);
    status.sent += missing.length;
    emit();
  };
  /** What the specs hold that the union lacks (an edit, a new spec): one record per spec. */
  let specsQueued = false;
  const pushSpecs = () => {
    if (specsQueued) return;
    specsQueued = true;
    enqueue(async () => {
      specsQueued = false;
      const news = (await specs.news(deviceId, await allSpecIds())).filter((r) => !union.has(r));
      if (news.length === 0) return;
      union.add(news);
      await publishRecords(paired.doc, key, deviceId, news, LOCAL_ORIGIN);
      status.sent += news.length;
      emit();
    });
  };

  await paired.whenLoaded;
  const offChange = paired.onChange((remote) => {
    if (remote) enqueue(pull);
    else emit();
  });
  enqueue(pull);
  const tables = observeTables().subscribe({ next: () => (enqueue(push), pushSpecs()) });
  const offSpecs = specs.onLocalChange(pushSpecs);
  const heads = observeLatestHead().subscribe({ next: () => enqueue(push) });
  return {
    status: () => ({ ...status, connected: paired.connected(), waiting: waiting.length, heldBack: held.length }),
    onStatus: (f) => (listeners.add(f), () => listeners.delete(f)),
    stop: async (leave) => {
      stopped = true;
      tables.unsubscribe();
      heads.unsubscribe();
      offChange();
      offSpecs();
      await queue;
      specs.destroy();
      if (leave) paired.leave(deviceId);
      await paired.destroy(leave);
    },
  };
}

function newer(current: { size: number; root: string } | null, s: LogStatement): { size: number; root: string } {
  return current && current.size >= s.head.size ? current : { size: s.head.size, root: s.head.root };
}
