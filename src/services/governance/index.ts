/** Governance for pages and other features: the one import path for src/ui. */
export { ACTIONS } from '../../domain/governance/actions';
export type { Action, ActionKind, Hazard } from '../../domain/governance/actions';
export { DEFAULT_CONSTITUTION, personOnly } from '../../domain/governance/constitution';
export type { Constitution, TrustLevel } from '../../domain/governance/constitution';
export { validateConstitution } from '../../domain/governance/constitutionValidate';
export type { FuseState } from '../../domain/governance/slice';
export { remaining } from '../../domain/governance/chapel';
export type { ChapelIntent } from '../../domain/governance/chapel';
export { proposeAutomation, registerExecutor, rollBack, rollbackable, onRollbackableChange } from './automation';
export type { AutomationProposal, ApplyPlan, ProposalResult, Rollbackable } from './automation';
export { approvalQueue, approveAction, canRun, rejectAction, ProposalUnavailableError, GovernanceRefusalError } from './approvals';
export type { ApprovalRow } from './approvals';
export { chapel } from './chapel';
export type { ChapelOutcome, ChapelView } from './chapel';
export { constitutions, ensureConstitution, proposeAmendment } from './constitution';
export type { Amendment, ConstitutionRow } from './constitution';
export { resetFuse, FuseNotTrippedError } from './fuse';
export { modeView, moveTo, onModeChange, inMode, MODES } from './mode';
export type { Mode, ModeView } from './mode';
export {
  CONSENT_STATES, applyConsented, consentFieldOf, declare, memoryConsentChannel, positionOf, proposalApplies, waitingFor,
  ConsentMissingError, ConsentRefusedError,
} from './consent';
export type { ConsentChannel, ConsentEvent, ConsentField, ConsentProposal, ConsentState } from './consent';
export { attachProposal, onSharedProposalsChange, sharedProposals } from './consentRegistry';
export type { SharedProposal } from './consentRegistry';
export { proposeBulkDelete, proposeRefit } from './builtins';
export { hud } from './hud';
export type { HudView } from './hud';
export { startGovernance } from './startup';
