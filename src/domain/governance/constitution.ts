import { DEFAULT_KERNEL } from '../scars/kernels';
import type { ForgivenessKernel } from '../scars/kernels';
import type { ActionKind } from './actions';

/** 0 nothing; 1 read-only introspection; 2 pure data transforms; 3 spec changes with rollback; 4 everything. */
export type TrustLevel = 0 | 1 | 2 | 3 | 4;

/** A governance slice: a run of log steps (entries) or a span of wall-clock hours. */
export type SliceSpec = { readonly steps: number } | { readonly hours: number };

/** The numbers of DOMAIN.md section 2, frozen with the rest so a change to them is governed too. */
export type BettingRules = {
  readonly bullshitConfidence: number;
  readonly bullshitErrorRatio: number;
  readonly minEstimateHours: number;
  readonly credibilityStart: number;
  readonly bullshitPenalty: number;
  readonly missPenalty: number;
  readonly hitReward: number;
  readonly focusTokensStart: number;
  readonly forecastDraws: number;
  readonly forecastMinResolved: number;
  readonly forecastFallbackSigma: number;
  readonly principlePriorStrength: number;
  readonly principleDecisiveProbability: number;
};

export type AnswerableTo = {
  readonly primary: readonly string[];
  readonly secondary: readonly string[];
  readonly lastResort: string;
};

export type Constitution = {
  /** Budget of external impact per slice. */
  readonly eExtMax: number;
  readonly slice: SliceSpec;
  readonly minPauseMs: number;
  readonly trustLevel: TrustLevel;
  readonly maxAutomatedPerSession: number;
  readonly maxPlanDepth: number;
  readonly existentialAudit: boolean;
  readonly auditMaxSteps: number;
  readonly forgivenessKernel: ForgivenessKernel;
  readonly bettingRules: BettingRules;
  /** Learner jitter above maxPp percentage points leaves a scar. */
  readonly jitterCorridor: { readonly maxPp: number };
  readonly answerableTo: AnswerableTo;
  /**
   * Actions that always wait for a person's approval, whatever the trust level. Absent from
   * constitutions adopted before it was a parameter: for them it is LEGACY_PERSON_ONLY, what
   * the app did then (see personOnly).
   */
  readonly alwaysNeedsPerson?: readonly ActionKind[];
};

/** What constitutions without `alwaysNeedsPerson` meant: bulk deletion of evidence, as before. */
export const LEGACY_PERSON_ONLY: readonly ActionKind[] = ['bulk_delete_evidence'];

/** The actions that never run without a person under `c`. */
export function personOnly(c: Constitution): readonly ActionKind[] {
  return c.alwaysNeedsPerson ?? LEGACY_PERSON_ONLY;
}

export const DEFAULT_BETTING_RULES: BettingRules = {
  bullshitConfidence: 0.8,
  bullshitErrorRatio: 0.5,
  minEstimateHours: 0.1,
  credibilityStart: 1,
  bullshitPenalty: 0.15,
  missPenalty: 0.05,
  hitReward: 0.02,
  focusTokensStart: 100,
  forecastDraws: 10_000,
  forecastMinResolved: 5,
  forecastFallbackSigma: 0.5,
  principlePriorStrength: 4,
  principleDecisiveProbability: 0.8,
};

export const DEFAULT_CONSTITUTION: Constitution = {
  eExtMax: 10,
  slice: { steps: 16 },
  minPauseMs: 3000,
  trustLevel: 2,
  maxAutomatedPerSession: 10,
  maxPlanDepth: 5,
  existentialAudit: false,
  auditMaxSteps: 3,
  forgivenessKernel: DEFAULT_KERNEL,
  bettingRules: DEFAULT_BETTING_RULES,
  jitterCorridor: { maxPp: 5 },
  answerableTo: { primary: ['self'], secondary: [], lastResort: 'self' },
  alwaysNeedsPerson: ['bulk_delete_evidence'],
};
