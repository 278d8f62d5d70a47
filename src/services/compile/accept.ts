import { acceptEdits } from '../../domain/compile/accept';
import type { ActionKind } from '../../domain/governance/actions';
import { ValidationError } from '../../domain/errors';
import { getCompilation } from '../../store/compilationsRepo';
import type { AutomationProposal } from '../governance/apply';
import type { ProposalResult } from '../governance/automation';
import { proposeGoverned } from '../governance/propose';
import { checkpointBeforeAutomatedChange, restoreCheckpoint } from '../specs/checkpoints';
import { proposeClosingTasksOfTarget } from '../specs/closeTask';
import { applySpecEdits } from '../specs/edits';

/**
 * "Accept" writes a candidate's code into its spec as a governed automated change (trust
 * level 3): through proposeAutomation, which applies it, queues it for a person, or sends it
 * through the chapel; when it runs, a checkpoint is taken first and the rollback restores it.
 * The proposal is built from plain params (the executor registered in governance/builtins.ts
 * rebuilds it), so a queued accept still runs after a reload.
 */
const ACCEPT_AS: ActionKind = 'accept_candidate';

export interface AcceptParams {
  compilationId: string;
  candidateId: string;
  /** For the intent only: the candidate's number, the compilation's time and its spec's title. */
  index: number;
  at: number;
  specTitle: string;
}

async function passingCandidate(compilationId: string, candidateId: string) {
  const compilation = await getCompilation(compilationId);
  const candidate = compilation?.candidates.find((c) => c.id === candidateId);
  if (!compilation || !candidate) throw new ValidationError('candidate', `no candidate ${candidateId} in compilation ${compilationId}`);
  if (!candidate.passed) throw new ValidationError('candidate', `candidate #${candidate.index} failed its tests; only a passing candidate can be accepted`);
  return { compilation, candidate };
}

export function acceptProposal(p: AcceptParams & { specId?: string }): AutomationProposal {
  let checkpointId: string | undefined;
  let writtenInto: string | undefined;
  return {
    action: ACCEPT_AS,
    intent: `write candidate #${p.index} of the compilation of ${new Date(p.at).toISOString()} into "${p.specTitle}" (a ts compiled block)`,
    params: { ...p, kind: ACCEPT_AS },
    ...(p.specId !== undefined ? { sharedSpecId: p.specId } : {}),
    apply: {
      kind: 'external',
      async run() {
        // Read again when it runs: an approval may come long after the proposal.
        const { compilation, candidate } = await passingCandidate(p.compilationId, p.candidateId);
        checkpointId = (await checkpointBeforeAutomatedChange(compilation.specId, `accept compiled candidate #${candidate.index}`)).id;
        await applySpecEdits(compilation.specId, (text) => acceptEdits(text, candidate.code));
        writtenInto = compilation.specId;
      },
    },
    // The target passes now: the open tasks that name its function are proposed closed, step 2.
    async after() {
      if (writtenInto !== undefined) await proposeClosingTasksOfTarget(writtenInto, 2);
    },
    async rollback() {
      if (checkpointId) await restoreCheckpoint(checkpointId);
    },
  };
}

/** Rebuilds a queued accept from the params recorded with it. */
export function acceptFromParams(params: Record<string, unknown>): AutomationProposal {
  return acceptProposal({
    compilationId: String(params.compilationId),
    candidateId: String(params.candidateId),
    index: Number(params.index),
    at: Number(params.at),
    specTitle: String(params.specTitle),
    ...(typeof params.specId === 'string' ? { specId: params.specId } : {}),
  });
}

export async function acceptCandidate(compilationId: string, candidateId: string): Promise<ProposalResult> {
  const { compilation, candidate } = await passingCandidate(compilationId, candidateId);
  return proposeGoverned(
    acceptProposal({ compilationId, candidateId, index: candidate.index, at: compilation.at, specTitle: compilation.specTitle, specId: compilation.specId }),
  );
}
