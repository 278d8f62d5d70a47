import type { EthicsHeader, InvariantName } from '../../../services/log';

const counted = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** What each published invariant claims, what of the code it probes, and which log entries stand behind it. */
export interface InvariantWords {
  name: InvariantName;
  claim: (h: EthicsHeader) => string;
  codePath: string;
  /** The log check's evidence in the header. */
  log: (h: EthicsHeader) => { holds: boolean; broken_at: number | null };
  kinds: string[];
}

export const INVARIANT_WORDS: InvariantWords[] = [
  {
    name: 'E_EXT_RED_BOUNDARY',
    claim: (h) =>
      `No automated action outside the chapel took a slice's external impact past the budget (E_ext_max ${h.governance_stack.E_ext_max_const}); ${h.slice_status.e_ext} used in this slice.`,
    codePath: 'Governance sends an action whose cost would cross the budget to the chapel instead of applying it.',
    log: (h) => h.evidence.e_ext_budget,
    kinds: ['action_applied', 'chapel_entered'],
  },
  {
    name: 'INDEPENDENT_VETO_CHAPEL',
    claim: (h) =>
      `Every high-hazard action in the log entered the chapel, waited its full pause (${h.governance_stack.min_pause_ms_const} ms now) and passed a clean veto check before it ran.`,
    codePath: 'High hazard goes to the chapel (blocked while the fuse is tripped); its pause cannot end early, and a vetoed action can only be aborted.',
    log: (h) => h.evidence.pause_invariants,
    kinds: ['chapel_entered', 'pause_elapsed', 'veto', 'veto_checked', 'chapel_aborted', 'action_applied'],
  },
  {
    name: 'NO_UNBOUNDED_REWRITE_UNDER_AUDIT',
    claim: () =>
      'Every automated action stayed within its session’s cap and the plan depth, and under existential audit changed no spec and kept to the steps per slice.',
    codePath: 'The session cap, the plan depth and existential audit each send automation to the approval queue.',
    log: (h) => h.evidence.rewrite_bounds,
    kinds: ['action_applied', 'session_started'],
  },
  {
    name: 'SILENCE_BANDS_PROTECTED',
    claim: () =>
      'Every applied proposal on a shared spec had an explicit, signed consent from each of its primary stewards; listening, abstaining, a timer or another person’s word never counted.',
    codePath: 'The consent field moves only on a participant’s own event; silence and timeouts never apply a proposal.',
    log: (h) => h.evidence.consent_silence_bands,
    kinds: ['proposal_opened', 'consent', 'consent_refused', 'action_applied', 'proposal_applied'],
  },
  {
    name: 'SCARS_DURABLE_FORGIVENESS_BOUNDED',
    claim: (h) =>
      `Each scar is logged once and never removed (the log records ${counted(h.evidence.scars_logged.log.scars, 'scar')} and ${counted(h.evidence.scars_logged.log.restorations, 'restoration')}, the store holds ${h.evidence.scars_logged.store.scars} and ${h.evidence.scars_logged.store.restorations}); every restoration follows its scar.`,
    codePath: 'Under the forgiveness kernel in force an unresolved scar keeps its weight and a restored one never fades below the floor.',
    log: (h) => h.evidence.scars_logged,
    kinds: ['scar', 'restoration'],
  },
];

/** The four proof handles: what each says, and the invariants whose log checks it is made of. */
export const HANDLE_WORDS: { key: keyof EthicsHeader['zk_proof_handles']; says: string; from: InvariantName[] }[] = [
  { key: 'pause_invariants', says: 'every high-hazard action had its chapel passage', from: ['INDEPENDENT_VETO_CHAPEL'] },
  { key: 'hazard_caps_respected', says: 'the impact budget, the session cap, the plan depth and audit limits held', from: ['E_EXT_RED_BOUNDARY', 'NO_UNBOUNDED_REWRITE_UNDER_AUDIT'] },
  { key: 'consent_silence_bands_intact', says: 'no shared change applied on silence', from: ['SILENCE_BANDS_PROTECTED'] },
  { key: 'scars_monotone', says: 'scars only ever accumulate, and the log holds each one', from: ['SCARS_DURABLE_FORGIVENESS_BOUNDED'] },
];

export const logLink = (kinds: readonly string[]) => `/log?kinds=${kinds.join(',')}`;
export const entryLink = (seq: number) => `/log?entry=${seq}`;
