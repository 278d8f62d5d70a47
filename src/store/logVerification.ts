import { fromHex, toHex } from '../domain/ledger/bytes';
import { KeptTree } from '../domain/ledger/keptTree';
import { verifyConsistency } from '../domain/ledger/merkleVerify';
import { verifyTreeHead, type SignedTreeHead } from '../domain/ledger/treeHead';
import {
  SIGNATURE_FAILS, checkEntries, matchReason, removedReason, rewrittenReason, type LogVerification,
} from '../domain/ledger/verifyLog';
import { dropCheckpoint, loadKeptTree, readCheckpoint, saveKeptTree, type TreeCheckpoint } from './keptTreeRepo';
import { headOfSize, lastSeq, latestHead, logCount, logEpoch, readLogFrom } from './logReader';

/** Entries per read: a full check never holds 100k entries at once. */
const READ_CHUNK = 5000;

/**
 * Checking the stored log against what this device signed (run in the ledger worker).
 *
 * The full check re-reads every entry, recomputes its leaf hash from its content and the root,
 * and keeps the tree it built (keptTreeRepo) with a checkpoint: the signed head it verified.
 *
 * The start-up check is proportional to what changed since that checkpoint (size m): it
 * hashes only the entries appended since, and checks an RFC 9162 consistency proof, computed
 * from the kept tree grown by those entries, from the verified head to the newest one. It
 * proves that the newest head extends the verified one and that the new entries are what it
 * signed. It does NOT re-read the entries before m: an edit to one of them, or one of them
 * deleted, is invisible to it and is named by the next full check (a person's Verify, or the schedule in
 * services/governance/ledger.ts). It names an edited new entry itself; whenever anything else
 * does not add up (the kept tree, the checkpoint, a head, the proof) it runs the full check,
 * whose verdict stands. After any failure the checkpoint is dropped, so no later start-up can
 * skip the entries of a log known to be bad.
 */

export interface LogCheck extends LogVerification {
  /** `full`: every entry re-hashed; `incremental`: only the entries from `from` on. */
  readonly scope: 'full' | 'incremental';
  /** The first entry this check re-hashed (0 for a full check). */
  readonly from: number;
  /** When every entry was last re-hashed and matched (null: never, or the log failed since). */
  readonly fullAt: number | null;
  /** The signed head checked against (null: nothing signed yet). */
  readonly head: SignedTreeHead | null;
}

/**
 * The tree a passing check leaves for inclusion proofs (store/logProofs.ts), by log epoch: a
 * whole one after a full check, only its frontier after a start-up check (KeptTree.whole).
 */
let verifiedTree: { tree: KeptTree; epoch: string | null } | undefined;

export function takeVerifiedTree(): { tree: KeptTree; epoch: string | null } | undefined {
  return verifiedTree;
}

/**
 * The start-up check's save of the grown tree, which its result does not wait for: a check
 * (and so the next save) waits for it first, so saves never overlap.
 */
let saving: Promise<void> = Promise.resolve();

/** Resolves once the last start-up check's save of the kept tree has ended (for tests). */
export function keptTreeSaved(): Promise<void> {
  return saving;
}

/** For tests (a fresh worker): forget the trees held in memory. */
export function forgetVerifiedTree(): void {
  verifiedTree = undefined;
}

/** Every entry against the latest signed head; keeps the tree and checkpoint when it passes. */
export async function fullCheck(publicKey: CryptoKey | null, now: () => number = Date.now): Promise<LogCheck> {
  await saving;
  const [head, epoch] = await Promise.all([latestHead(), logEpoch()]);
  const base = { scope: 'full' as const, from: 0, head };
  const fail = async (size: number, root: string, reason: string, firstBadSeq?: number): Promise<LogCheck> => {
    await dropCheckpoint();
    return { ...base, ok: false, size, root, reason, fullAt: null, ...(firstBadSeq === undefined ? {} : { firstBadSeq }) };
  };
  if (head && (!publicKey || !(await verifyTreeHead(head, publicKey)))) return fail(await logCount(), '', SIGNATURE_FAILS);
  const tree = new KeptTree();
  for (;;) {
    const rows = await readLogFrom(tree.size, READ_CHUNK);
    const checked = await checkEntries(rows, tree.size);
    if ('problem' in checked) return fail(await logCount(), '', checked.problem.reason, checked.problem.firstBadSeq);
    await tree.append(checked.leaves);
    if (rows.length < READ_CHUNK) break;
  }
  const size = tree.size;
  const root = toHex(await tree.root());
  if (!head) {
    const ok = size === 0;
    if (!ok) return fail(size, root, `${size} entries but no signed head to check them against`);
    return { ...base, ok, size, root, reason: 'the log is empty', fullAt: now() };
  }
  if (size < head.size) return fail(size, root, removedReason(head.size, size));
  if (toHex(await tree.root(head.size)) !== head.root) return fail(size, root, rewrittenReason(head.size));
  tree.truncate(head.size);
  const fullAt = now();
  await saveKeptTree(tree, { size: head.size, root: head.root, epoch, fullAt, at: fullAt }, null);
  verifiedTree = { tree, epoch };
  return { ...base, ok: true, size, root, reason: matchReason(size, head.size), fullAt };
}

