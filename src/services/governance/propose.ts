import type { AutomationProposal } from './apply';
import { proposeAutomation, type ProposalResult } from './automation';
import { proposeShared } from './sharedProposals';
import { isShared } from './sharedSpecs';

/**
 * The door for automated changes to specs: on a spec shared with other devices the change is
 * proposed to everyone in it and waits for every steward's consent (sharedProposals.ts);
 * otherwise governance decides at once (apply, queue for a person, the chapel, or blocked).
 */
export function proposeGoverned(proposal: AutomationProposal): Promise<ProposalResult> {
  const specId = proposal.sharedSpecId;
  return specId !== undefined && isShared(specId) ? proposeShared(specId, proposal) : proposeAutomation(proposal);
}
