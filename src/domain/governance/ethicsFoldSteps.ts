import { changesSpec, isHighHazard } from './actions';
import { applies, openProposal, reduceConsent } from './consent';
import { HOLDS, brokenBy, stewardsOf, type Check } from './ethicsProofs';
import { flag, num, str } from './payload';
import { sliceIndexOf } from './slice';
import type { LogEntry } from '../ledger/logEntry';
import type { Constitution } from './constitution';
import type { ConsentField, ConsentState } from './consent';

/*
 * One entry's step of each check of ethicsProofs.ts, for the running fold (ethicsFold.ts).
 * Each step reads and writes only the keys ethicsFold's keysOf names for that entry.
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
/** A proposal's consent field and the stewards its proposal_opened entry named. */
export type ProposalFacts = ConsentField & { readonly stewards?: readonly string[] };
export type FoldValue = number | ActionFacts | ProposalFacts | ScarFacts;

/** Key-value access to the growing part of the state (a Map in memory, rows in the store). */
export interface FoldKeys {
  get(key: string): FoldValue | undefined;
  set(key: string, value: FoldValue): void;
}

/** The checks' answers so far (the fixed-size part of the fold's state). */
export type FoldChecks = {
  readonly pause: Check;
  readonly consent: Check;
  readonly budget: Check;
  readonly rewrite: Check;
  readonly scar: Check;
  readonly chain: Check;
  /** Distinct scar ids and restorations logged (compared with the store's tables). */
  readonly scarCount: number;
  readonly restorationCount: number;
  /** Id named by the last well-chained constitution entry. */
  readonly chainTip: string | null;
};

export const NO_CHECKS: FoldChecks = {
  pause: HOLDS, consent: HOLDS, budget: HOLDS, rewrite: HOLDS, scar: HOLDS, chain: HOLDS, scarCount: 0, restorationCount: 0, chainTip: null,
};

/** Entries whose checks depend on the constitution in force. */
export const RULED = new Set(['chapel_entered', 'pause_elapsed', 'veto_checked', 'action_applied', 'consent', 'proposal_opened']);

export const actionKey = (e: LogEntry) => `act:${str(e.payload, 'actionId') ?? ''}`;

/** Keys of a rule-dependent entry besides its slice keys (known only with the rules: sliceKeys). */
export function ruledKeys(e: LogEntry): string[] {
  const keys = [actionKey(e)];
  const proposalId = str(e.payload, 'proposalId');
  if (proposalId !== undefined) keys.push(`prop:${proposalId}`);
  const session = str(e.payload, 'sessionId');
  if (e.kind === 'action_applied' && session !== undefined) keys.push(`sess:${session}`);
  return keys;
}

/** The per-slice keys an action_applied entry touches under `rules`: E_ext spent and automated count. */
export function sliceKeys(e: LogEntry, rules: Constitution): string[] {
  const slice = sliceIndexOf(e, rules.slice);
  return [`spent:${slice}`, `auto:${slice}`];
}

export function foldScar(f: FoldChecks, e: LogEntry, keys: FoldKeys): FoldChecks {
  if (e.kind === 'scar') {
    const id = str(e.payload, 'id');
    const seen = id !== undefined && keys.get(`scar:${id}`) !== undefined;
    const scar = f.scar.ok && (id === undefined || seen) ? brokenBy(e) : f.scar;
    if (id === undefined || seen) return scar === f.scar ? f : { ...f, scar };
    keys.set(`scar:${id}`, { at: e.at });
    return { ...f, scar, scarCount: f.scarCount + 1 };
  }
  if (e.kind === 'restoration') {
    const created = keys.get(`scar:${str(e.payload, 'scarId') ?? ''}`) as ScarFacts | undefined;
    const scar = f.scar.ok && (created === undefined || e.at < (created.at as number)) ? brokenBy(e) : f.scar;
    return { ...f, scar, restorationCount: f.restorationCount + 1 };
  }
  if (e.kind === 'sample_data' && e.payload.action === 'removed') {
    // The sample workspace's scars (and any restorations of them) left the store with it, as
    // this entry records: the store's count is compared with the log's less those.
    const ids = Array.isArray(e.payload.scarIds) ? e.payload.scarIds.filter((id): id is string => typeof id === 'string') : [];
    const gone = ids.filter((id) => keys.get(`scar:${id}`) !== undefined).length;
    const restorations = typeof e.payload.restorations === 'number' ? e.payload.restorations : 0;
    return { ...f, scarCount: f.scarCount - gone, restorationCount: f.restorationCount - restorations };
  }
  return f;
}