/**
 * The start-up check (see above): from the kept checkpoint when there is a sound one, else
 * the full check.
 */
export async function startupCheck(publicKey: CryptoKey | null, now: () => number = Date.now): Promise<LogCheck> {
  await saving;
  // Two rounds of reads, each read of a round issued together: at start-up every read may wait
  // behind a page's big ones, so the number of rounds, not of reads, sets how long this takes.
  const [c, head, epoch] = await Promise.all([readCheckpoint(), latestHead(), logEpoch()]);
  if (!c || !head || !publicKey || c.epoch !== epoch || c.size > head.size) return fullCheck(publicKey, now);
  const m = c.size;
  const [kept, verified, firstRows, last] = await Promise.all([
    // Its frontier only: the root at m, the new entries' nodes and the proof need no other node.
    loadKeptTree('frontier'),
    headOfSize(m),
    readLogFrom(m, READ_CHUNK),
    // The newest seq, not a count of the rows: counting walks every entry (the full check's job).
    lastSeq(),
  ]);
  // The kept tree must be the one of the checkpoint read above (a check elsewhere may have moved it).
  if (!kept || !sameCheckpoint(kept.checkpoint, c)) return fullCheck(publicKey, now);
  if (!verified || verified.root !== c.root) return fullCheck(publicKey, now);
  const [headSigned, verifiedSigned, keptRoot] = await Promise.all([
    verifyTreeHead(head, publicKey),
    verifyTreeHead(verified, publicKey),
    kept.tree.root(m).then(toHex),
  ]);
  // A bad signature is named by the full check; a damaged kept tree is rebuilt by it.
  if (!headSigned || !verifiedSigned || keptRoot !== c.root) return fullCheck(publicKey, now);

  const tree = kept.tree;
  const fresh: Uint8Array[] = [];
  for (let at = m, rows = firstRows; ; rows = await readLogFrom(at, READ_CHUNK)) {
    const checked = await checkEntries(rows, at);
    if ('problem' in checked) {
      await dropCheckpoint();
      const { firstBadSeq, reason } = checked.problem;
      return { scope: 'incremental', from: m, head, ok: false, size: (await lastSeq()) + 1, root: '', reason, firstBadSeq, fullAt: null };
    }
    fresh.push(...checked.leaves);
    at += rows.length;
    if (rows.length < READ_CHUNK) break;
  }
  const size = m + fresh.length;
  // Signed entries gone, or one appended while the new entries were read (the newest seq was
  // read with them): the full check names what happened.
  if (last + 1 !== size || size < head.size) return fullCheck(publicKey, now);
  await tree.append(fresh.slice(0, head.size - m));
  const proof = await tree.consistencyProof(m, head.size);
  // A proof that fails means the new head does not extend the verified one, or the kept tree
  // is damaged: the full check tells which, from the entries themselves.
  if (!(await verifyConsistency(m, head.size, proof, fromHex(c.root), fromHex(head.root)))) return fullCheck(publicKey, now);
  if (head.size > m) {
    // The checkpoint moves to the newest head; the result does not wait for the save.
    const checkpoint: TreeCheckpoint = { size: head.size, root: head.root, epoch, fullAt: c.fullAt, at: now() };
    saving = saveKeptTree(tree, checkpoint, m).catch((err: unknown) => console.warn('kept tree not saved:', err instanceof Error ? err.message : err));
  }
  verifiedTree = { tree, epoch };
  const appended = size - m;
  const unsigned = size - head.size;
  const reason =
    `${appended} ${appended === 1 ? 'entry' : 'entries'} appended since the head verified at ${m} ` +
    `match their sealed hashes and the newest signed head (${head.size}) extends it (RFC 9162 consistency proof)` +
    (unsigned > 0 ? `; ${unsigned} newer ${unsigned === 1 ? 'entry is' : 'entries are'} not signed yet` : '') +
    '; older entries were re-read in the last full check';
  return { scope: 'incremental', from: m, head, ok: true, size, root: head.root, reason, fullAt: c.fullAt };
}

function sameCheckpoint(a: TreeCheckpoint, b: TreeCheckpoint): boolean {
  return a.size === b.size && a.root === b.root && a.epoch === b.epoch && a.fullAt === b.fullAt && a.at === b.at;
}
