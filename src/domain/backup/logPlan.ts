import { entryLeafHash, type StoredLogEntry } from '../ledger/logEntry';
import { bytesEqual, fromHex } from '../ledger/bytes';
import { importPublicKeyJwk } from '../ledger/treeHead';
import { verifyLog } from '../ledger/verifyLog';
import type { BundleLog } from './bundle';

/** Whether the log in a bundle is intact, checked before anything of it is written. */
export interface BundleLogCheck {
  ok: boolean;
  reason: string;
}

/**
 * A bundle's log is trusted only as far as it verifies: against its latest signed head with
 * the key that signed it, or (no head: a crash before signing) entry by entry against the
 * leaf hashes sealed when each was appended.
 */
export async function checkBundleLog(log: BundleLog): Promise<BundleLogCheck> {
  const head = log.heads.reduce<BundleLog['heads'][number] | undefined>((a, h) => (!a || h.size > a.size ? h : a), undefined);
  if (head && log.signer) {
    let key: CryptoKey;
    try {
      key = await importPublicKeyJwk(log.signer);
    } catch {
      return { ok: false, reason: 'the public key in the backup is not a P-256 key' };
    }
    const v = await verifyLog(log.entries, head, key);
    return { ok: v.ok, reason: v.reason };
  }
  if (head) return { ok: false, reason: 'the backup has signed heads but not the key that signed them' };
  for (let i = 0; i < log.entries.length; i++) {
    const e = log.entries[i]!;
    if (e.seq !== i) return { ok: false, reason: `entry at position ${i} has seq ${e.seq}: an entry is missing or out of order` };
    let hash: Uint8Array;
    try {
      hash = await entryLeafHash(e);
    } catch {
      return { ok: false, reason: `entry ${i} is not canonical JSON` };
    }
    if (!bytesEqual(hash, fromHex(e.leafHash))) return { ok: false, reason: `entry ${i} no longer matches its leaf hash` };
  }
  return { ok: true, reason: log.entries.length === 0 ? 'the log is empty' : `all ${log.entries.length} entries match their leaf hashes (nothing was signed yet)` };
}

/** What restoring a bundle's log does to the local one. */
export type LogPlan =
  | { kind: 'same'; size: number }
  | { kind: 'append'; append: StoredLogEntry[] }
  | { kind: 'local-ahead'; local: number; incoming: number }
  | { kind: 'diverged'; at: number };

/**
 * An append-only log merges only by extension: the bundle's entries are appended when the
 * local log is a prefix of them; when the bundle's log is a prefix of the local one nothing is
 * needed; two logs that differ at some position cannot both be kept (a Merkle log has one
 * order), so the local log stays and the caller reports where they part.
 */
export function planLog(local: readonly { seq: number; leafHash: string }[], incoming: readonly StoredLogEntry[]): LogPlan {
  const common = Math.min(local.length, incoming.length);
  for (let i = 0; i < common; i++) {
    if (local[i]!.leafHash !== incoming[i]!.leafHash || local[i]!.seq !== incoming[i]!.seq) return { kind: 'diverged', at: i };
  }
  if (incoming.length > local.length) return { kind: 'append', append: incoming.slice(local.length) };
  if (incoming.length < local.length) return { kind: 'local-ahead', local: local.length, incoming: incoming.length };
  return { kind: 'same', size: local.length };
}
