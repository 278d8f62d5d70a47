import {
  budgetInvariants,
  consentInvariants,
  constitutionChain,
  pauseInvariants,
  scarAppendOnly,
} from './ethicsProofs';
import { finishFold, type EthicsFold, type EthicsProofs } from './ethicsFold';
import { sliceStatus, sliceStatusOf, type SliceStatus } from './slice';
import type { LogEntry } from '../ledger/logEntry';
import type { SignedTreeHead } from '../ledger/treeHead';
import type { ConstitutionRecord } from './constitutionChain';
import type { FuseState } from './slice';

export type EthicsSnapshot = {
  readonly constitution: ConstitutionRecord;
  readonly entries: readonly LogEntry[];
  /** The latest signed tree head, or null before the first signing. */
  readonly sth: SignedTreeHead | null;
  readonly now: number;
};

export const MERKLE_NOTE = 'Merkle commitments, not zero-knowledge proofs';

export type EthicsHeader = {
  readonly schema: 'compiler_ethics_v0_1';
  readonly answerable_to: { readonly primary: readonly string[]; readonly secondary: readonly string[]; readonly last_resort: string };
  readonly governance_stack: readonly string[];
  readonly invariants_wired: Readonly<Record<string, boolean>>;
  readonly trust_slice_status: {
    readonly trust_level: number;
    readonly e_ext: number;
    readonly e_ext_max: number;
    readonly fuse: FuseState;
    readonly slice: { readonly kind: 'steps' | 'hours'; readonly length: number; readonly index: number };
    readonly automated_this_session: number;
    readonly existential_audit: boolean;
  };
  readonly proofs: {
    readonly pause_invariants: boolean;
    readonly consent_invariants: boolean;
    readonly scar_append_only: boolean;
    readonly budget_invariants: boolean;
    readonly constitution_chain: boolean;
    readonly signed_root: { readonly size: number; readonly root: string; readonly at: number; readonly signature: string } | null;
    readonly constitution_id: string;
    readonly note: typeof MERKLE_NOTE;
  };
};

/** The layers an automated action passes through, outermost first. */
export const GOVERNANCE_STACK = [
  'constitution',
  'trust_level',
  'existential_audit',
  'external_impact_budget',
  'chapel_pause',
  'veto_fuse',
  'consent_field',
  'scars',
  'signed_log',
] as const;

/**
 * The live `compiler_ethics_v0_1` header (served at /.well-known/compiler_ethics.json and
 * shown in the HUD). Every proof handle is recomputed from the log; the signed root lets a
 * reader tie those answers to the committed log. Booleans in invariants_wired say which
 * guards this configuration actually has switched on.
 * This is the reference: it reads every entry. A store answers from a running fold instead
 * (ethicsHeaderFromFold), with the same result.
 */
export async function ethicsHeader(snapshot: EthicsSnapshot): Promise<EthicsHeader> {
  const { constitution: record, entries, sth, now } = snapshot;
  const c = record.constitution;
  return renderEthicsHeader(record, sliceStatus(entries, c, now), {
    pause_invariants: pauseInvariants(entries, c),
    consent_invariants: consentInvariants(entries, c),
    scar_append_only: scarAppendOnly(entries),
    budget_invariants: budgetInvariants(entries, c),
    constitution_chain: await constitutionChain(entries, record),
  }, sth);
}

export type EthicsFoldSnapshot = {
  readonly constitution: ConstitutionRecord;
  /** The fold of every entry of the log (ethicsFold.ts). */
  readonly fold: EthicsFold;
  /** The entries of the current slice (at least; others are ignored), in seq order. */
  readonly sliceEntries: readonly LogEntry[];
  readonly sth: SignedTreeHead | null;
  readonly now: number;
};

/** The same header from a running fold of the log and the entries of the current slice only. */
export async function ethicsHeaderFromFold(snapshot: EthicsFoldSnapshot): Promise<EthicsHeader> {
  const { constitution: record, fold, sliceEntries, sth, now } = snapshot;
  const status = sliceStatusOf(fold.standing, sliceEntries, record.constitution, now);
  return renderEthicsHeader(record, status, await finishFold(fold, record), sth);
}

function renderEthicsHeader(record: ConstitutionRecord, status: SliceStatus, proofs: EthicsProofs, sth: SignedTreeHead | null): EthicsHeader {
  const c = record.constitution;
  return {
    schema: 'compiler_ethics_v0_1',
    answerable_to: { primary: [...c.answerableTo.primary], secondary: [...c.answerableTo.secondary], last_resort: c.answerableTo.lastResort },
    governance_stack: [...GOVERNANCE_STACK],
    invariants_wired: {
      trust_gate: c.trustLevel < 4,
      min_pause: c.minPauseMs > 0,
      e_ext_budget: Number.isFinite(c.eExtMax),
      veto_fuse: true,
      consent_silence_bands: c.answerableTo.primary.length > 0,
      scars_append_only: true,
      existential_audit: c.existentialAudit,
      signed_log: sth !== null,
    },
    trust_slice_status: {
      trust_level: c.trustLevel,
      e_ext: status.eExt,
      e_ext_max: c.eExtMax,
      fuse: status.fuse,
      slice: 'steps' in c.slice
        ? { kind: 'steps', length: c.slice.steps, index: status.sliceIndex }
        : { kind: 'hours', length: c.slice.hours, index: status.sliceIndex },
      automated_this_session: status.automatedThisSession,
      existential_audit: c.existentialAudit,
    },
    proofs: {
      ...proofs,
      signed_root: sth === null ? null : { size: sth.size, root: sth.root, at: sth.at, signature: sth.signature },
      constitution_id: record.id,
      note: MERKLE_NOTE,
    },
  };
}
