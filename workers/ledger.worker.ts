import * as Comlink from 'comlink';
import { installWorkerErrors } from '../src/domain/workerErrors';
import { fromHex, toHex } from '../src/domain/ledger/bytes';
import { buildDossier, verifyDossier } from '../src/domain/ledger/dossier';
import { EntryNotSignedError } from '../src/domain/ledger/errors';
import { entryLeafHash } from '../src/domain/ledger/logEntry';
import { MerkleTree } from '../src/domain/ledger/merkleTree';
import { verifyInclusion } from '../src/domain/ledger/merkleVerify';
import { importPublicKeyJwk, type SignedTreeHead } from '../src/domain/ledger/treeHead';
import { verifyLogAndTree } from '../src/domain/ledger/verifyLog';
import type { StoredLogEntry } from '../src/domain/ledger/logEntry';

// Errors cross to the page as plain data with their fields and come back as the same class.
installWorkerErrors(Comlink.transferHandlers);

/**
 * The ledger's heavy work, off the page's thread: verifying the whole log (100k entries take
 * seconds of hashing), inclusion proofs and dossiers over it. The page streams the log in as
 * chunks of UTF-8 JSON (transferred typed arrays, not cloned arrays of objects); the worker
 * keeps them, so proofs after a verification need no second read.
 */

let entries: StoredLogEntry[] = [];
/**
 * The tree of the latest head asked about. Heads only grow, so the next one extends it
 * (hashing the new leaves and one path up) instead of rebuilding 100k leaves; loading more
 * entries keeps it (the prefix it covers does not change), only a reset drops it.
 */
let tree: { size: number; tree: Promise<MerkleTree> } | undefined;

const leavesOf = (from: number, to: number) => entries.slice(from, to).map((e) => fromHex(e.leafHash));

function treeOf(size: number): Promise<MerkleTree> {
  if (tree?.size === size) return tree.tree;
  const before = tree;
  const grown = async (): Promise<MerkleTree> => {
    const base = before && before.size < size ? await before.tree.catch(() => undefined) : undefined;
    return base ? base.extend(leavesOf(base.size, size)) : MerkleTree.build(leavesOf(0, size));
  };
  tree = { size, tree: grown() };
  return tree.tree;
}

export type InclusionView = {
  readonly seq: number;
  readonly size: number;
  readonly root: string;
  /** Recomputed from the entry's content, not read from storage. */
  readonly leafHash: string;
  readonly path: readonly string[];
  readonly verified: boolean;
};

const api = {
  /** Forgets everything loaded (before a full verification re-reads the store). */
  reset(): void {
    entries = [];
    tree = undefined;
  },

  /** Appends a chunk (JSON array of stored entries in seq order); returns how many are loaded. */
  load(chunk: Uint8Array): number {
    const parsed = JSON.parse(new TextDecoder().decode(chunk)) as StoredLogEntry[];
    entries = entries.concat(parsed);
    return entries.length;
  },

  loaded(): number {
    return entries.length;
  },

  async verify(sth: SignedTreeHead, publicKeyJwk: JsonWebKey) {
    const { verification, tree: checked } = await verifyLogAndTree(entries, sth, await importPublicKeyJwk(publicKeyJwk));
    if (verification.ok) {
      // Every stored leaf hash matched: that tree is the log's, ready for the first proof.
      if (checked.size === sth.size) tree = { size: sth.size, tree: Promise.resolve(checked) };
      else void treeOf(sth.size).catch(() => undefined);
    }
    return verification;
  },

  /** RFC 9162 PATH(seq, D[sth.size]) for one entry, checked against the signed root. */
  async inclusion(seq: number, sth: SignedTreeHead): Promise<InclusionView> {
    const entry = entries[seq];
    if (entry === undefined || entry.seq !== seq || seq >= sth.size) {
      throw new EntryNotSignedError(seq, sth.size);
    }
    const path = (await treeOf(sth.size)).inclusionProof(seq);
    const leaf = await entryLeafHash(entry);
    const verified = await verifyInclusion(leaf, seq, sth.size, path, fromHex(sth.root));
    return { seq, size: sth.size, root: sth.root, leafHash: toHex(leaf), path: path.map(toHex), verified };
  },

  async dossier(from: number, size: number, sth: SignedTreeHead, publicKeyJwk: JsonWebKey, summary: string) {
    const signed = entries.length >= sth.size ? await treeOf(sth.size) : undefined;
    return buildDossier(entries, { from, size }, sth, publicKeyJwk, summary, signed);
  },

  verifyDossier(text: string) {
    return verifyDossier(text);
  },
};

export type LedgerApi = typeof api;

Comlink.expose(api);
