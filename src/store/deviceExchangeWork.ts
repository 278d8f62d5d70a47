import { RecomputedLog, statementId, verifyStatements, type DeviceLogVerdict, type LogStatement } from '../domain/devices/logStatement';
import { RecordUnion } from '../domain/devices/recordUnion';
import { kindOrder, type DeviceRecord } from '../domain/devices/records';
import { deriveRecordKey, newBatchName, openBatch, sealBatch, splitRecords } from '../domain/devices/sealedBatch';
import { deviceKey } from './deviceKeyRepo';
import { applyRecords, readLocalRecords, readLogChunk, readLogState } from './deviceRecordsRepo';

/**
 * The heavy half of the exchange with one paired device, written to run in a worker
 * (workers/devices.worker.ts) so the page never holds its thread for it: opening sealed
 * batches, the union of records held, the other device's log statements and their check,
 * writing its records into the tables, reading this device's records, working out what the
 * pairing's document lacks, and sealing it. The page keeps the Yjs document and the
 * connection, and moves only sealed bytes and small counts to and from here.
 */
export interface ExchangeSetup {
  pairingId: string;
  secret: string;
  deviceId: string;
  peer: { deviceId: string; name: string; ledgerKey?: JsonWebKey };
}

export interface NamedBatch {
  name: string;
  bytes: Uint8Array;
}

export interface SealedOut extends NamedBatch {
  /** Records sealed in it. */
  records: number;
}

export interface WorkState {
  /** Records this device put into the pairing's document (this session and before). */
  sent: number;
  /** Records of the other device that were new here. */
  received: number;
  /** Batches that did not open, and other refusals, with the reason. */
  refused: string[];
  /** Resolutions waiting for their bet to arrive. */
  waiting: number;
  log: DeviceLogVerdict;
  /** Records of the other device held back until its log verifies. */
  heldBack: number;
  /** Records found missing from the document and not sealed yet. */
  toSeal: number;
  /** Batches of this device's spec text in the document, each replaced by a snapshot in time (compact). */
  specBatches: number;
}

export interface OpenOutcome extends WorkState {
  /** Names among those opened that this device sealed (from an earlier session). */
  own: string[];
  /** Records in the opened batches of other devices (new here or not). */
  opened: number;
  /**
   * Spec text (specDoc records) for the page's specs: this device's own from an earlier session
   * (so it is not sent again) and the other device's once accepted.
   */
  specDocs: DeviceRecord[];
}

/**
 * Records written into the tables per transaction. Every commit wakes every live query of the
 * app (counts, the learner's feed), so fewer, larger ones finish a first exchange sooner; the
 * page's progress still moves every few seconds.
 */
const APPLY_CHUNK = 10_000;

export class ExchangeWork {
  private readonly union = new RecordUnion();
  private readonly peerStatements: LogStatement[] = [];
  private statementsChanged = false;
  private held: DeviceRecord[] = [];
  private waiting: DeviceRecord[] = [];
  private pending: DeviceRecord[][] = [];
  private sent = 0;
  private received = 0;
  private readonly refused: string[] = [];
  private log: DeviceLogVerdict = { state: 'waiting', reason: 'it has not sent a statement about its log yet' };
  /**
   * Runs (by id) a later plan does not read from the table again: those read in this session,
   * and those held in the union from the document (received, or sealed here before), which the
   * document holds already. Without the latter, every step of a first exchange that wrote
   * received runs made the next plan read the whole runs table again (up to 100k rows per step).
   */
  private readonly knownRuns = new Set<string>();
  /** This device's statements (by id), the newest head it stated, and what it said last. */
  private readonly stated = new Set<string>();
  private published: { size: number; root: string } | null = null;
  private lastSaid: { size: number; recomputed: string } | undefined;
  /** This device's batches in the document that hold spec text only, by name: what `compact` replaces. */
  private readonly specBatches = new Map<string, DeviceRecord[]>();
  /** Leaves recomputed from this device's stored entries: a new statement hashes only new entries. */
  private readonly recomputed = new RecomputedLog();

