import { ValidationError } from '../../domain/errors';
import { injectPriorsEdits } from '../../domain/spec/priorsBlock';
import { getSpec } from '../../store/specsRepo';
import type { AutomationProposal } from '../governance/apply';
import type { ProposalResult } from '../governance/automation';
import { proposeGoverned } from '../governance/propose';
import { currentPriors } from '../priors';
import { checkpointBeforeAutomatedChange, restoreCheckpoint } from './checkpoints';
import { applySpecEdits } from './edits';

/**
 * Injecting the learned priors into a spec (DOMAIN.md: trust level 3, a spec change with
 * one-click rollback). The block is rendered when the action runs, not when it is proposed:
 * an injection a person approves an hour later writes the priors of that moment. The spec's
 * "## Learned priors" section is replaced, or added at the end (domain/spec/priorsBlock.ts).
 * Built from plain params, so a queued injection still runs after a reload.
 */
export function injectPriorsProposal(specId: string, title: string): AutomationProposal {
  let checkpointId: string | undefined;
  return {
    action: 'inject_priors',
    intent: `write the learned priors into "${title}" (its "## Learned priors" section)`,
    params: { specId, title },
    sharedSpecId: specId,
    apply: {
      kind: 'external',
      async run() {
        const { promptBlock } = await currentPriors();
        // Refuse before taking a checkpoint: an empty block would change nothing.
        injectPriorsEdits('', promptBlock);
        checkpointId = (await checkpointBeforeAutomatedChange(specId, 'inject learned priors')).id;
        await applySpecEdits(specId, (text) => injectPriorsEdits(text, promptBlock));
      },
    },
    async rollback() {
      if (checkpointId) await restoreCheckpoint(checkpointId);
    },
  };
}

/** Proposes the injection through governance: applied, queued for a person, paused in the chapel, or (on a shared spec) put to its stewards' consent. */
export async function proposeInjectPriors(specId: string): Promise<ProposalResult> {
  const spec = await getSpec(specId);
  if (!spec || spec.deletedAt !== undefined) throw new ValidationError('spec', `no spec ${specId} in this browser`);
  // Say so now rather than after an approval: with no priors the action could only fail.
  injectPriorsEdits('', (await currentPriors()).promptBlock);
  return proposeGoverned(injectPriorsProposal(specId, spec.title));
}
