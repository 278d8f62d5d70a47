import { gravestTone, isUnresolved } from '../scars/weight';
import {
  budgetInvariants, consentInvariants, constitutionChain, pauseInvariants, rewriteBounds, scarAppendOnly, type Check,
} from './ethicsProofs';
import { finishFold, type EthicsFold, type EthicsProofs } from './ethicsFold';
import { INVARIANT_NAMES, codePathChecks, type InvariantName } from './invariantProbes';
import { learnerJitter, type RefitEffects } from './jitter';
import { sliceIndexOf, sliceStatus, sliceStatusOf, type FuseState, type SliceStatus } from './slice';
import type { LogEntry } from '../ledger/logEntry';
import type { SignedTreeHead } from '../ledger/treeHead';
import type { Scar, Tone } from '../scars/types';
import type { ConstitutionRecord } from './constitutionChain';

export { INVARIANT_NAMES, type InvariantName };

export type EthicsSnapshot = {
  readonly constitution: ConstitutionRecord;
  readonly entries: readonly LogEntry[];
  /** Every scar in the store, with its restorations (tone, and the store's side of scars_monotone). */
  readonly scars: readonly Scar[];
  /** The latest signed tree head, or null before the first signing. */
  readonly sth: SignedTreeHead | null;
  readonly now: number;
};

export const MERKLE_NOTE = 'Merkle commitments, not zero-knowledge proofs';

type Evidence = { readonly holds: boolean; readonly broken_at: number | null };

/**
 * The seed's `compiler_ethics_v0_1` stub (DOMAIN.md section 4), key for key, followed by this
 * app's own keys (signed_root, proof_kind, ...), which a tool written against the seed ignores.
 */
export type EthicsHeader = {
  readonly compiler_ethics_v: '0.1';
  readonly answerable_to: { readonly primary: readonly string[]; readonly secondary: readonly string[]; readonly last_resort: string };
  readonly governance_stack: {
    readonly constitution_id: string;
    readonly existential_audit: boolean;
    readonly E_ext_max_const: number;
    readonly min_pause_ms_const: number;
  };
  /** The seed's invariant names, each listed only while its code path and the log both hold. */
  readonly invariants_wired: readonly InvariantName[];
  readonly trust_slice_status: {
    /** Learner jitter in this slice, percentage points; null with fewer than two refits to compare. */
    readonly beta1_lap: number | null;
    readonly veto_fuse_status: FuseState;
    readonly scar_tone: Tone;
    readonly unresolved_scar: boolean;
  };
  /** Booleans recomputed from the log, published with its signed root (Merkle commitments, not zero-knowledge proofs). */
  readonly zk_proof_handles: {
    readonly pause_invariants: boolean;
    readonly hazard_caps_respected: boolean;
    readonly consent_silence_bands_intact: boolean;
    readonly scars_monotone: boolean;
  };
  readonly proof_kind: 'merkle_commitment';
  readonly proof_note: typeof MERKLE_NOTE;
  readonly signed_root: { readonly size: number; readonly root: string; readonly at: number; readonly signature: string } | null;
  readonly log_size: number;
  readonly constitution_chain_intact: boolean;
  readonly slice_status: {
    readonly trust_level: number;
    readonly slice: { readonly kind: 'steps' | 'hours'; readonly length: number; readonly index: number };
    readonly e_ext: number;
    readonly automated_this_slice: number;
    readonly vetoes_this_slice: number;
    readonly unresolved_scars: number;
  };
  /** What each published answer rests on: the log check (and the first entry that broke it) and the code path. */
  readonly evidence: {
    readonly pause_invariants: Evidence;
    readonly e_ext_budget: Evidence;
    readonly rewrite_bounds: Evidence;
    readonly consent_silence_bands: Evidence;
    readonly scars_logged: Evidence & {
      readonly log: { readonly scars: number; readonly restorations: number };
      readonly store: { readonly scars: number; readonly restorations: number };
    };
    readonly constitution_chain: Evidence;
    readonly code_path: Readonly<Record<InvariantName, boolean>>;
  };
};

/**
 * The live header (served at /.well-known/compiler_ethics.json and shown on the Governance
 * page), computed from the log and the store; nothing in it is a constant. This is the
 * reference: it reads every entry. A store answers from a running fold instead
 * (ethicsHeaderFromFold), with the same result.
 */
export async function ethicsHeader(snapshot: EthicsSnapshot): Promise<EthicsHeader> {
  const { constitution: record, entries, scars, sth, now } = snapshot;
  const c = record.constitution;
  const proofs: EthicsProofs = {
    pause: pauseInvariants(entries, c),
    consent: consentInvariants(entries, c),
    budget: budgetInvariants(entries, c),
    rewrite: rewriteBounds(entries, c),
    scar: scarAppendOnly(entries),
    chain: await constitutionChain(entries, record),
  };
  return renderEthicsHeader({ record, status: sliceStatus(entries, c, now), sliceEntries: entries, proofs, scars, sth, now, size: entries.length });
}

