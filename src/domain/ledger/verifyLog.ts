import { bytesEqual, fromHex, isHex, toHex } from './bytes';
import { entryLeafHash } from './logEntry';
import { MerkleTree } from './merkleTree';
import { verifyTreeHead } from './treeHead';
import type { Hash } from './bytes';
import type { StoredLogEntry } from './logEntry';
import type { SignedTreeHead } from './treeHead';

export type LogVerification = {
  readonly ok: boolean;
  /** Entries in the log as loaded. */
  readonly size: number;
  /** Recomputed root over all loaded entries (hex), the value to sign next. */
  readonly root: string;
  /** The first entry (by position) that is out of place or no longer matches its sealed leaf hash. */
  readonly firstBadSeq?: number;
  /** One sentence a person can act on. */
  readonly reason: string;
};

/**
 * Start-up check of the whole log against the latest signed head: the signature, the order
 * of entries, every entry against the leaf hash sealed when it was appended, and the root.
 * Entries appended after the head was signed (a crash between append and sign) are allowed:
 * the head must then match the prefix it covers.
 */
export async function verifyLog(
  entries: readonly StoredLogEntry[],
  sth: SignedTreeHead,
  publicKey: CryptoKey,
): Promise<LogVerification> {
  return (await verifyLogAndTree(entries, sth, publicKey)).verification;
}

/**
 * verifyLog, also handing back the tree it built over the leaf hashes recomputed from every
 * entry: when the verification is ok they equal the stored ones, so it is the log's tree and
 * the caller may keep it for inclusion proofs instead of hashing 100k leaves again.
 */
export async function verifyLogAndTree(
  entries: readonly StoredLogEntry[],
  sth: SignedTreeHead,
  publicKey: CryptoKey,
): Promise<{ verification: LogVerification; tree: MerkleTree }> {
  const signed = await verifyTreeHead(sth, publicKey);
  const hashes = await recomputeLeafHashes(entries);
  const tree = await MerkleTree.build(hashes.map((h) => h.hash ?? new Uint8Array(32)));
  return { verification: await judge(entries, sth, signed, hashes, tree), tree };
}

async function judge(
  entries: readonly StoredLogEntry[],
  sth: SignedTreeHead,
  signed: boolean,
  hashes: readonly Recomputed[],
  tree: MerkleTree,
): Promise<LogVerification> {
  const base = { size: entries.length, root: toHex(tree.root()) };
  const fail = (reason: string, firstBadSeq?: number): LogVerification =>
    firstBadSeq === undefined ? { ...base, ok: false, reason } : { ...base, ok: false, firstBadSeq, reason };

  if (!signed) return fail(SIGNATURE_FAILS);
  const problem = firstEntryProblem(entries, hashes, 0);
  if (problem) return fail(problem.reason, problem.firstBadSeq);
  if (entries.length < sth.size) return fail(removedReason(sth.size, entries.length));
  const signedRoot = toHex(await tree.prefixRoot(sth.size));
  if (signedRoot !== sth.root) return fail(rewrittenReason(sth.size));
  return { ...base, ok: true, reason: matchReason(entries.length, sth.size) };
}

/*
 * What a check of the log can find, in the words every check uses (whole or start-up), so a
 * person sees one sentence for one fault whichever check found it.
 */
export const SIGNATURE_FAILS = 'the signed tree head does not verify with this device key';
export const removedReason = (signed: number, held: number) =>
  `the head signed ${signed} entries but only ${held} are in the log: entries were removed`;
export const rewrittenReason = (signed: number) =>
  `the root of the first ${signed} entries differs from the signed root although every entry matches ` +
  'its stored leaf hash: leaf hashes were rewritten along with entries';
export const matchReason = (held: number, signed: number) =>
  held === signed
    ? `all ${held} entries match the signed root`
    : `the first ${signed} entries match the signed root; ${held - signed} newer entries are not signed yet`;

export type EntryProblem = { readonly firstBadSeq: number; readonly reason: string };

/**
 * The first of `entries` (which should be the log's entries from position `from` on) that is
 * out of place, no longer canonical JSON, or no longer matches the leaf hash sealed when it was
 * appended; `hashes` are their leaf hashes recomputed from their content.
 */
export function firstEntryProblem(entries: readonly StoredLogEntry[], hashes: readonly Recomputed[], from: number): EntryProblem | undefined {
  for (let k = 0; k < entries.length; k++) {
    const i = from + k;
    const e = entries[k] as StoredLogEntry;
    const h = hashes[k] as Recomputed;
    if (e.seq !== i) return { firstBadSeq: i, reason: `entry at position ${i} has seq ${e.seq}: an entry is missing or out of order` };
    if (h.hash === undefined) return { firstBadSeq: i, reason: `entry ${i} can no longer be written as canonical JSON: ${h.error}` };
    if (!isHex(e.leafHash, 32) || !bytesEqual(h.hash, fromHex(e.leafHash))) {
      return { firstBadSeq: i, reason: `entry ${i} was changed after it was appended (its content no longer matches its leaf hash)` };
    }
  }
  return undefined;
}

/**
 * Checks the entries from position `from` on: their recomputed leaf hashes, or the first
 * problem among them.
 */
export async function checkEntries(entries: readonly StoredLogEntry[], from: number): Promise<{ leaves: Hash[] } | { problem: EntryProblem }> {
  const hashes = await recomputeLeafHashes(entries);
  const problem = firstEntryProblem(entries, hashes, from);
  return problem ? { problem } : { leaves: hashes.map((h) => h.hash as Hash) };
}

export type Recomputed = { hash?: Hash; error?: string };

export async function recomputeLeafHashes(entries: readonly StoredLogEntry[]): Promise<Recomputed[]> {
  return Promise.all(
    entries.map(async (e): Promise<Recomputed> => {
      try {
        return { hash: await entryLeafHash(e) };
      } catch (err) {
        return { error: err instanceof Error ? err.message : String(err) };
      }
    }),
  );
}
