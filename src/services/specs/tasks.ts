import { StaleEditError, insertEvidenceUnderTask, toggleTask } from '../../domain/spec/edits';
import { taskTitle } from '../../domain/spec/format';
import { parseTasks, type Task } from '../../domain/spec/tasks';
import type { BetToken } from '../../domain/spec/types';
import type { Run } from '../../domain/evidence/run';
import { editSpecText } from '../../sync/specText';
import { recordTaskRun } from './taskRuns';

export type { Task };

/** How a surface names a task it showed: its line and its text then. */
export interface TaskRef {
  line: number;
  text: string;
}

/**
 * The task a surface meant, in the text as it is now: the same line and text, or else the one
 * task with that text (lines above it may have been added or removed meanwhile).
 */
export function findTask(text: string, ref: TaskRef): Task {
  const tasks = parseTasks(text);
  const exact = tasks.find((t) => t.line === ref.line && t.text === ref.text);
  if (exact) return exact;
  const same = tasks.filter((t) => t.text === ref.text);
  if (same.length === 1) return same[0]!;
  throw new StaleEditError(`the task "${ref.text}"`);
}

export interface TaskCheckResult {
  checked: boolean;
  /** The trace run recorded when the task was checked. */
  run?: Run;
  /** The bet on the task's line, when it has one, so the caller can offer to resolve it. */
  bet?: BetToken;
  title: string;
}

/**
 * Ticks or unticks a task from any surface: exactly the character in its brackets changes.
 * Checking records a trace run (source `task`) and writes `[Evidence: id]` under the task.
 */
export async function setTaskChecked(specId: string, ref: TaskRef, checked: boolean): Promise<TaskCheckResult> {
  let changed = false;
  let title = '';
  let bet: BetToken | undefined;
  const { text } = await editSpecText(specId, (current) => {
    const task = findTask(current, ref);
    title = taskTitle(task);
    bet = task.tokens.find((t): t is BetToken => t.kind === 'bet');
    if (task.checked === checked) return [];
    changed = true;
    return toggleTask(current, task);
  });
  const result: TaskCheckResult = { checked, title };
  if (bet) result.bet = bet;
  if (!changed || !checked) return result;
  const run = await recordTaskRun({ specId, specText: text });
  await editSpecText(specId, (current) => insertEvidenceUnderTask(current, findTask(current, ref), run.id));
  result.run = run;
  return result;
}
