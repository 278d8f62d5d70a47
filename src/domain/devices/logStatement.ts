import { fromHex, isHex, toHex } from '../ledger/bytes';
import { entryLeafHash, type StoredLogEntry } from '../ledger/logEntry';
import { KeptTree } from '../ledger/keptTree';
import { verifyConsistency } from '../ledger/merkleVerify';
import { importPublicKeyJwk, verifyTreeHead, type SignedTreeHead } from '../ledger/treeHead';
import type { Hash } from '../ledger/bytes';
import { fingerprint } from './records';

/**
 * How a device vouches for its log to the devices it is paired with. Every device keeps its own
 * signed log (RFC 9162 tree, ECDSA P-256 heads); it publishes, as records, statements about it:
 *
 * - its latest signed head and its earliest, each with its signature;
 * - an RFC 9162 consistency proof from the earliest head to the latest, and one from the head of
 *   its previous statement, both computed from leaf hashes it recomputes from the entries it
 *   stores now (not from the leaf hashes stored beside them);
 * - the root those recomputed leaves give at the latest head's size.
 *
 * Another device checks every statement against the signing key it pinned when they paired:
 * signatures, both proofs, the recomputed root against the signed one, and that statements
 * chain (each one's previous head is an earlier statement's head) and never fork (one size, one
 * root). A log that was rewritten after it was signed, entries changed or removed in storage,
 * or a head signed by another key fails one of these; that device is named, its records are held
 * back and a scar is left. The proofs are computed by the app on the other device from its own
 * data: they catch changed data, not a changed app.
 */
export interface LogStatement {
  device: string;
  name: string;
  publicKey: JsonWebKey;
  head: SignedTreeHead;
  earliest: SignedTreeHead;
  /** PROOF(earliest.size, D[head.size]), hex, leaf-most first. */
  fromEarliest: string[];
  previous: { size: number; root: string } | null;
  fromPrevious: string[];
  /** MTH over the leaf hashes recomputed from the stored entries, at head.size (hex). */
  recomputedRoot: string;
  /** How many entries the device's log holds. */
  entries: number;
  at: number;
}

/** A statement's record id: the device, the head it covers and a fingerprint of the rest. */
export function statementId(s: LogStatement): string {
  return `${s.device}@${s.head.size}:${fingerprint(JSON.stringify([s.head, s.earliest, s.previous, s.recomputedRoot, s.fromEarliest, s.fromPrevious]))}`;
}

/**
 * Leaf hashes recomputed from stored entries, `from` being the seq of the first: an entry out of
 * place or unreadable gets a leaf no honest log has, so the proofs and the root then fail.
 */
async function recomputedLeaves(entries: readonly StoredLogEntry[], from: number): Promise<Hash[]> {
  return Promise.all(
    entries.map(async (e, i) => {
      if (e.seq !== from + i) return new Uint8Array(32);
      try {
        return await entryLeafHash(e);
      } catch {
        return new Uint8Array(32);
      }
    }),
  );
}

/**
 * The tree of leaf hashes a device recomputed from the entries it stores, kept between its
 * statements (in the devices worker, for one exchange) so that a statement after the log grew
 * hashes only the entries appended since the last one, as the ledger's start-up check does
 * (store/logVerification.ts), instead of the whole log.
 *
 * What that leaves out, as there: an entry changed in storage after it was hashed here is not
 * seen by the later statements of this exchange. The exchange's first statement (every time it
 * starts: each opening of the app, each resume after a pause that restarted it) hashes every
 * stored entry again, so the change is stated then and the other device names this log; this
 * device's own full check names it too. Entries removed (fewer stored than hashed) or a log
 * replaced (its epoch changed) start the tree again from the first entry.
 */
export class RecomputedLog {
  private tree = new KeptTree();
  private epoch: string | null | undefined;

  /** Entries hashed so far (the next one to hash has this seq). */
  get size(): number {
    return this.tree.size;
  }

  /**
   * Brings the tree up to the stored log: `count` entries stored under `epoch`, `readFrom`
   * reading up to a chunk of entries from a seq on. Returns whether it started again from 0.
   */
  async update(count: number, epoch: string | null, readFrom: (from: number) => Promise<StoredLogEntry[]>): Promise<boolean> {
    const restart = this.epoch === undefined || epoch !== this.epoch || count < this.tree.size;
    if (restart) {
      this.tree = new KeptTree();
      this.epoch = epoch;
    }
    while (this.tree.size < count) {
      const from = this.tree.size;
      const rows = await readFrom(from);
      if (rows.length === 0) break;
      await this.tree.append(await recomputedLeaves(rows, from));
    }
    return restart;
  }

  /** The statement of a device whose log this tree holds (see buildStatement), or null while nothing is signed. */
  async statement(input: Omit<StatementInput, 'entries'> & { entries: number }): Promise<LogStatement | null> {
    return statementFrom(this.tree, input);
  }
}

export interface StatementInput {
  device: string;
  name: string;
  publicKey: JsonWebKey;
  /** Every signed head the device has stored (any order). */
  heads: readonly SignedTreeHead[];
  /** The stored entries in seq order. */
  entries: readonly StoredLogEntry[];
  previous: { size: number; root: string } | null;
  at: number;
}

/** The statement a device makes now from all its stored entries, or null while it has signed no head. */
export async function buildStatement(input: StatementInput): Promise<LogStatement | null> {
  const log = new RecomputedLog();
  await log.update(input.entries.length, null, async (from) => input.entries.slice(from));
  return log.statement({ ...input, entries: input.entries.length });
}

