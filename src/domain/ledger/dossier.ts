import { DomainError, ValidationError } from '../errors';
import { bytesEqual, fromHex, toHex } from './bytes';
import { DOSSIER_SCHEMA, DossierShapeError, parseDossier } from './dossierShape';
import { entryLeafHash } from './logEntry';
import { MerkleTree } from './merkleTree';
import { verifyInclusion } from './merkleVerify';
import { importPublicKeyJwk, verifyTreeHead } from './treeHead';
import type { Hash } from './bytes';
import type { Dossier } from './dossierShape';
import type { StoredLogEntry } from './logEntry';
import type { SignedTreeHead } from './treeHead';

export const DOSSIER_WINDOW = 16;

export type DossierVerdict =
  | { readonly valid: true; readonly size: number; readonly entries: number }
  | { readonly valid: false; readonly reason: string; readonly path?: string; readonly seq?: number };

/** The tree of a signed head as a dossier needs it; MerkleTree and a KeptTree view both serve. */
export interface SignedTreeView {
  readonly size: number;
  root(): Hash | Promise<Hash>;
  inclusionProof(index: number): Hash[] | Promise<Hash[]>;
}

/**
 * An incident dossier: the entries of a window (16 steps by default) with an inclusion proof
 * for each against the signed head, so a third party can check them without the whole log.
 * Refuses to build from a log that does not match the head (that is an incident of its own).
 * `signedTree`, the tree over the stored leaf hashes of the head's entries when the caller
 * already has it, spares building it again; its root is checked against the head all the same.
 */
export async function buildDossier(
  entries: readonly StoredLogEntry[],
  window: { readonly from: number; readonly size?: number },
  sth: SignedTreeHead,
  publicKeyJwk: JsonWebKey,
  summary: string,
  signedTree?: SignedTreeView,
): Promise<Dossier> {
  if (entries.length < sth.size) throw new ValidationError('entries', `the head signed ${sth.size} entries, got ${entries.length}`);
  const tree = signedTree?.size === sth.size ? signedTree : await MerkleTree.build(entries.slice(0, sth.size).map((e) => fromHex(e.leafHash)));
  const from = Number.isSafeInteger(window.from) && window.from >= 0 ? window.from : 0;
  return dossierFromTree(entries.slice(from, from + (window.size ?? DOSSIER_WINDOW)), window, sth, publicKeyJwk, summary, tree);
}

/** buildDossier from the window's entries alone (seq order, from `window.from`) and the head's tree. */
export async function dossierFromTree(
  windowEntries: readonly StoredLogEntry[],
  window: { readonly from: number; readonly size?: number },
  sth: SignedTreeHead,
  publicKeyJwk: JsonWebKey,
  summary: string,
  tree: SignedTreeView,
): Promise<Dossier> {
  const size = window.size ?? DOSSIER_WINDOW;
  if (!Number.isSafeInteger(size) || size < 1) throw new ValidationError('window.size', 'must be an integer >= 1');
  if (!Number.isSafeInteger(window.from) || window.from < 0 || window.from >= sth.size) {
    throw new ValidationError('window.from', `must be a signed entry, 0..${sth.size - 1}`);
  }
  if (tree.size !== sth.size || toHex(await tree.root()) !== sth.root) throw new DomainError('the log does not match the signed head', 'LedgerMismatchError');
  const count = Math.min(window.from + size, sth.size) - window.from;
  const chosen = windowEntries.slice(0, count);
  chosen.forEach((e, i) => {
    if (e.seq !== window.from + i) throw new DomainError(`entry ${window.from + i} is missing from the log`, 'LedgerMismatchError');
  });
  if (chosen.length < count) throw new DomainError(`entry ${window.from + chosen.length} is missing from the log`, 'LedgerMismatchError');
  const out = await Promise.all(
    chosen.map(async (e) => {
      if (!bytesEqual(await entryLeafHash(e), fromHex(e.leafHash))) {
        throw new DomainError(`entry ${e.seq} was changed after it was appended`, 'LedgerMismatchError');
      }
      return {
        entry: { seq: e.seq, kind: e.kind, at: e.at, payload: e.payload },
        inclusionProof: (await tree.inclusionProof(e.seq)).map(toHex),
      };
    }),
  );
  const { kty, crv, x, y } = publicKeyJwk;
  return {
    schema: DOSSIER_SCHEMA,
    summary,
    window: { from: window.from, size },
    signedTreeHead: { size: sth.size, root: sth.root, at: sth.at, signature: sth.signature },
    publicKeyJwk: { kty, crv, x, y },
    entries: out,
  };
}

/**
 * Checks a dossier (parsed object or JSON text) on its own: shape, completeness of the window,
 * the head's signature under the included key, and each entry's inclusion proof. The key is
 * the one the dossier names: compare it with the device's published key out of band.
 */
export async function verifyDossier(json: unknown): Promise<DossierVerdict> {
  let dossier: Dossier;
  try {
    dossier = parseDossier(typeof json === 'string' ? (JSON.parse(json) as unknown) : json);
  } catch (err) {
    if (err instanceof DossierShapeError) return { valid: false, reason: err.message, path: err.path };
    return { valid: false, reason: `not JSON: ${err instanceof Error ? err.message : String(err)}`, path: '$' };
  }
  const { window, signedTreeHead: sth, entries } = dossier;
  const expected = Math.max(0, Math.min(window.size, sth.size - window.from));
  if (entries.length !== expected) {
    return { valid: false, path: 'entries', reason: `the window holds ${expected} signed entries but the dossier has ${entries.length}` };
  }
  for (let i = 0; i < entries.length; i++) {
    const seq = (entries[i] as Dossier['entries'][number]).entry.seq;
    if (seq !== window.from + i) {
      return { valid: false, path: `entries[${i}].entry.seq`, seq, reason: `expected seq ${window.from + i}, found ${seq}` };
    }
  }
  let key: CryptoKey;
  try {
    key = await importPublicKeyJwk(dossier.publicKeyJwk);
  } catch {
    return { valid: false, path: 'publicKeyJwk', reason: 'not a usable P-256 public key' };
  }
  if (!(await verifyTreeHead(sth, key))) {
    return { valid: false, path: 'signedTreeHead.signature', reason: 'the signed tree head does not verify with the included key' };
  }
  const root = fromHex(sth.root);
  for (let i = 0; i < entries.length; i++) {
    const { entry, inclusionProof } = entries[i] as Dossier['entries'][number];
    let leaf: Uint8Array;
    try {
      leaf = await entryLeafHash(entry);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      return { valid: false, path: `entries[${i}].entry`, seq: entry.seq, reason: `not canonical JSON: ${why}` };
    }
    const ok = await verifyInclusion(leaf, entry.seq, sth.size, inclusionProof.map(fromHex), root);
    if (!ok) {
      return {
        valid: false,
        path: `entries[${i}]`,
        seq: entry.seq,
        reason: `entry ${entry.seq} is not in the signed log: its inclusion proof does not lead to the signed root`,
      };
    }
  }
  return { valid: true, size: sth.size, entries: entries.length };
}