export function foldChain(f: FoldChecks, e: LogEntry, hashes: ReadonlyMap<number, string>, c: Constitution | undefined): FoldChecks {
  if (!f.chain.ok) return f;
  const id = str(e.payload, 'id');
  if (c === undefined || id === undefined || e.payload.previousId !== f.chainTip || hashes.get(e.seq) !== id) return { ...f, chain: brokenBy(e) };
  return { ...f, chainTip: id };
}

/** The checks that depend on the constitution in force (`rules`) at `e`. */
export function foldRuled(f: FoldChecks, e: LogEntry, rules: Constitution, keys: FoldKeys): FoldChecks {
  let { pause, consent, budget, rewrite } = f;
  const key = actionKey(e);
  const id = str(e.payload, 'actionId') ?? '';
  let facts = (keys.get(key) as ActionFacts | undefined) ?? {};
  const before = facts;
  if (pause.ok) {
    if (e.kind === 'chapel_entered') facts = { ...facts, entered: { at: e.at, minPauseMs: rules.minPauseMs }, paused: false, checked: false };
    const start = facts.entered;
    if (e.kind === 'pause_elapsed' && start !== undefined) {
      const elapsed = num(e.payload, 'elapsedMs') ?? -1;
      const min = start.minPauseMs as number;
      if (elapsed >= min && e.at - start.at >= min) facts = { ...facts, paused: true };
    }
    if (e.kind === 'veto_checked' && facts.paused === true && e.payload.vetoed === false) facts = { ...facts, checked: true };
    if (e.kind === 'action_applied') {
      if (isHighHazard(e.payload.hazard) && (id === '' || facts.checked !== true)) pause = brokenBy(e);
      else facts = { ...facts, checked: false }; // one passage through the chapel allows one application
    }
  }
  const proposalId = str(e.payload, 'proposalId');
  if (consent.ok && proposalId !== undefined) {
    const prop: ProposalFacts = (keys.get(`prop:${proposalId}`) as ProposalFacts | undefined) ?? openProposal(proposalId, []);
    let next: ProposalFacts = prop;
    if (e.kind === 'proposal_opened' && prop.stewards === undefined) next = { ...next, stewards: stewardsOf(e.payload.stewards) };
    if (e.kind === 'consent') {
      const participant = str(e.payload, 'participant') ?? '';
      const by = str(e.payload, 'by') ?? '';
      const to = (str(e.payload, 'to') ?? '') as ConsentState;
      const stewards = next.stewards;
      const field = reduceConsent(next, { kind: 'consent', proposalId, participant, to, by, at: e.at });
      if (field !== next) next = stewards === undefined ? field : { ...field, stewards };
    }
    if (next !== prop) keys.set(`prop:${proposalId}`, next);
    if (e.kind === 'action_applied' && !applies(next, next.stewards ?? rules.answerableTo.primary)) consent = brokenBy(e);
  }
  if (e.kind === 'chapel_entered' && facts.chapel !== true) facts = { ...facts, chapel: true };
  if (e.kind === 'action_applied') {
    const [spentKey, autoKey] = sliceKeys(e, rules) as [string, string];
    const automated = flag(e.payload, 'automated');
    if (budget.ok) {
      const eExt = ((keys.get(spentKey) as number | undefined) ?? 0) + (num(e.payload, 'externalCost') ?? 0);
      keys.set(spentKey, eExt);
      if (automated && facts.chapel !== true && eExt > rules.eExtMax) budget = brokenBy(e);
    }
    if (rewrite.ok && automated) rewrite = foldRewrite(e, rules, keys, autoKey);
  }
  if (facts !== before) keys.set(key, facts);
  const same = pause === f.pause && consent === f.consent && budget === f.budget && rewrite === f.rewrite;
  return same ? f : { ...f, pause, consent, budget, rewrite };
}

/** rewriteBounds of ethicsProofs.ts for one automated action_applied. */
function foldRewrite(e: LogEntry, rules: Constitution, keys: FoldKeys, autoKey: string): Check {
  const inSlice = ((keys.get(autoKey) as number | undefined) ?? 0) + 1;
  keys.set(autoKey, inSlice);
  const session = str(e.payload, 'sessionId');
  let inSession = 0;
  if (session !== undefined) {
    inSession = ((keys.get(`sess:${session}`) as number | undefined) ?? 0) + 1;
    keys.set(`sess:${session}`, inSession);
  }
  if (inSession > rules.maxAutomatedPerSession || (num(e.payload, 'planDepth') ?? 1) > rules.maxPlanDepth) return brokenBy(e);
  if (rules.existentialAudit === true && (changesSpec(e.payload.action) || inSlice > rules.auditMaxSteps)) return brokenBy(e);
  return HOLDS;
}
