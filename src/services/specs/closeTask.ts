import type { Bet } from '../../domain/betting/bet';
import { closeTaskEdits, locateTask, openTasksNaming, type TaskLocator } from '../../domain/governance/closeTask';
import { readCompileSpec } from '../../domain/compile/target';
import { taskTitle } from '../../domain/spec/format';
import { getSpec } from '../../store/specsRepo';
import { readSpecText } from '../../sync/specSession';
import type { AutomationProposal } from '../governance/apply';
import type { ProposalResult } from '../governance/automation';
import { proposeGoverned } from '../governance/propose';
import { checkpointBeforeAutomatedChange, restoreCheckpoint } from './checkpoints';
import { applySpecEdits } from './edits';

/*
 * The app proposes closing a task (ticking its box) when the task's bet is resolved as
 * completed, or when its spec's compile target passes (a passing candidate was accepted): the
 * open tasks that name the target's function. Closing is a governed change to the spec (trust
 * level 3): applied with a checkpoint and one-click rollback, queued for a person below that
 * level, put to the stewards' consent on a shared spec. Built from plain params, so a queued
 * close still runs after a reload (executor in governance/builtins.ts).
 */

export interface CloseTaskParams {
  readonly specId: string;
  readonly specTitle: string;
  /** The task's title (tokens left out), for the intent and to find it again. */
  readonly task: string;
  /** Set when the task carries this bet's token: that finds it even if its title changed. */
  readonly betId?: string;
  /** Why it is proposed, in words: "its bet was resolved as completed". */
  readonly because: string;
  /** Its step in an automated plan (2 after an accepted candidate). */
  readonly planDepth?: number;
}

export function closeTaskProposal(p: CloseTaskParams): AutomationProposal {
  const at: TaskLocator = p.betId !== undefined ? { betId: p.betId, title: p.task } : { title: p.task };
  let checkpointId: string | undefined;
  return {
    action: 'close_task',
    intent: `tick the task "${p.task}" in "${p.specTitle}" (${p.because})`,
    params: { ...p },
    sharedSpecId: p.specId,
    ...(p.planDepth !== undefined ? { planDepth: p.planDepth } : {}),
    apply: {
      kind: 'external',
      async run() {
        // Refuse before the checkpoint when it would change nothing (ticked by hand meanwhile).
        closeTaskEdits(await readSpecText(p.specId), at);
        checkpointId = (await checkpointBeforeAutomatedChange(p.specId, `close the task "${p.task}"`)).id;
        await applySpecEdits(p.specId, (text) => closeTaskEdits(text, at));
      },
    },
    async rollback() {
      if (checkpointId) await restoreCheckpoint(checkpointId);
    },
  };
}

export function closeTaskFromParams(params: Record<string, unknown>): AutomationProposal {
  return closeTaskProposal({
    specId: String(params.specId),
    specTitle: String(params.specTitle),
    task: String(params.task),
    because: String(params.because),
    ...(typeof params.betId === 'string' ? { betId: params.betId } : {}),
    ...(typeof params.planDepth === 'number' ? { planDepth: params.planDepth } : {}),
  });
}

/** What became of a proposed close, for the message after a resolution or an accept. */
export type TaskClosing =
  | { readonly task: string; readonly result: ProposalResult }
  | { readonly task: string; readonly problem: string };

async function propose(p: CloseTaskParams): Promise<TaskClosing> {
  try {
    return { task: p.task, result: await proposeGoverned(closeTaskProposal(p)) };
  } catch (err) {
    return { task: p.task, problem: err instanceof Error ? err.message : String(err) };
  }
}

/** After a bet is resolved: proposes closing its task when it was completed and the task is still open. */
export async function proposeClosingTaskOfBet(bet: Bet): Promise<TaskClosing | undefined> {
  const specId = bet.specId;
  if (bet.completed !== true || specId === undefined) return undefined;
  try {
    const spec = await getSpec(specId);
    if (!spec || spec.deletedAt !== undefined) return undefined;
    const task = locateTask(await readSpecText(specId), { betId: bet.id, title: bet.task });
    if (!task || task.checked) return undefined;
    return await propose({ specId, specTitle: spec.title, task: taskTitle(task), betId: bet.id, because: 'its bet was resolved as completed' });
  } catch (err) {
    // The bet is resolved whatever happens here: say why its task was not proposed closed.
    return { task: bet.task, problem: err instanceof Error ? err.message : String(err) };
  }
}

/** After a passing candidate is written into a spec: proposes closing each open task naming the target function. */
export async function proposeClosingTasksOfTarget(specId: string, planDepth: number): Promise<TaskClosing[]> {
  let spec: Awaited<ReturnType<typeof getSpec>>;
  let text: string;
  let functionName: string;
  try {
    spec = await getSpec(specId);
    if (!spec || spec.deletedAt !== undefined) return [];
    text = await readSpecText(specId);
    functionName = readCompileSpec(text).target.functionName;
  } catch (err) {
    // The accept it follows has happened; the target may have been edited away meanwhile.
    console.warn(`no task closing after the accept into ${specId}:`, err instanceof Error ? err.message : err);
    return [];
  }
  const out: TaskClosing[] = [];
  for (const task of openTasksNaming(text, functionName)) {
    out.push(await propose({ specId, specTitle: spec.title, task: taskTitle(task), because: `its compile target ${functionName} passes every test`, planDepth }));
  }
  return out;
}

/** The outcome in words: "Closing the task “X” waits for your approval on the Governance page." */
export function closingWords(c: TaskClosing): string {
  const name = `Closing the task “${c.task}”`;
  if ('problem' in c) return `${name} could not be proposed: ${c.problem}.`;
  switch (c.result.verdict) {
    case 'apply':
      return `The task “${c.task}” is ticked (undo it from Governance).`;
    case 'queue':
      return `${name} waits for your approval on the Governance page.`;
    case 'chapel':
      return `${name} is in the chapel: it runs after the pause unless vetoed.`;
    case 'consent':
      return `${name} is proposed to everyone sharing the spec: ${c.result.reason}.`;
    case 'blocked':
      return `${name} was blocked: ${c.result.reason}.`;
  }
}