  private constructor(
    private readonly setup: ExchangeSetup,
    private readonly key: CryptoKey,
  ) {}

  static async start(setup: ExchangeSetup): Promise<ExchangeWork> {
    return new ExchangeWork(setup, await deriveRecordKey(setup.secret, setup.pairingId));
  }

  state(): WorkState {
    return {
      sent: this.sent,
      received: this.received,
      refused: [...this.refused],
      waiting: this.waiting.length,
      log: this.log,
      heldBack: this.held.length,
      toSeal: this.pending.reduce((n, b) => n + b.length, 0),
      specBatches: this.specBatches.size,
    };
  }

  /**
   * Opens batches of the document, adds their records to the union, and writes the other
   * device's records into the tables while its log verifies (else holds them back).
   */
  async open(batches: readonly NamedBatch[]): Promise<OpenOutcome> {
    const { deviceId, peer } = this.setup;
    const own: string[] = [];
    const specDocs: DeviceRecord[] = [];
    let opened = 0;
    for (const { name, bytes } of batches) {
      let batch;
      try {
        batch = await openBatch(this.key, name, bytes);
      } catch (e) {
        this.refused.push(e instanceof Error ? e.message : String(e));
        continue;
      }
      const added = this.union.add(batch.records);
      for (const r of added) if (r.kind === 'run') this.knownRuns.add(r.id);
      if (batch.origin === deviceId) {
        own.push(name);
        this.sent += added.length;
        if (batch.records.length > 0 && batch.records.every((r) => r.kind === 'specDoc')) this.specBatches.set(name, batch.records);
        for (const r of added) {
          if (r.kind === 'logStatement') this.noteOwnStatement(r);
          else if (r.kind === 'specDoc') specDocs.push(r);
        }
      } else if (batch.origin === peer.deviceId) {
        opened += batch.records.length;
        this.received += added.length;
        for (const r of added) {
          if (r.kind === 'logStatement') {
            this.peerStatements.push(r.body as unknown as LogStatement);
            this.statementsChanged = true;
          } else this.held.push(r);
        }
      } else this.refused.push(`a batch names device ${batch.origin}, which is not ${peer.name}: left out`);
    }
    // Its records are accepted only while its signed log verifies (RFC 9162 consistency proofs).
    if (this.statementsChanged) {
      this.statementsChanged = false;
      this.log = await verifyStatements(this.peerStatements, peer.ledgerKey);
    }
    if (this.log.state === 'verified' && (this.held.length > 0 || this.waiting.length > 0)) {
      for (const r of this.held) if (r.kind === 'specDoc') specDocs.push(r);
      await this.applyHeld();
    }
    return { ...this.state(), own, opened, specDocs };
  }

  private noteOwnStatement(r: DeviceRecord): void {
    this.stated.add(r.id);
    const body = r.body as unknown as LogStatement;
    if (!this.lastSaid || body.head.size >= this.lastSaid.size) this.lastSaid = { size: body.head.size, recomputed: body.recomputedRoot };
    if (!this.published || this.published.size < body.head.size) this.published = { size: body.head.size, root: body.head.root };
  }

