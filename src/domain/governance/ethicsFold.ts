import { isHighHazard } from './actions';
import { constitutionId } from './constitutionChain';
import { applies, openProposal, reduceConsent } from './consent';
import { flag, num, str } from './payload';
import { NO_STANDING, nextStanding, sliceIndexOf, type LogStanding } from './slice';
import type { LogEntry } from '../ledger/logEntry';
import type { Constitution } from './constitution';
import type { ConstitutionRecord } from './constitutionChain';
import type { ConsentField, ConsentState } from './consent';

/*
 * The proof handles of the ethics header (ethicsProofs.ts) as a running fold: the same
 * checks, one entry at a time, so a store can keep the answer for the whole log up to date in
 * the transaction of each append instead of re-reading 100k entries per request.
 *
 * The state is split in two. EthicsFold is small and fixed-size (flags, counters, the
 * constitution in force). What grows with the log (each scar id, each chapel action, each
 * proposal's consent field, E_ext spent per slice) lives under string keys, one value per
 * key, so an append reads and writes only the few keys its entries name (see keysOf):
 *   scar:<id>      the scar's `at`                       (scar_append_only)
 *   act:<id>       the chapel passage of an action id    (pause_invariants, budget_invariants)
 *   prop:<id>      a proposal's consent field            (consent_invariants)
 *   spent:<slice>  E_ext applied in a slice              (budget_invariants)
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

export type ActionFacts = {
  /** chapel_entered: when, and the pause the constitution in force asked for. */
  readonly entered?: { readonly at: number; readonly minPauseMs: unknown };
  readonly paused?: boolean;
  readonly checked?: boolean;
  /** Went through the chapel at least once (budget). */
  readonly chapel?: boolean;
};
/** A logged scar: its `at` (boxed, so a scar whose `at` is missing still counts as logged). */
export type ScarFacts = { readonly at: unknown };
export type FoldValue = number | ActionFacts | ConsentField | ScarFacts;

/** Key-value access to the growing part of the state (a Map in memory, rows in the store). */
export interface FoldKeys {
  get(key: string): FoldValue | undefined;
  set(key: string, value: FoldValue): void;
}

