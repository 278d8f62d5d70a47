import type { SignedTreeHead } from '../../domain/ledger/treeHead';
import { ledgerWorker, type LogCheck } from '../../ledgerClient/client';
import { devicePublicKeyJwk } from '../../store/deviceKeyRepo';
import { latestHead, scheduleHeadRefresh } from '../../store/headsRepo';
import { logSize } from '../../store/logRepo';
import { getSetting, setSetting } from '../../store/settingsRepo';
import { raiseScarOnce } from '../scars';

/**
 * Checking the log in the ledger worker (store/logVerification.ts says exactly what each
 * check covers). At start-up only the entries appended since the last verified head are
 * hashed, with a consistency proof from that head to the newest; the full check re-hashes
 * every entry: when a person asks (Log page), after a restore, and on a schedule
 * (FULL_CHECK_EVERY), so an edit to an old entry, which the start-up check cannot see, is
 * named within that time. Worker calls are queued one at a time.
 */

export const VERIFICATION_KEY = 'ledger.verification';
/** How old the last full check may get before one runs by itself (at start-up or while a page is open). */
export const FULL_CHECK_EVERY = 60 * 60_000;

export type VerificationTrigger = 'startup' | 'manual' | 'scheduled';

export interface VerificationRecord extends Omit<LogCheck, 'head'> {
  /** Epoch ms when it ran. */
  at: number;
  trigger: VerificationTrigger;
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

/** The latest signed head, for a job that needs the worker (proofs, dossiers), queued behind checks. */
export function withSignedHead<T>(job: (head: SignedTreeHead | null) => Promise<T>): Promise<T> {
  return inWorker(async () => job(await latestHead()));
}

/**
 * Checks the log against the latest signed head (the start-up check at start-up, else the
 * full one), records the result for every tab (the proof dial), and on a mismatch leaves one
 * scar for that mismatch.
 */
export async function verifyLogNow(trigger: VerificationTrigger = 'manual'): Promise<VerificationRecord> {
  // Sign whatever was appended before checking; a log that disagrees with its head is not re-signed.
  // The key is read meanwhile (each read may wait behind a page's big ones); a device's first
  // head creates its key, so a key not there yet is read again after.
  // The worker starts now, so that its script loads while the head is signed.
  const worker = ledgerWorker();
  const key = devicePublicKeyJwk();
  await scheduleHeadRefresh().catch(() => null);
  const jwk = (await key) ?? (await devicePublicKeyJwk());
  const check = await inWorker(() => (trigger === 'startup' ? worker.startupCheck(jwk) : worker.fullCheck(jwk)));
  const record: VerificationRecord = { ...check, at: Date.now(), trigger };
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

let scheduled: ReturnType<typeof setInterval> | undefined;

/**
 * Runs the full check whenever the last one is older than FULL_CHECK_EVERY: now if it is due
 * (in the worker, after the page has painted), then looking again every few minutes while the
 * page stays open. Once per page.
 */
export function scheduleFullChecks(now: () => number = Date.now): void {
  if (scheduled !== undefined) return;
  const due = async () => {
    const last = await lastVerification();
    // A failed check stays failed until a person looks (and start-up checks everything then).
    if (last?.ok && typeof last.fullAt === 'number' && now() - last.fullAt >= FULL_CHECK_EVERY) await verifyLogNow('scheduled');
  };
  const run = () => void due().catch((err: unknown) => console.warn('scheduled log check failed:', err instanceof Error ? err.message : err));
  scheduled = setInterval(run, Math.min(FULL_CHECK_EVERY, 5 * 60_000));
  run();
}

export function lastVerification(): Promise<VerificationRecord | null> {
  return getSetting<VerificationRecord | null>(VERIFICATION_KEY, null);
}

export async function currentLogSize(): Promise<number> {
  return logSize();
}
