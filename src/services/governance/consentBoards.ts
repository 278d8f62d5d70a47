import { readBoard, type Checked, type ConsentBoard } from '../../domain/governance/consentBoard';
import { keyFingerprint, readRecord, verifyRecord, type ConsentRecord } from '../../domain/governance/consentRecords';
import { getSpec } from '../../store/specsRepo';
import { openConsentChannel, type ConsentChannel } from '../../sync/consentChannel';
import { logBoard } from './consentLog';
import { dropBoard, publishBoard } from './consentState';

/*
 * The consent boards of the shared specs this page watches: each spec's channel (a Y.Array in
 * its document, src/sync/consentChannel.ts) read through the domain (consentBoard.ts) after
 * every change, with each record's signature checked here. Every board is logged on this
 * device (consentLog.ts) before anything acts on it, then the hooks run (sharedProposals.ts:
 * publish this device's roster record, apply what every steward consented to).
 */

export type { ConsentBoard };
export type { SpecBoard } from './consentState';
export { boardOf, consentBoards, onConsentChange } from './consentState';

interface Attached {
  readonly specId: string;
  readonly channel: ConsentChannel;
  title: string;
  board: ConsentBoard;
  refs: number;
  /** Refreshes run one after another, so a board is never logged or acted on twice at once. */
  queue: Promise<void>;
  off: () => void;
}

export type BoardHook = (specId: string, board: ConsentBoard, channel: ConsentChannel) => Promise<void>;

const EMPTY: ConsentBoard = { participants: [], proposals: [], refusals: [] };
const attached = new Map<string, Attached>();
const hooks: BoardHook[] = [];
/** Signature checks already made: `${specId} ${sig} ${key}` -> valid. */
const verified = new Map<string, boolean>();

export function onBoard(hook: BoardHook): void {
  if (!hooks.includes(hook)) hooks.push(hook);
}

async function check(specId: string, entries: readonly unknown[]): Promise<Checked[]> {
  const parsed = entries.map((e) => readRecord(e));
  const rosterKeys = new Map<string, JsonWebKey>();
  const valid = async (r: ConsentRecord, jwk: JsonWebKey) => {
    const id = `${specId} ${r.sig} ${r.key}`;
    if (!verified.has(id)) verified.set(id, await verifyRecord(specId, r, jwk));
    return verified.get(id) === true;
  };
  const out: Checked[] = new Array<Checked>(parsed.length);
  // Roster records first: the keys they show are what every other record is checked against.
  for (const [i, r] of parsed.entries()) {
    if (typeof r === 'string' || r.type !== 'roster') continue;
    const ok = (await keyFingerprint(r.body.publicKeyJwk)) === r.key && (await valid(r, r.body.publicKeyJwk));
    if (ok && !rosterKeys.has(r.key)) rosterKeys.set(r.key, r.body.publicKeyJwk);
    out[i] = { id: r.sig, record: r, valid: ok };
  }
  for (const [i, r] of parsed.entries()) {
    if (typeof r === 'string') out[i] = { id: `entry-${i}`, record: null, problem: r, valid: false };
    else if (r.type !== 'roster') {
      const jwk = rosterKeys.get(r.key);
      out[i] = { id: r.sig, record: r, valid: jwk !== undefined && (await valid(r, jwk)) };
    }
  }
  return out;
}

async function refresh(a: Attached): Promise<void> {
  await a.channel.whenLoaded;
  const board = readBoard(await check(a.specId, a.channel.entries()));
  await logBoard(a.specId, board);
  a.board = board;
  publishBoard({ specId: a.specId, title: a.title, board });
  for (const hook of hooks) await hook(a.specId, board, a.channel);
}

function schedule(a: Attached): void {
  a.queue = a.queue.then(() => refresh(a)).catch((err: unknown) => console.warn(`consent on ${a.specId}:`, err instanceof Error ? err.message : err));
}

/** Watches a spec's consent channel until the returned function is called (counted: several callers share one). */
export function attachConsent(specId: string): () => void {
  let a = attached.get(specId);
  if (!a) {
    const channel = openConsentChannel(specId);
    const entry: Attached = { specId, channel, title: specId, board: EMPTY, refs: 0, queue: Promise.resolve(), off: () => undefined };
    entry.off = channel.subscribe(() => schedule(entry));
    attached.set(specId, entry);
    void getSpec(specId).then((s) => {
      if (s) entry.title = s.title;
      if (attached.get(specId) === entry) publishBoard({ specId, title: entry.title, board: entry.board });
    });
    schedule(entry);
    a = entry;
  }
  a.refs++;
  const mine = a;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--mine.refs > 0) return;
    attached.delete(specId);
    mine.off();
    mine.channel.close();
    dropBoard(specId);
  };
}

/** The channel of an attached spec (attach first). */
export function channelOf(specId: string): ConsentChannel | undefined {
  return attached.get(specId)?.channel;
}

/** Settles once every change seen so far, and every change that acting on them made, has been read, logged and acted on. */
export async function settled(specId: string): Promise<ConsentBoard> {
  const a = attached.get(specId);
  if (!a) return EMPTY;
  for (;;) {
    const q = a.queue;
    await q;
    if (a.queue === q) return a.board;
  }
}