export type EthicsFold = {
  readonly version: 1;
  readonly standing: LogStanding;
  readonly scarOk: boolean;
  readonly pauseOk: boolean;
  readonly consentOk: boolean;
  readonly budgetOk: boolean;
  readonly chainOk: boolean;
  /** Id named by the last logged constitution (the chain's tip). */
  readonly chainTip: string | null;
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

export const EMPTY_FOLD: EthicsFold = {
  version: 1,
  standing: NO_STANDING,
  scarOk: true,
  pauseOk: true,
  consentOk: true,
  budgetOk: true,
  chainOk: true,
  chainTip: null,
  mode: 'pending',
  rules: null,
  pending: [],
};

const RULED = new Set(['chapel_entered', 'pause_elapsed', 'veto_checked', 'action_applied', 'consent']);

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

function asConstitution(v: unknown): Constitution | undefined {
  return typeof v === 'object' && v !== null ? (v as Constitution) : undefined;
}

const actionKey = (e: LogEntry) => `act:${str(e.payload, 'actionId') ?? ''}`;

/** The keys folding `e` reads or writes (given the fold's mode, which decides what waits). */
export function keysOf(e: LogEntry, fold: EthicsFold): string[] {
  if (e.kind === 'scar') {
    const id = str(e.payload, 'id');
    return id === undefined ? [] : [`scar:${id}`];
  }
  if (e.kind === 'restoration') return [`scar:${str(e.payload, 'scarId') ?? ''}`];
  if (e.kind === 'constitution' && fold.mode === 'pending' && asConstitution(e.payload.constitution) !== undefined) {
    return fold.pending.flatMap((p) => ruledKeys(p)); // the waiting entries are folded now
  }
  return RULED.has(e.kind) && fold.mode === 'known' ? ruledKeys(e) : [];
}

/** Keys of a rule-dependent entry (it may also name a slice, known only with the rules: see spentKey). */
function ruledKeys(e: LogEntry): string[] {
  const keys = [actionKey(e)];
  const proposalId = str(e.payload, 'proposalId');
  if (proposalId !== undefined) keys.push(`prop:${proposalId}`);
  return keys;
}

/** The `spent:` key an action_applied entry touches under the rules in force. */
function spentKey(e: LogEntry, rules: Constitution): string {
  return `spent:${sliceIndexOf(e, rules.slice)}`;
}

/** Every key a batch of entries needs, folded in order from `fold` (spent keys included). */
export function keysOfBatch(entries: readonly LogEntry[], fold: EthicsFold): string[] {
  const keys = new Set<string>();
  let f = fold;
  for (const e of entries) {
    for (const k of keysOf(e, f)) keys.add(k);
    // The spent key needs the rules in force at the entry: track them cheaply.
    if (e.kind === 'constitution') {
      const c = asConstitution(e.payload.constitution);
      if (f.mode === 'pending') {
        if (c !== undefined) {
          for (const p of f.pending) if (p.kind === 'action_applied') keys.add(spentKey(p, c));
          f = { ...f, mode: 'known', rules: c, pending: [] };
        } else f = { ...f, mode: 'deferred' };
      } else if (f.mode === 'known' && c !== undefined) f = { ...f, rules: c };
    } else if (e.kind === 'action_applied' && f.mode === 'known' && f.rules !== null) {
      keys.add(spentKey(e, f.rules));
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
  f = foldScar(f, e, keys);
  if (e.kind === 'constitution') {
    f = foldChain(f, e, hashes);
    const c = asConstitution(e.payload.constitution);
    if (f.mode === 'pending') {
      if (c === undefined) return { ...f, mode: 'deferred', pending: waiting(f, e) };
      let g: EthicsFold = { ...f, mode: 'known', rules: c, pending: [] };
      for (const p of f.pending) g = foldRuled(g, p, c, keys);
      return g;
    }
    if (f.mode === 'deferred') return { ...f, pending: waiting(f, e) };
    return c === undefined ? f : { ...f, rules: c };
  }
  if (!RULED.has(e.kind)) return f;
  if (f.mode !== 'known' || f.rules === null) return { ...f, pending: waiting(f, e) };
  return foldRuled(f, e, f.rules, keys);
}

/** The entry without anything a store added (a leaf hash): what a pending list keeps. */
function bare(e: LogEntry): LogEntry {
  return { seq: e.seq, kind: e.kind, at: e.at, payload: e.payload };
}

function foldScar(f: EthicsFold, e: LogEntry, keys: FoldKeys): EthicsFold {
  if (!f.scarOk) return f;
  if (e.kind === 'scar') {
    const id = str(e.payload, 'id');
    if (id === undefined || keys.get(`scar:${id}`) !== undefined) return { ...f, scarOk: false };
    keys.set(`scar:${id}`, { at: e.at });
  }
  if (e.kind === 'restoration') {
    const scar = keys.get(`scar:${str(e.payload, 'scarId') ?? ''}`) as ScarFacts | undefined;
    if (scar === undefined || e.at < (scar.at as number)) return { ...f, scarOk: false };
  }
  return f;
}

function foldChain(f: EthicsFold, e: LogEntry, hashes: ReadonlyMap<number, string>): EthicsFold {
  if (!f.chainOk) return f;
  const c = asConstitution(e.payload.constitution);
  const id = str(e.payload, 'id');
  if (c === undefined || id === undefined || e.payload.previousId !== f.chainTip) return { ...f, chainOk: false };
  if (hashes.get(e.seq) !== id) return { ...f, chainOk: false };
  return { ...f, chainTip: id };
}

/** The three checks that depend on the constitution in force (`rules`) at `e`. */
function foldRuled(f: EthicsFold, e: LogEntry, rules: Constitution, keys: FoldKeys): EthicsFold {
  let { pauseOk, consentOk, budgetOk } = f;
  const key = actionKey(e);
  const id = str(e.payload, 'actionId') ?? '';
  let facts = (keys.get(key) as ActionFacts | undefined) ?? {};
  const before = facts;
  // pause_invariants
  if (pauseOk) {
    if (e.kind === 'chapel_entered') facts = { ...facts, entered: { at: e.at, minPauseMs: rules.minPauseMs }, paused: false, checked: false };
    const start = facts.entered;
    if (e.kind === 'pause_elapsed' && start !== undefined) {
      const elapsed = num(e.payload, 'elapsedMs') ?? -1;
      const min = start.minPauseMs as number;
      if (elapsed >= min && e.at - start.at >= min) facts = { ...facts, paused: true };
    }
    if (e.kind === 'veto_checked' && facts.paused === true && e.payload.vetoed === false) facts = { ...facts, checked: true };
    if (e.kind === 'action_applied') {
      if (isHighHazard(e.payload.hazard) && (id === '' || facts.checked !== true)) pauseOk = false;
      else facts = { ...facts, checked: false }; // one passage through the chapel allows one application
    }
  }
  // consent_invariants
  const proposalId = str(e.payload, 'proposalId');
  if (consentOk && proposalId !== undefined) {
    const field = (keys.get(`prop:${proposalId}`) as ConsentField | undefined) ?? openProposal(proposalId, []);
    if (e.kind === 'consent') {
      const participant = str(e.payload, 'participant') ?? '';
      const by = str(e.payload, 'by') ?? '';
      const to = (str(e.payload, 'to') ?? '') as ConsentState;
      const next = reduceConsent(field, { kind: 'consent', proposalId, participant, to, by, at: e.at });
      if (next !== field) keys.set(`prop:${proposalId}`, next);
    }
    if (e.kind === 'action_applied' && !applies(field, rules.answerableTo.primary)) consentOk = false;
  }
  // budget_invariants
  if (budgetOk) {
    if (e.kind === 'chapel_entered' && facts.chapel !== true) facts = { ...facts, chapel: true };
    if (e.kind === 'action_applied') {
      const spent = spentKey(e, rules);
      const eExt = ((keys.get(spent) as number | undefined) ?? 0) + (num(e.payload, 'externalCost') ?? 0);
      keys.set(spent, eExt);
      if (flag(e.payload, 'automated') && facts.chapel !== true && eExt > rules.eExtMax) budgetOk = false;
    }
  }
  if (facts !== before) keys.set(key, facts);
  return pauseOk === f.pauseOk && consentOk === f.consentOk && budgetOk === f.budgetOk ? f : { ...f, pauseOk, consentOk, budgetOk };
}

export type EthicsProofs = {
  readonly pause_invariants: boolean;
  readonly consent_invariants: boolean;
  readonly scar_append_only: boolean;
  readonly budget_invariants: boolean;
  readonly constitution_chain: boolean;
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
      else f = foldRuled(f, e, rules, keys);
    }
  }
  const tipOk = f.chainTip === null ? current.previousId === null : f.chainTip === current.id;
  const chain = f.chainOk && (await constitutionId(current.constitution)) === current.id && tipOk;
  return {
    pause_invariants: f.pauseOk,
    consent_invariants: f.consentOk,
    scar_append_only: f.scarOk,
    budget_invariants: f.budgetOk,
    constitution_chain: chain,
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
