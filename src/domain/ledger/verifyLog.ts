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

  if (!signed) return fail('the signed tree head does not verify with this device key');
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as StoredLogEntry;
    const h = hashes[i] as Recomputed;
    if (e.seq !== i) return fail(`entry at position ${i} has seq ${e.seq}: an entry is missing or out of order`, i);
    if (h.hash === undefined) return fail(`entry ${i} can no longer be written as canonical JSON: ${h.error}`, i);
    if (!isHex(e.leafHash, 32) || !bytesEqual(h.hash, fromHex(e.leafHash))) {
      return fail(`entry ${i} was changed after it was appended (its content no longer matches its leaf hash)`, i);
    }
  }
  if (entries.length < sth.size) {
    return fail(`the head signed ${sth.size} entries but only ${entries.length} are in the log: entries were removed`);
  }
  const signedRoot = toHex(await tree.prefixRoot(sth.size));
  if (signedRoot !== sth.root) {
    return fail(
      `the root of the first ${sth.size} entries differs from the signed root although every entry matches ` +
        'its stored leaf hash: leaf hashes were rewritten along with entries',
    );
  }
  const unsigned = entries.length - sth.size;
  return {
    ...base,
    ok: true,
    reason:
      unsigned === 0
        ? `all ${entries.length} entries match the signed root`
        : `the first ${sth.size} entries match the signed root; ${unsigned} newer entries are not signed yet`,
  };
}

type Recomputed = { hash?: Hash; error?: string };

async function recomputeLeafHashes(entries: readonly StoredLogEntry[]): Promise<Recomputed[]> {
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
