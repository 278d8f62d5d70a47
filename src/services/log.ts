/**
 * The governed log, for pages and other services (DOMAIN.md section 5).
 *
 * Writing (from a repository in src/store, so the change and its entry share a transaction):
 *
 *   import { withGovernedLog } from './logRepo';
 *   await withGovernedLog(['bets', 'betEvents'], async (log) => {
 *     await db().bets.add(row);
 *     log.append({ kind: 'bet_placed', at: row.placedAt, payload: { betId: row.id } });
 *   });
 *
 * From a service with nothing else to write: `appendGoverned(event)`.
 * Reading, verifying, proofs and dossiers: the functions below.
 */
import type { StoredLogEntry } from '../domain/ledger/logEntry';
import type { SignedTreeHead } from '../domain/ledger/treeHead';
import { observeLatestHead } from '../store/headsRepo';
import { appendGoverned, countKinds, observeLogTail, readLogPage, readLogPageOfKinds, type LogTail } from '../store/logRepo';
import { LOG_KINDS, type LogKind } from '../domain/ledger/logEntry';
import type { Live } from '../store/live';
import { observeSetting } from '../store/settingsRepo';
import { VERIFICATION_KEY, lastVerification, verifyLogNow, type VerificationRecord } from './governance/ledger';

export type { LogTail, SignedTreeHead, StoredLogEntry, VerificationRecord };
export { appendGoverned, lastVerification, verifyLogNow };
export { checkDossier, exportDossier, proveInclusion, DOSSIER_WINDOW, LedgerRequestError } from './governance/proofs';
export type { Dossier, DossierVerdict, DossierWindow, InclusionView } from './governance/proofs';
export { ethicsHeaderJson, computeEthicsHeader, ETHICS_PATH } from './governance/ethics';
export type { EthicsHeader, InvariantName } from '../domain/governance/ethicsHeader';
export { INVARIANT_NAMES } from '../domain/governance/invariantProbes';
import { ETHICS_PATH, ethicsHeaderJson } from './governance/ethics';

export function logTail(): Live<LogTail> {
  return observeLogTail();
}

export function signedHead(): Live<SignedTreeHead | null> {
  return observeLatestHead();
}

export function verification(): Live<VerificationRecord | null> {
  return observeSetting<VerificationRecord | null>(VERIFICATION_KEY, null);
}

export { DEFAULT_LOG_KINDS, HOUSEKEEPING_KINDS, KIND_GROUPS, parseKinds } from '../domain/governance/logKinds';
export type { LogKind };

/** A page of entries, newest first, ending at seq `before - 1` (no full read of a big log). */
export function logPage(before: number, size: number): Promise<StoredLogEntry[]> {
  return readLogPage(before - 1, size);
}

/** Up to `size` entries of `kinds` older than seq `before`, newest first. */
export function logPageOfKinds(before: number, size: number, kinds: readonly LogKind[]): Promise<StoredLogEntry[]> {
  return kinds.length === LOG_KINDS.length ? readLogPage(before - 1, size) : readLogPageOfKinds(before, size, kinds);
}

/** Entries per kind (of every kind by default), for the filter's counts: each walks its kind's entries. */
export function logKindCounts(kinds: readonly LogKind[] = LOG_KINDS): Promise<Record<string, number>> {
  return countKinds(kinds);
}

/**
 * The ethics header for a page: from the service worker when it controls the page (it reads
 * the whole log off the page's thread), else computed here from the same store.
 */
export async function ethicsHeaderText(): Promise<string> {
  if (globalThis.navigator?.serviceWorker?.controller) {
    try {
      const res = await fetch(ETHICS_PATH, { cache: 'no-store' });
      if (res.ok) return await res.text();
    } catch {
      // fall through: compute it here
    }
  }
  return ethicsHeaderJson();
}
