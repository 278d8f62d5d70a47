import { fromHex, toHex } from '../domain/ledger/bytes';
import { dossierFromTree } from '../domain/ledger/dossier';
import { KeptTree } from '../domain/ledger/keptTree';
import { EntryNotSignedError } from '../domain/ledger/errors';
import { entryLeafHash } from '../domain/ledger/logEntry';
import { verifyInclusion } from '../domain/ledger/merkleVerify';
import type { Dossier } from '../domain/ledger/dossierShape';
import type { SignedTreeHead } from '../domain/ledger/treeHead';
import { loadKeptTree, readKeptNodes } from './keptTreeRepo';
import { latestHead, logEpoch, readEntry, readLogFrom } from './logReader';
import { keptTreeSaved, takeVerifiedTree } from './logVerification';

/**
 * Inclusion proofs and dossiers against a signed head (run in the ledger worker), from the
 * tree the last passing check left in memory (after a start-up check, only its frontier), else
 * the kept tree's frontier in IndexedDB, grown to the head by the stored leaf hashes of the
 * entries after it. The older nodes a proof needs (O(log n), KeptTree.missingForInclusion) are
 * read from the kept tree's blocks holding them: the first proof after a start-up reads a few
 * blocks and hashes O(log n) nodes instead of reading or rebuilding 100k leaves. A proof is
 * always checked against the signed root, with the entry's leaf recomputed from its content,
 * so a tree or entry that does not match shows as a proof that does not verify.
 */

export type InclusionView = {
  readonly seq: number;
  readonly size: number;
  readonly root: string;
  /** Recomputed from the entry's content, not read from storage. */
  readonly leafHash: string;
  readonly path: readonly string[];
  readonly verified: boolean;
};

let held: { tree: KeptTree; epoch: string | null } | undefined;
let taken: ReturnType<typeof takeVerifiedTree>;

/** For tests (a fresh worker): forget the tree held in memory. */
export function forgetProofTree(): void {
  held = undefined;
  taken = undefined;
}

/** The kept tree's frontier (as stored once the last check's save has ended), if it is of this epoch. */
async function storedFrontier(epoch: string | null): Promise<KeptTree | null> {
  await keptTreeSaved();
  const kept = await loadKeptTree('frontier');
  return kept && kept.checkpoint.epoch === epoch ? kept.tree : null;
}

/** Grows `tree` to `size` leaves from the leaf hashes stored with the entries. */
async function grow(tree: KeptTree, size: number): Promise<KeptTree> {
  while (tree.size < size) {
    const rows = await readLogFrom(tree.size, Math.min(5000, size - tree.size));
    if (rows.length === 0 || rows[0]?.seq !== tree.size) throw new RangeError(`entry ${tree.size} is missing from the log`);
    await tree.append(rows.map((r) => fromHex(r.leafHash)));
  }
  return tree;
}

/** Adopts the stored nodes in `missing`; whether the tree then holds all of them. */
async function adoptStored(tree: KeptTree, epoch: string | null, missing: readonly { level: number; index: number }[]): Promise<boolean> {
  if (missing.length === 0) return true;
  const found = await readKeptNodes(epoch, missing);
  let all = true;
  for (const { level, index } of missing) {
    const hash = found.get(`${level}:${index}`);
    if (hash) tree.adopt(level, index, hash);
    else all = false;
  }
  return all;
}

/**
 * A tree holding at least the head's leaves and every node the paths of `indices` (and, with
 * `root`, the head's root) read; proofs then ask for size `head.size`.
 */
async function treeFor(head: SignedTreeHead, indices: readonly number[], root = false, knownEpoch?: string | null): Promise<KeptTree> {
  const epoch = knownEpoch === undefined ? await logEpoch() : knownEpoch;
  const verified = takeVerifiedTree();
  if (verified && verified !== taken && verified.epoch === epoch) [held, taken] = [verified, verified];
  if (!held || held.epoch !== epoch) held = { tree: (await storedFrontier(epoch)) ?? new KeptTree(), epoch };
  let tree = held.tree;
  if (tree.size > head.size) {
    // Not this head's past (or its root's nodes are not at hand): from the stored leaves.
    const past = (await adoptStored(tree, epoch, tree.missingForRoot(head.size))) && toHex(await tree.root(head.size)) === head.root;
    if (!past) held = { tree: (tree = new KeptTree()), epoch };
  }
  await grow(tree, head.size);
  const missing = [...indices.flatMap((i) => tree.missingForInclusion(i, head.size)), ...(root ? tree.missingForRoot(head.size) : [])];
  if (!(await adoptStored(tree, epoch, missing))) {
    // Not in the stored blocks (no checkpoint of this epoch, or it moved): from the stored leaves.
    held = { tree: (tree = await grow(new KeptTree(), head.size)), epoch };
  }
  return tree;
}

/**
 * RFC 9162 PATH(seq, D[head.size]) for one entry, checked against the signed root; without
 * `head`, against the latest signed head, read here with the entry and the log's epoch (one
 * round of reads: at start-up each round may wait behind a page's big reads).
 */
export async function proveEntry(seq: number, given?: SignedTreeHead | null): Promise<InclusionView> {
  const [head, entry, epoch] = await Promise.all([given === undefined ? latestHead() : given, readEntry(seq), logEpoch()]);
  if (!head || !Number.isSafeInteger(seq) || seq < 0 || seq >= head.size || entry === undefined) throw new EntryNotSignedError(seq, head?.size ?? 0);
  const prove = async (tree: KeptTree, leaf: Uint8Array) => {
    const path = await tree.inclusionProof(seq, head.size);
    return { path, verified: await verifyInclusion(leaf, seq, head.size, path, fromHex(head.root)) };
  };
  const [tree, leaf] = await Promise.all([treeFor(head, [seq], false, epoch), entryLeafHash(entry)]);
  let { path, verified } = await prove(tree, leaf);
  if (!verified && held) {
    // A damaged kept tree must not pass for a changed entry: once more from the stored leaves.
    held = { tree: new KeptTree(), epoch: held.epoch };
    ({ path, verified } = await prove(await treeFor(head, [seq], false, epoch), leaf));
  }
  return { seq, size: head.size, root: head.root, leafHash: toHex(leaf), path: path.map(toHex), verified };
}

/** An incident dossier of the window from `from`, against `head`. */
export async function dossierOf(from: number, size: number, head: SignedTreeHead, publicKeyJwk: JsonWebKey, summary: string): Promise<Dossier> {
  const entries = await readLogFrom(from, Math.max(0, Math.min(size, head.size - from)));
  const tree = await treeFor(head, entries.map((e) => e.seq).filter((seq) => seq < head.size), true);
  const view = { size: head.size, root: () => tree.root(head.size), inclusionProof: (i: number) => tree.inclusionProof(i, head.size) };
  return dossierFromTree(entries, { from, size }, head, publicKeyJwk, summary, view);
}
