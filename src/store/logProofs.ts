import { fromHex, toHex } from '../domain/ledger/bytes';
import { dossierFromTree } from '../domain/ledger/dossier';
import { KeptTree } from '../domain/ledger/keptTree';
import { EntryNotSignedError } from '../domain/ledger/errors';
import { entryLeafHash } from '../domain/ledger/logEntry';
import { verifyInclusion } from '../domain/ledger/merkleVerify';
import type { Dossier } from '../domain/ledger/dossierShape';
import type { SignedTreeHead } from '../domain/ledger/treeHead';
import { loadKeptTree } from './keptTreeRepo';
import { logEpoch, readEntry, readLogFrom } from './logReader';
import { keptTreeSaved, takeVerifiedTree } from './logVerification';

/**
 * Inclusion proofs and dossiers against a signed head (run in the ledger worker), from the
 * tree the last passing check left in memory, else the kept tree in IndexedDB, grown to the
 * head by the stored leaf hashes of the entries after it: the first proof after a start-up
 * reads a few blocks and hashes O(log n) nodes instead of rebuilding 100k leaves. A proof is
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
let warming: Promise<void> | undefined;

/** For tests (a fresh worker): forget the tree held in memory. */
export function forgetProofTree(): void {
  held = undefined;
  taken = undefined;
  warming = undefined;
}

/** The whole kept tree (as stored once the last check's save has ended), if it is of this epoch. */
async function storedTree(epoch: string | null): Promise<KeptTree | null> {
  await keptTreeSaved();
  const kept = await loadKeptTree('whole');
  return kept && kept.checkpoint.epoch === epoch ? kept.tree : null;
}

/**
 * Reads the whole kept tree into memory ahead of the first proof. The start-up check reads
 * only the tree's frontier, so that it waits for as little as possible; the worker calls this
 * after it, when the page has what it needs, so the first proof still costs no big read.
 */
export function warmProofTree(): Promise<void> {
  warming ??= (async () => {
    const epoch = await logEpoch();
    if (held?.epoch === epoch && held.tree.whole) return;
    const tree = await storedTree(epoch);
    if (tree && !(held?.epoch === epoch && held.tree.whole)) held = { tree, epoch };
  })().catch((err: unknown) => console.warn('kept tree not read ahead:', err instanceof Error ? err.message : err));
  return warming;
}

/** A tree holding at least the head's leaves (proofs then ask for size `head.size`). */
async function treeFor(head: SignedTreeHead): Promise<KeptTree> {
  await warming;
  const epoch = await logEpoch();
  const verified = takeVerifiedTree();
  // A start-up check's tree holds only its frontier: proofs need every node.
  if (verified && verified !== taken && verified.epoch === epoch && verified.tree.whole) [held, taken] = [verified, verified];
  if (!held || held.epoch !== epoch || !held.tree.whole) held = { tree: (await storedTree(epoch)) ?? new KeptTree(), epoch };
  const tree = held.tree;
  if (tree.size > head.size && toHex(await tree.root(head.size)) !== head.root) tree.truncate(0); // not this head's past
  while (tree.size < head.size) {
    const rows = await readLogFrom(tree.size, Math.min(5000, head.size - tree.size));
    if (rows.length === 0 || rows[0]?.seq !== tree.size) throw new RangeError(`entry ${tree.size} is missing from the log`);
    await tree.append(rows.map((r) => fromHex(r.leafHash)));
  }
  return tree;
}

/** RFC 9162 PATH(seq, D[head.size]) for one entry, checked against the signed root. */
export async function proveEntry(seq: number, head: SignedTreeHead): Promise<InclusionView> {
  const entry = await readEntry(seq);
  if (entry === undefined || seq >= head.size) {
    throw new EntryNotSignedError(seq, head.size);
  }
  const leaf = await entryLeafHash(entry);
  const prove = async () => {
    const path = await (await treeFor(head)).inclusionProof(seq, head.size);
    return { path, verified: await verifyInclusion(leaf, seq, head.size, path, fromHex(head.root)) };
  };
  let { path, verified } = await prove();
  if (!verified && held) {
    // A damaged kept tree must not pass for a changed entry: once more from the stored leaves.
    held = { tree: new KeptTree(), epoch: held.epoch };
    ({ path, verified } = await prove());
  }
  return { seq, size: head.size, root: head.root, leafHash: toHex(leaf), path: path.map(toHex), verified };
}

/** An incident dossier of the window from `from`, against `head`. */
export async function dossierOf(from: number, size: number, head: SignedTreeHead, publicKeyJwk: JsonWebKey, summary: string): Promise<Dossier> {
  const tree = await treeFor(head);
  const entries = await readLogFrom(from, Math.max(0, Math.min(size, head.size - from)));
  const view = { size: head.size, root: () => tree.root(head.size), inclusionProof: (i: number) => tree.inclusionProof(i, head.size) };
  return dossierFromTree(entries, { from, size }, head, publicKeyJwk, summary, view);
}