/** The statement over a tree of recomputed leaves (those of `entries` stored entries, in seq order). */
async function statementFrom(tree: KeptTree, input: Omit<StatementInput, 'entries'> & { entries: number }): Promise<LogStatement | null> {
  const signed = input.heads.filter((h) => h.size > 0);
  if (signed.length === 0) return null;
  const head = signed.reduce((a, h) => (h.size > a.size ? h : a));
  const earliest = signed.reduce((a, h) => (h.size < a.size ? h : a));
  const whole = tree.size >= head.size;
  const covered = Math.min(tree.size, head.size);
  const proof = async (m: number | undefined): Promise<string[]> =>
    whole && m !== undefined && m <= head.size ? (await tree.consistencyProof(m, head.size)).map(toHex) : [];
  const previous = input.previous && input.previous.size <= head.size ? input.previous : null;
  return {
    device: input.device,
    name: input.name,
    publicKey: { kty: input.publicKey.kty, crv: input.publicKey.crv, x: input.publicKey.x, y: input.publicKey.y },
    head,
    earliest,
    fromEarliest: await proof(earliest.size),
    previous,
    fromPrevious: await proof(previous?.size),
    recomputedRoot: toHex(await tree.root(covered)),
    entries: input.entries,
    at: input.at,
  };
}

export type DeviceLogVerdict =
  | { state: 'verified'; size: number; root: string; at: number; statements: number }
  | { state: 'failed'; reason: string; size: number }
  | { state: 'waiting'; reason: string };

const sameKey = (a: JsonWebKey, b: JsonWebKey): boolean => a.kty === b.kty && a.crv === b.crv && a.x === b.x && a.y === b.y;

function hashes(list: unknown): Hash[] | undefined {
  if (!Array.isArray(list) || list.length > 128 || !list.every((h) => isHex(h, 32))) return undefined;
  return list.map((h) => fromHex(h as string));
}

async function checkOne(s: LogStatement, key: CryptoKey): Promise<string | undefined> {
  const n = s.head.size;
  if (!(await verifyTreeHead(s.head, key))) return `its head at size ${n} does not verify with the key it paired with`;
  if (!(await verifyTreeHead(s.earliest, key))) return `its earliest head (size ${s.earliest.size}) does not verify with the key it paired with`;
  if (s.entries < n) return `its head signed ${n} entries but its log now holds ${s.entries}: entries were removed`;
  if (s.recomputedRoot !== s.head.root) return `its stored entries no longer give the root it signed at size ${n}: the log was changed after it was signed`;
  const fromEarliest = hashes(s.fromEarliest);
  if (!fromEarliest || !(await verifyConsistency(s.earliest.size, n, fromEarliest, fromHex(s.earliest.root), fromHex(s.head.root)))) {
    return `its head at size ${n} is not consistent with its earliest head (size ${s.earliest.size})`;
  }
  if (s.previous) {
    const fromPrevious = hashes(s.fromPrevious);
    if (!isHex(s.previous.root, 32) || !fromPrevious || !(await verifyConsistency(s.previous.size, n, fromPrevious, fromHex(s.previous.root), fromHex(s.head.root)))) {
      return `its head at size ${n} is not consistent with the head it stated before (size ${s.previous.size})`;
    }
  }
  return undefined;
}

/**
 * The verdict on one device's log from all its statements known here. `pinned` is the key the
 * device showed when it paired (absent for a device met through another paired device: its
 * first statement's key is then taken, and every later one must use it).
 */
export async function verifyStatements(statements: readonly LogStatement[], pinned?: JsonWebKey): Promise<DeviceLogVerdict> {
  if (statements.length === 0) return { state: 'waiting', reason: 'it has not sent a statement about its log yet' };
  const sorted = [...statements].sort((a, b) => a.head.size - b.head.size || a.at - b.at);
  const keyJwk = pinned ?? sorted[0]!.publicKey;
  const fail = (reason: string, size: number): DeviceLogVerdict => ({ state: 'failed', reason, size });
  let key: CryptoKey;
  try {
    key = await importPublicKeyJwk(keyJwk);
  } catch {
    return fail('its log key is not a P-256 key', 0);
  }
  const roots = new Map<number, string>();
  for (const s of sorted) {
    if (!sameKey(s.publicKey, keyJwk)) return fail(`its statement at size ${s.head.size} names another signing key than the one it paired with`, s.head.size);
    const problem = await checkOne(s, key);
    if (problem) return fail(problem, s.head.size);
    for (const h of [s.head, s.earliest, ...(s.previous ? [{ size: s.previous.size, root: s.previous.root }] : [])]) {
      const known = roots.get(h.size);
      if (known !== undefined && known !== h.root) return fail(`it signed two different logs of ${h.size} entries`, h.size);
      roots.set(h.size, h.root);
    }
  }
  const heads = new Set(sorted.map((s) => `${s.head.size}:${s.head.root}`));
  for (const s of sorted) {
    if (s.previous && !heads.has(`${s.previous.size}:${s.previous.root}`)) {
      return { state: 'waiting', reason: `its statement about the head of size ${s.previous.size} has not arrived yet` };
    }
  }
  const last = sorted[sorted.length - 1]!;
  return { state: 'verified', size: last.head.size, root: last.head.root, at: last.head.at, statements: sorted.length };
}
