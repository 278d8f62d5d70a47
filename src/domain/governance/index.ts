export { DEFAULT_BETTING_RULES, DEFAULT_CONSTITUTION, LEGACY_PERSON_ONLY, personOnly } from './constitution';
export type { AnswerableTo, BettingRules, Constitution, SliceSpec, TrustLevel } from './constitution';
export { validateConstitution } from './constitutionValidate';
export {
  adoptFirstConstitution, amendConstitution, amendmentScar, changedFields, constitutionEvent, constitutionId,
} from './constitutionChain';
export type { ConstitutionRecord } from './constitutionChain';
export { ACTIONS, changesSpec, isActionKind, isHighHazard } from './actions';
export type { Action, ActionKind, Hazard } from './actions';
export { automatedInSession, currentSliceIndex, entriesInCurrentSlice, sliceIndexOf, sliceStatus } from './slice';
export type { FuseState, SliceStatus } from './slice';
export { decide } from './decide';
export type { Decision, DecisionContext, Verdict } from './decide';
export { ChapelError, abort, checkVeto, elapse, enterChapel, remaining, run, veto } from './chapel';
export type { ChapelIntent, ChapelState, ChapelStep } from './chapel';
export { learnerJitter, outsideCorridor, refitsInSlice, sliceJitter } from './jitter';
export type { RefitEffects } from './jitter';
export {
  CONSENT_STATES, applies, consentLogEvent, openProposal, positionOf, reduceConsent, refusal, replayConsent,
} from './consent';
export type { ConsentEvent, ConsentField, ConsentInput, ConsentState, SilentInput } from './consent';
export { budgetInvariants, consentInvariants, constitutionChain, pauseInvariants, rewriteBounds, scarAppendOnly } from './ethicsProofs';
export type { Check } from './ethicsProofs';
export { INVARIANT_NAMES, MERKLE_NOTE, ethicsHeader } from './ethicsHeader';
export type { EthicsHeader, EthicsSnapshot, InvariantName } from './ethicsHeader';
export { codePathChecks } from './invariantProbes';
