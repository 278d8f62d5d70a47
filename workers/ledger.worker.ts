import * as Comlink from 'comlink';
import { fromHex, toHex } from '../src/domain/ledger/bytes';
import { buildDossier, verifyDossier } from '../src/domain/ledger/dossier';
import { entryLeafHash } from '../src/domain/ledger/log-entry';
import { MerkleTree } from '../src/domain/ledger/merkle-tree';
import { verifyInclusion } from '../src/domain/ledger/merkle-verify';
import { importPublicKeyJwk, type SignedTreeHead } from '../src/domain/ledger/tree-head';
import { verifyLog } from '../src/domain/ledger/verify-log';
import type { StoredLogEntry } from '../src/domain/ledger/log-entry';

/**
 * The ledger's heavy work, off the page's thread: verifying the whole log (100k entries take
 * seconds of hashing), inclusion proofs and dossiers over it. The page streams the log in as
 * chunks of UTF-8 JSON (transferred typed arrays, not cloned arrays of objects); the worker
 * keeps them, so proofs after a verification need no second read.
 */

let entries: StoredLogEntry[] = [];
let tree: { size: number; tree: Promise<MerkleTree> } | undefined;

function treeOf(size: number): Promise<MerkleTree> {
  if (tree?.size !== size) {
    const leaves = entries.slice(0, size).map((e) => fromHex(e.leafHash));
    tree = { size, tree: MerkleTree.build(leaves) };
  }
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
    tree = undefined;
    return entries.length;
  },

  loaded(): number {
    return entries.length;
  },

  async verify(sth: SignedTreeHead, publicKeyJwk: JsonWebKey) {
    return verifyLog(entries, sth, await importPublicKeyJwk(publicKeyJwk));
  },

  /** RFC 9162 PATH(seq, D[sth.size]) for one entry, checked against the signed root. */
  async inclusion(seq: number, sth: SignedTreeHead): Promise<InclusionView> {
    const entry = entries[seq];
    if (entry === undefined || entry.seq !== seq || seq >= sth.size) {
      throw new RangeError(`entry ${seq} is not covered by the signed head of ${sth.size} entries`);
    }
    const path = (await treeOf(sth.size)).inclusionProof(seq);
    const leaf = await entryLeafHash(entry);
    const verified = await verifyInclusion(leaf, seq, sth.size, path, fromHex(sth.root));
    return { seq, size: sth.size, root: sth.root, leafHash: toHex(leaf), path: path.map(toHex), verified };
  },

  dossier(from: number, size: number, sth: SignedTreeHead, publicKeyJwk: JsonWebKey, summary: string) {
    return buildDossier(entries, { from, size }, sth, publicKeyJwk, summary);
  },

  verifyDossier(text: string) {
    return verifyDossier(text);
  },
};

export type LedgerApi = typeof api;

Comlink.expose(api);
