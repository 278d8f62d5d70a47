import { acceptEdits } from '../../domain/compile/accept';
import type { ActionKind } from '../../domain/governance/actions';
import { ValidationError } from '../../domain/errors';
import { getCompilation } from '../../store/compilationsRepo';
import { proposeAutomation, type ProposalResult } from '../governance/automation';
import { checkpointBeforeAutomatedChange, restoreCheckpoint } from '../specs/checkpoints';
import { applySpecEdits } from '../specs/edits';

/**
 * "Accept" writes a candidate's code into its spec as a governed automated change (trust
 * level 3): through proposeAutomation, which applies it, queues it for a person, or sends it
 * through the chapel; when it runs, a checkpoint is taken first and the rollback restores it.
 *
 * A queued accept runs only while its page stays open (no executor is registered to rebuild
 * it after a reload yet).
 */
const ACCEPT_AS: ActionKind = 'accept_candidate';

export async function acceptCandidate(compilationId: string, candidateId: string): Promise<ProposalResult> {
  const compilation = await getCompilation(compilationId);
  const candidate = compilation?.candidates.find((c) => c.id === candidateId);
  if (!compilation || !candidate) throw new ValidationError('candidate', `no candidate ${candidateId} in compilation ${compilationId}`);
  if (!candidate.passed) throw new ValidationError('candidate', `candidate #${candidate.index} failed its tests; only a passing candidate can be accepted`);
  const { specId } = compilation;
  let checkpointId: string | undefined;
  return proposeAutomation({
    action: ACCEPT_AS,
    intent: `write candidate #${candidate.index} of the compilation of ${new Date(compilation.at).toISOString()} into "${compilation.specTitle}" (a ts compiled block)`,
    params: { specId, compilationId, candidateId, kind: 'accept_candidate' },
    apply: {
      kind: 'external',
      async run() {
        checkpointId = (await checkpointBeforeAutomatedChange(specId, `accept compiled candidate #${candidate.index}`)).id;
        await applySpecEdits(specId, (text) => acceptEdits(text, candidate.code));
      },
    },
    async rollback() {
      if (checkpointId) await restoreCheckpoint(checkpointId);
    },
  });
}
