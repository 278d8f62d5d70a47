import { fromHex, toHex } from '../domain/ledger/bytes';
import { DomainError } from '../domain/errors';
import { MerkleAccumulator } from '../domain/ledger/merkleAccumulator';
import { signTreeHead, type SignedTreeHead } from '../domain/ledger/treeHead';
import { db, type MetacompilerDb } from './db';
import { deviceKey } from './deviceKeyRepo';
import { live, type Live } from './live';
import { readLogEpoch } from './logEpoch';
import type { LogRow } from './rows';

/**
 * Signed tree heads. After every governed commit the page extends an in-memory Merkle
 * accumulator with the new leaves and signs {size, root, at} with the device key. The
 * accumulator must reproduce the latest signed root before anything new is signed: a log
 * whose past no longer matches its head is never re-signed (that would launder the change),
 * it is left for verification to flag.
 * Its compact range (the "frontier": O(log n) subtree roots) is saved with each head, so a
 * page starts from it instead of re-hashing 100k leaves one by one.
 */

/** The stored log no longer matches what was signed, so no new head is signed over it. */
export class HeadMismatchError extends DomainError {
  readonly size: number;
  constructor(size: number, message: string) {
    super(message, 'HeadMismatchError');
    this.size = size;
  }
}

type HeadRow = SignedTreeHead;

const FRONTIER_KEY = 'ledger.frontier';
interface Frontier {
  size: number;
  peaks: string[];
}

interface State {
  acc?: MerkleAccumulator;
  /** Refreshes run one after another so the accumulator is never extended twice at once. */
  chain: Promise<SignedTreeHead | null>;
  lastError?: Error;
  /** The log epoch `acc` was built under (logEpoch.ts). */
  epoch?: string;
}

const states = new WeakMap<MetacompilerDb, State>();

function stateOf(d: MetacompilerDb): State {
  let s = states.get(d);
  if (!s) {
    s = { chain: Promise.resolve(null) };
    states.set(d, s);
  }
  return s;
}

export async function latestHead(): Promise<SignedTreeHead | null> {
  return ((await db().heads.orderBy('size').last()) as HeadRow | undefined) ?? null;
}

/** The head signed when the log had exactly `size` entries, if one was. */
export async function headOfSize(size: number): Promise<SignedTreeHead | null> {
  return ((await db().heads.get(size)) as HeadRow | undefined) ?? null;
}

export function observeLatestHead(): Live<SignedTreeHead | null> {
  return live(latestHead);
}

/**
 * Signs a head over everything appended so far (queued behind any refresh in progress).
 * Resolves to the newest head, or null for an empty log; rejects with HeadMismatchError when
 * the stored log disagrees with the latest signed head.
 */
export function scheduleHeadRefresh(now: () => number = Date.now): Promise<SignedTreeHead | null> {
  const d = db();
  const s = stateOf(d);
  const next = s.chain.catch(() => null).then(() => refresh(d, s, now));
  s.chain = next;
  next.then(
    () => (s.lastError = undefined),
    (err: unknown) => {
      s.lastError = err instanceof Error ? err : new Error(String(err));
      // A closed database means the page (or test) is going away, not a ledger problem.
      if (s.lastError.name !== 'DatabaseClosedError') console.warn('signed tree head not refreshed:', s.lastError.message);
    },
  );
  return next;
}

/** Why the last refresh failed, if it did (shown by the proof dial). */
export function headRefreshError(): Error | undefined {
  return stateOf(db()).lastError;
}

async function refresh(d: MetacompilerDb, s: State, now: () => number): Promise<SignedTreeHead | null> {
  // Read together: at start-up each read may wait behind a page's big ones.
  const stored = s.acc ? undefined : savedFrontier(d);
  const [epoch, latest] = await Promise.all([readLogEpoch(d), latestHead(), stored]);
  if (epoch !== s.epoch) [s.acc, s.epoch] = [undefined, epoch]; // a restore replaced the log
  s.acc ??= (latest && (await restore(latest, await (stored ?? savedFrontier(d))))) || (await rebuild(d, latest));
  let acc = s.acc;
  for (let rows = await leavesFrom(d, acc.size); rows.length > 0; rows = await leavesFrom(d, acc.size)) {
    for (const row of rows) acc = await acc.append(leafOf(row, acc.size));
  }
  s.acc = acc;
  if (acc.size === 0 || (latest && latest.size >= acc.size)) return latest;
  const { privateKey } = await deviceKey();
  const head = await signTreeHead({ size: acc.size, root: toHex(await acc.root()), at: now() }, privateKey);
  const frontier: Frontier = { size: acc.size, peaks: acc.peaks.map(toHex) };
  await d.transaction('rw', d.heads, d.settings, async () => {
    await d.heads.put(head);
    const saved = (await d.settings.get(FRONTIER_KEY))?.value as Frontier | undefined;
    if (!saved || saved.size < frontier.size) await d.settings.put({ key: FRONTIER_KEY, value: frontier });
  });
  return head;
}

/**
 * The accumulator at the latest head, from the saved frontier, or null when there is none
 * that matches. MerkleAccumulator keeps its constructor private so peaks are not made up
 * casually; this restores a state the store wrote itself, and only after its root has been
 * checked against the signed root.
 */
async function restore(latest: SignedTreeHead, saved: Frontier | undefined): Promise<MerkleAccumulator | null> {
  if (!saved || saved.size !== latest.size) return null;
  const acc = Object.assign(Object.create(MerkleAccumulator.prototype) as MerkleAccumulator, {
    size: saved.size,
    peaks: saved.peaks.map((h) => fromHex(h)),
  });
  return toHex(await acc.root()) === latest.root ? acc : null;
}

async function savedFrontier(d: MetacompilerDb): Promise<Frontier | undefined> {
  return (await d.settings.get(FRONTIER_KEY))?.value as Frontier | undefined;
}

/** The accumulator over every stored leaf, checked against the latest head on the way. */
async function rebuild(d: MetacompilerDb, latest: SignedTreeHead | null): Promise<MerkleAccumulator> {
  let acc = MerkleAccumulator.empty();
  if (latest && latest.size === 0) await checkRoot(acc, latest);
  for (let rows = await leavesFrom(d, 0); rows.length > 0; rows = await leavesFrom(d, acc.size)) {
    for (const row of rows) {
      acc = await acc.append(leafOf(row, acc.size));
      if (latest && acc.size === latest.size) await checkRoot(acc, latest);
    }
  }
  if (latest && acc.size < latest.size) {
    throw new HeadMismatchError(latest.size, `the head signed ${latest.size} entries but the log holds ${acc.size}`);
  }
  return acc;
}

async function checkRoot(acc: MerkleAccumulator, head: SignedTreeHead): Promise<void> {
  if (toHex(await acc.root()) !== head.root) {
    throw new HeadMismatchError(head.size, `the stored leaves no longer give the root signed at size ${head.size}`);
  }
}

/** The next stored rows from `seq` on, a chunk at a time so a big backlog never holds the thread. */
function leavesFrom(d: MetacompilerDb, seq: number): Promise<LogRow[]> {
  return d.log.where('seq').aboveOrEqual(seq).limit(5000).toArray();
}

function leafOf(row: LogRow, expectedSeq: number): Uint8Array {
  if (row.seq !== expectedSeq) {
    throw new HeadMismatchError(expectedSeq, `log entry ${expectedSeq} is missing (found ${row.seq} in its place)`);
  }
  return fromHex(row.leafHash);
}

/** For tests and after a database switch: forget the in-memory accumulator. */
export function forgetAccumulator(): void {
  const s = stateOf(db());
  s.acc = undefined;
}
