import type { LogVerification } from '../../domain/ledger/verifyLog';
import type { SignedTreeHead } from '../../domain/ledger/treeHead';
import { encodeChunk, ledgerWorker } from '../../ledgerClient/client';
import { devicePublicKeyJwk } from '../../store/deviceKeyRepo';
import { latestHead, scheduleHeadRefresh } from '../../store/headsRepo';
import { logSize, readLogFrom } from '../../store/logRepo';
import { getSetting, setSetting } from '../../store/settingsRepo';
import { raiseScarOnce } from '../scars';

/**
 * Whole-log verification in the ledger worker. The page streams the store to the worker in
 * chunks (so reading 100k entries never holds the thread), the worker recomputes every leaf
 * hash and the root and checks them against the latest signed head. Worker calls are queued
 * one at a time: a proof must never read a half-loaded log.
 */

export const VERIFICATION_KEY = 'ledger.verification';
const CHUNK = 5000;

export interface VerificationRecord extends LogVerification {
  /** Epoch ms when it ran. */
  at: number;
  trigger: 'startup' | 'manual';
  /** The head it was checked against (null: nothing signed yet). */
  head: SignedTreeHead | null;
}

let queue: Promise<unknown> = Promise.resolve();

/** Runs worker jobs one after another. */
export function inWorker<T>(job: () => Promise<T>): Promise<T> {
  const next = queue.catch(() => undefined).then(job);
  queue = next;
  return next;
}

/** Loads entries the worker has not seen yet (the log only grows); `fresh` re-reads everything. */
async function sync(fresh: boolean): Promise<number> {
  const w = ledgerWorker();
  if (fresh) await w.reset();
  let loaded = await w.loaded();
  for (;;) {
    const rows = await readLogFrom(loaded, CHUNK);
    if (rows.length === 0) return loaded;
    loaded = await w.load(encodeChunk(rows));
    if (rows.length < CHUNK) return loaded;
  }
}

/** Makes sure the worker holds every entry (for proofs and dossiers) and returns the head to use. */
export function withLoadedLog<T>(job: (head: SignedTreeHead | null) => Promise<T>): Promise<T> {
  return inWorker(async () => {
    const head = await latestHead();
    await sync(false);
    return job(head);
  });
}

/**
 * Verifies the whole log against the latest signed head, records the result for every tab
 * (the proof dial), and on a mismatch leaves one scar for that mismatch.
 */
export async function verifyLogNow(trigger: VerificationRecord['trigger'] = 'manual'): Promise<VerificationRecord> {
  // Sign whatever was appended before checking; a log that disagrees with its head is not re-signed.
  await scheduleHeadRefresh().catch(() => null);
  const record = await inWorker(async () => {
    // The head first: every entry it covers was committed before it was signed.
    const head = await latestHead();
    const jwk = await devicePublicKeyJwk();
    const loaded = await sync(true);
    const at = Date.now();
    if (!head || !jwk) {
      const ok = loaded === 0;
      const reason = ok ? 'the log is empty' : `${loaded} entries but no signed head to check them against`;
      return { ok, size: loaded, root: '', reason, at, trigger, head } satisfies VerificationRecord;
    }
    const result = await ledgerWorker().verify(head, jwk);
    return { ...result, at, trigger, head } satisfies VerificationRecord;
  });
  await setSetting(VERIFICATION_KEY, record);
  if (!record.ok) await scarForMismatch(record);
  return record;
}

async function scarForMismatch(r: VerificationRecord): Promise<void> {
  const where = r.firstBadSeq === undefined ? 'root' : `entry-${r.firstBadSeq}`;
  await raiseScarOnce({
    id: `ledger-${r.head?.size ?? 0}-${where}`,
    locus: { kind: 'governance', ref: 'signed log' },
    trigger: 'ledger_verification_failed',
    severity: 0.8,
    description: `log verification failed: ${r.reason}`,
    at: r.at,
  });
}

export function lastVerification(): Promise<VerificationRecord | null> {
  return getSetting<VerificationRecord | null>(VERIFICATION_KEY, null);
}

export async function currentLogSize(): Promise<number> {
  return logSize();
}