export type EthicsFoldSnapshot = {
  readonly constitution: ConstitutionRecord;
  /** The fold of every entry of the log (ethicsFold.ts). */
  readonly fold: EthicsFold;
  /** The entries of the current slice (at least; others are ignored), in seq order. */
  readonly sliceEntries: readonly LogEntry[];
  readonly scars: readonly Scar[];
  readonly sth: SignedTreeHead | null;
  readonly now: number;
};

/** The same header from a running fold of the log and the entries of the current slice only. */
export async function ethicsHeaderFromFold(snapshot: EthicsFoldSnapshot): Promise<EthicsHeader> {
  const { constitution: record, fold, sliceEntries, scars, sth, now } = snapshot;
  const status = sliceStatusOf(fold.standing, sliceEntries, record.constitution, now);
  const proofs = await finishFold(fold, record);
  return renderEthicsHeader({ record, status, sliceEntries, proofs, scars, sth, now, size: fold.standing.size });
}

/** beta1_lap: learner jitter over the refits published in the current slice. */
function sliceJitterOf(entries: readonly LogEntry[], status: SliceStatus, record: ConstitutionRecord): number | null {
  const spec = record.constitution.slice;
  const refits = entries
    .filter((e) => e.kind === 'refit_recorded' && sliceIndexOf(e, spec) === status.sliceIndex)
    .map((e) => e.payload.effects)
    .filter((x): x is RefitEffects => typeof x === 'object' && x !== null && !Array.isArray(x));
  return learnerJitter(refits);
}

const evidence = (c: Check): Evidence => ({ holds: c.ok, broken_at: c.brokenAt });

type Parts = {
  record: ConstitutionRecord;
  status: SliceStatus;
  sliceEntries: readonly LogEntry[];
  proofs: EthicsProofs;
  scars: readonly Scar[];
  sth: SignedTreeHead | null;
  now: number;
  size: number;
};

function renderEthicsHeader(p: Parts): EthicsHeader {
  const { record, status, proofs, scars, sth, now } = p;
  const c = record.constitution;
  const stored = { scars: scars.length, restorations: scars.reduce((n, s) => n + s.restorations.length, 0) };
  const logged = { scars: proofs.scar.scars, restorations: proofs.scar.restorations };
  const scarsMatch = stored.scars === logged.scars && stored.restorations === logged.restorations;
  const scarsOk = proofs.scar.ok && scarsMatch;
  const logHalf: Record<InvariantName, boolean> = {
    E_EXT_RED_BOUNDARY: proofs.budget.ok,
    INDEPENDENT_VETO_CHAPEL: proofs.pause.ok,
    NO_UNBOUNDED_REWRITE_UNDER_AUDIT: proofs.rewrite.ok,
    SILENCE_BANDS_PROTECTED: proofs.consent.ok,
    SCARS_DURABLE_FORGIVENESS_BOUNDED: scarsOk,
  };
  const code = codePathChecks(c);
  const unresolved = scars.filter((s) => isUnresolved(s, now)).length;
  return {
    compiler_ethics_v: '0.1',
    answerable_to: { primary: [...c.answerableTo.primary], secondary: [...c.answerableTo.secondary], last_resort: c.answerableTo.lastResort },
    governance_stack: {
      constitution_id: record.id,
      existential_audit: c.existentialAudit,
      E_ext_max_const: c.eExtMax,
      min_pause_ms_const: c.minPauseMs,
    },
    invariants_wired: INVARIANT_NAMES.filter((n) => code[n] && logHalf[n]),
    trust_slice_status: {
      beta1_lap: sliceJitterOf(p.sliceEntries, status, record),
      veto_fuse_status: status.fuse,
      scar_tone: gravestTone(scars, now, c.forgivenessKernel),
      unresolved_scar: unresolved > 0,
    },
    zk_proof_handles: {
      pause_invariants: proofs.pause.ok,
      hazard_caps_respected: proofs.budget.ok && proofs.rewrite.ok,
      consent_silence_bands_intact: proofs.consent.ok,
      scars_monotone: scarsOk,
    },
    proof_kind: 'merkle_commitment',
    proof_note: MERKLE_NOTE,
    signed_root: sth === null ? null : { size: sth.size, root: sth.root, at: sth.at, signature: sth.signature },
    log_size: p.size,
    constitution_chain_intact: proofs.chain.ok,
    slice_status: {
      trust_level: c.trustLevel,
      slice: 'steps' in c.slice ? { kind: 'steps', length: c.slice.steps, index: status.sliceIndex } : { kind: 'hours', length: c.slice.hours, index: status.sliceIndex },
      e_ext: status.eExt,
      automated_this_slice: status.automatedThisSlice,
      vetoes_this_slice: status.vetoesThisSlice,
      unresolved_scars: unresolved,
    },
    evidence: {
      pause_invariants: evidence(proofs.pause),
      e_ext_budget: evidence(proofs.budget),
      rewrite_bounds: evidence(proofs.rewrite),
      consent_silence_bands: evidence(proofs.consent),
      scars_logged: { ...evidence(proofs.scar), holds: scarsOk, log: logged, store: stored },
      constitution_chain: evidence(proofs.chain),
      code_path: code,
    },
  };
}