  /** Held records into the tables, in chunks, what others depend on first (bets before their resolutions). */
  private async applyHeld(): Promise<void> {
    const all = [...this.waiting, ...this.held].sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind));
    this.held = [];
    this.waiting = [];
    const waiting: DeviceRecord[] = [];
    for (let i = 0; i < all.length; i += APPLY_CHUNK) waiting.push(...(await applyRecords(all.slice(i, i + APPLY_CHUNK))).waiting);
    // A resolution can come in an earlier chunk than its bet when both arrived together.
    this.waiting = waiting.length > 0 && waiting.length < all.length ? (await applyRecords(waiting)).waiting : waiting;
  }

  /**
   * Works out what the document lacks of this device's records (and, when its log changed, a new
   * statement about it, put first so the other device can check its log before the rest
   * arrives); returns how many records that is. They are sealed by `seal`.
   */
  async plan(name: string, logChanged: boolean): Promise<number> {
    const { deviceId } = this.setup;
    const statement = logChanged ? await this.statement(name) : [];
    const local = await readLocalRecords(deviceId, { knownRun: (id) => this.knownRuns.has(id) });
    for (const r of local) if (r.kind === 'run') this.knownRuns.add(r.id);
    const missing = [...statement, ...local.filter((r) => !this.union.has(r))];
    if (missing.length === 0) return 0;
    // Held from now on: a plan made before these are sealed does not count them again.
    this.union.add(missing);
    this.pending.push(...splitRecords(missing));
    return missing.length;
  }

  /** Records made elsewhere on this device (spec text from the page's specs): those not held join what is to be sealed. */
  offer(records: readonly DeviceRecord[]): number {
    const missing = records.filter((r) => !this.union.has(r));
    if (missing.length === 0) return 0;
    this.union.add(missing);
    this.pending.push(...splitRecords(missing));
    return missing.length;
  }

  /** Seals up to `max` batches of what `plan` found missing. */
  async seal(max: number): Promise<SealedOut[]> {
    const out: SealedOut[] = [];
    while (out.length < max && this.pending.length > 0) {
      const records = this.pending.shift()!;
      const name = newBatchName(records.length);
      out.push({ name, bytes: await sealBatch(this.key, name, { origin: this.setup.deviceId, records }), records: records.length });
      this.sent += records.length;
      if (records.every((r) => r.kind === 'specDoc')) this.specBatches.set(name, records);
    }
    return out;
  }

  /**
   * Once this device has `min` batches of spec text in the document, replaces them: `merge`
   * makes one snapshot record per spec of their records (sync/devices/specCompaction.ts, Yjs's
   * mergeUpdates), sealed into new batches; the caller writes those and removes `removed` from
   * the document in one transaction. The other device's batches are its own to compact.
   */
  async compact(min: number, merge: (records: readonly DeviceRecord[]) => DeviceRecord[]): Promise<{ sealed: SealedOut[]; removed: string[] }> {
    if (this.specBatches.size < Math.max(2, min)) return { sealed: [], removed: [] };
    const removed = [...this.specBatches.keys()];
    const merged = merge([...this.specBatches.values()].flat());
    this.specBatches.clear();
    this.union.add(merged);
    const sealed: SealedOut[] = [];
    for (const records of splitRecords(merged)) {
      const name = newBatchName(records.length);
      sealed.push({ name, bytes: await sealBatch(this.key, name, { origin: this.setup.deviceId, records }), records: records.length });
      this.specBatches.set(name, records);
    }
    return { sealed, removed };
  }

  /**
   * This device's statement about its log, made from what it stores now: published when its
   * head changed, and also when its stored entries no longer give the same root (a log changed
   * in storage), so the other device sees what this one holds rather than what it once said.
   * The first one of this exchange hashes every stored entry; later ones only those appended
   * since (RecomputedLog says what that leaves to the next exchange's first statement).
   */
  private async statement(name: string): Promise<DeviceRecord[]> {
    const { heads, count, epoch } = await readLogState();
    if (!heads.some((h) => h.size > 0)) return [];
    const { deviceId } = this.setup;
    await this.recomputed.update(count, epoch, readLogChunk);
    const made = await this.recomputed.statement({ device: deviceId, name, publicKey: (await deviceKey()).publicKeyJwk, heads, entries: count, previous: this.published, at: Date.now() });
    if (!made) return [];
    const id = statementId(made);
    // The same head over the same stored entries: nothing new to say.
    if (this.stated.has(id) || (this.lastSaid?.size === made.head.size && this.lastSaid.recomputed === made.recomputedRoot)) return [];
    this.lastSaid = { size: made.head.size, recomputed: made.recomputedRoot };
    this.stated.add(id);
    this.published = { size: made.head.size, root: made.head.root };
    return [{ kind: 'logStatement', id, origin: deviceId, body: made as unknown as DeviceRecord['body'] }];
  }
}
