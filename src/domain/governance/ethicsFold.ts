import { constitutionId } from './constitutionChain';
import { asConstitution, type Check, type ScarCheck } from './ethicsProofs';
import {
  NO_CHECKS, RULED, foldChain, foldRuled, foldScar, ruledKeys, sliceKeys, type FoldChecks, type FoldKeys, type FoldValue,
} from './ethicsFoldSteps';
import { str } from './payload';
import { NO_STANDING, nextStanding, type LogStanding } from './slice';
import type { LogEntry } from '../ledger/logEntry';
import type { Constitution } from './constitution';
import type { ConstitutionRecord } from './constitutionChain';

export type { FoldKeys, FoldValue } from './ethicsFoldSteps';

/*
 * The proof handles of the ethics header (ethicsProofs.ts) as a running fold: the same
 * checks, one entry at a time, so a store can keep the answer for the whole log up to date in
 * the transaction of each append instead of re-reading 100k entries per request.
 *
 * The state is split in two. EthicsFold is small and fixed-size (each check's answer,
 * counters, the constitution in force). What grows with the log (each scar id, each chapel
 * action, each proposal's consent field and stewards, E_ext spent and automated actions per
 * slice, automated actions per session) lives under string keys, one value per key, so an
 * append reads and writes only the few keys its entries name (see keysOf):
 *   scar:<id>      the scar's `at`                               (scars)
 *   act:<id>       the chapel passage of an action id            (pause, budget)
 *   prop:<id>      a proposal's consent field and stewards       (consent)
 *   spent:<slice>  E_ext applied in a slice                      (budget)
 *   auto:<slice>   automated actions applied in a slice          (rewrite)
 *   sess:<id>      automated actions applied by a session        (rewrite)
 * The per-entry steps of each check are in ethicsFoldSteps.ts.
 *
 * The constitution in force at an entry is the last well-formed `constitution` entry at or
 * before it; before the first one, that first one; with none logged, the current one (which
 * only the reader knows). Entries whose checks depend on it wait in `pending` until it is
 * known, and the reader finishes them (finishFold). Constitution ids are SHA-256 (WebCrypto,
 * asynchronous), so the caller hashes them beforehand (constitutionHashes) and the fold itself
 * stays synchronous, as an IndexedDB transaction needs.
 * The reference is ethicsProofs.ts; test/unit/domain/governance/ethicsFold.test.ts checks
 * that both give the same answers on random logs.
 */

export type EthicsFold = FoldChecks & {
  readonly version: 2;
  readonly standing: LogStanding;
  /**
   * 'pending': no constitution entry yet; 'known': the first one was well-formed and `rules`
   * is the one in force; 'deferred': the first one was malformed, so the rules before the
   * first well-formed one are the current constitution, known only to the reader.
   */
  readonly mode: 'pending' | 'known' | 'deferred';
  readonly rules: Constitution | null;
  /** Rule-dependent entries (and, when deferred, constitution entries) not folded yet. */
  readonly pending: readonly LogEntry[];
};

export const EMPTY_FOLD: EthicsFold = { version: 2, standing: NO_STANDING, ...NO_CHECKS, mode: 'pending', rules: null, pending: [] };

/**
 * Entries that may wait for a constitution. The app logs its first constitution before
 * anything else, so a longer wait means a damaged log: the fold gives up (the store then
 * answers from every entry, the reference way) rather than carry it in every append.
 */
export const MAX_PENDING = 5000;

function waiting(f: EthicsFold, e: LogEntry): readonly LogEntry[] {
  if (f.pending.length >= MAX_PENDING) throw new Error(`ethics fold: more than ${MAX_PENDING} entries wait for a well-formed constitution`);
  return [...f.pending, bare(e)];
}

/** The keys folding `e` reads or writes (given the fold's mode, which decides what waits). */
export function keysOf(e: LogEntry, fold: EthicsFold): string[] {
  if (e.kind === 'scar') {
    const id = str(e.payload, 'id');
    return id === undefined ? [] : [`scar:${id}`];
  }
  if (e.kind === 'restoration') return [`scar:${str(e.payload, 'scarId') ?? ''}`];
  if (e.kind === 'sample_data' && Array.isArray(e.payload.scarIds)) {
    return e.payload.scarIds.filter((id): id is string => typeof id === 'string').map((id) => `scar:${id}`);
  }
  if (e.kind === 'constitution' && fold.mode === 'pending' && asConstitution(e.payload.constitution) !== undefined) {
    return fold.pending.flatMap((p) => ruledKeys(p)); // the waiting entries are folded now
  }
  return RULED.has(e.kind) && fold.mode === 'known' ? ruledKeys(e) : [];
}

/** Every key a batch of entries needs, folded in order from `fold` (slice keys included). */
export function keysOfBatch(entries: readonly LogEntry[], fold: EthicsFold): string[] {
  const keys = new Set<string>();
  let f = fold;
  for (const e of entries) {
    for (const k of keysOf(e, f)) keys.add(k);
    // The slice keys need the rules in force at the entry: track them cheaply.
    if (e.kind === 'constitution') {
      const c = asConstitution(e.payload.constitution);
      if (f.mode === 'pending') {
        if (c !== undefined) {
          for (const p of f.pending) if (p.kind === 'action_applied') for (const k of sliceKeys(p, c)) keys.add(k);
          f = { ...f, mode: 'known', rules: c, pending: [] };
        } else f = { ...f, mode: 'deferred' };
      } else if (f.mode === 'known' && c !== undefined) f = { ...f, rules: c };
    } else if (e.kind === 'action_applied' && f.mode === 'known' && f.rules !== null) {
      for (const k of sliceKeys(e, f.rules)) keys.add(k);
    } else if (RULED.has(e.kind) && f.mode === 'pending') {
      f = { ...f, pending: waiting(f, e) };
    }
  }
  return [...keys];
}

/** SHA-256 ids of the constitutions named by constitution entries (by seq), for foldEntry. */
export async function constitutionHashes(entries: readonly LogEntry[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  await Promise.all(
    entries.map(async (e) => {
      if (e.kind !== 'constitution') return;
      const c = asConstitution(e.payload.constitution);
      if (c !== undefined) out.set(e.seq, await constitutionId(c));
    }),
  );
  return out;
}

/** Folds one entry (entries come in seq order, each exactly once). */
export function foldEntry(fold: EthicsFold, e: LogEntry, keys: FoldKeys, hashes: ReadonlyMap<number, string>): EthicsFold {
  let f: EthicsFold = { ...fold, standing: nextStanding(fold.standing, e) };
  f = { ...f, ...foldScar(f, e, keys) };
  if (e.kind === 'constitution') {
    const c = asConstitution(e.payload.constitution);
    f = { ...f, ...foldChain(f, e, hashes, c) };
    if (f.mode === 'pending') {
      if (c === undefined) return { ...f, mode: 'deferred', pending: waiting(f, e) };
      let g: EthicsFold = { ...f, mode: 'known', rules: c, pending: [] };
      for (const p of f.pending) g = { ...g, ...foldRuled(g, p, c, keys) };
      return g;
    }
    if (f.mode === 'deferred') return { ...f, pending: waiting(f, e) };
    return c === undefined ? f : { ...f, rules: c };
  }
  if (!RULED.has(e.kind)) return f;
  if (f.mode !== 'known' || f.rules === null) return { ...f, pending: waiting(f, e) };
  return { ...f, ...foldRuled(f, e, f.rules, keys) };
}

/** The entry without anything a store added (a leaf hash): what a pending list keeps. */
function bare(e: LogEntry): LogEntry {
  return { seq: e.seq, kind: e.kind, at: e.at, payload: e.payload };
}

/** Every check's answer for a whole log (what ethicsProofs.ts computes the reference way). */
export type EthicsProofs = {
  readonly pause: Check;
  readonly consent: Check;
  readonly budget: Check;
  readonly rewrite: Check;
  readonly scar: ScarCheck;
  readonly chain: Check;
};

/**
 * The proof handles for the whole log: folds, in memory, what still waited for the current
 * constitution (until a well-formed first constitution is logged nothing rule-dependent has
 * been folded, so those checks start from empty keys), then checks the chain's tip against
 * the constitution in force.
 */
export async function finishFold(fold: EthicsFold, current: ConstitutionRecord): Promise<EthicsProofs> {
  let f = fold;
  if (f.mode !== 'known' && f.pending.length > 0) {
    const keys = new MemoryKeys();
    let rules: Constitution = current.constitution;
    for (const e of f.pending) {
      if (e.kind === 'constitution') rules = asConstitution(e.payload.constitution) ?? rules;
      else f = { ...f, ...foldRuled(f, e, rules, keys) };
    }
  }
  let chain = f.chain;
  if (chain.ok) {
    const tipOk = f.chainTip === null ? current.previousId === null : f.chainTip === current.id;
    if ((await constitutionId(current.constitution)) !== current.id || !tipOk) chain = { ok: false, brokenAt: null };
  }
  return {
    pause: f.pause,
    consent: f.consent,
    budget: f.budget,
    rewrite: f.rewrite,
    scar: { ...f.scar, scars: f.scarCount, restorations: f.restorationCount },
    chain,
  };
}

/** A Map-backed FoldKeys that remembers what was written (for a store to save). */
export class MemoryKeys implements FoldKeys {
  readonly values: Map<string, FoldValue>;
  readonly written = new Set<string>();
  constructor(values: Iterable<readonly [string, FoldValue]> = []) {
    this.values = new Map(values);
  }
  get(key: string): FoldValue | undefined {
    return this.values.get(key);
  }
  set(key: string, value: FoldValue): void {
    this.values.set(key, value);
    this.written.add(key);
  }
  /** The written keys and their values. */
  changes(): [string, FoldValue][] {
    return [...this.written].map((k) => [k, this.values.get(k) as FoldValue]);
  }
}

/** Folds a whole log from the start (tests, and a store building its first fold). */
export async function foldLog(entries: readonly LogEntry[], keys: FoldKeys = new MemoryKeys()): Promise<EthicsFold> {
  const hashes = await constitutionHashes(entries);
  let f = EMPTY_FOLD;
  for (const e of entries) f = foldEntry(f, e, keys, hashes);
  return f;
}
