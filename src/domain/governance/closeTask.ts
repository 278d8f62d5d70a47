import { toggleTask, type TextEdit } from '../spec/edits';
import { parseTasks, type Task } from '../spec/tasks';
import { taskTitle } from '../spec/format';
import { DomainError } from '../errors';

/*
 * close_task, the automated action that ticks a task (trust level 3, rollback): which task it
 * means and the edit. The app proposes it when the bet on a task is resolved as completed (the
 * task is the one carrying that bet's token) or when a compile target passes (an accepted,
 * passing candidate: the open tasks that name the target's function). The task is found again
 * in the text as it is when the action runs, since an approval may come long after.
 */

/** Which task: the one carrying a bet's token, or else the one open task with this title. */
export type TaskLocator = { readonly betId: string; readonly title: string } | { readonly title: string };

/** The task is already ticked (or gone): closing it would change nothing. */
export class TaskNotOpenError extends DomainError {
  readonly title: string;
  readonly reason: 'ticked' | 'gone';
  constructor(title: string, reason: 'ticked' | 'gone') {
    super(reason === 'ticked' ? `the task "${title}" is already ticked` : `no task "${title}" in the spec any more`, 'TaskNotOpenError');
    this.title = title;
    this.reason = reason;
  }
}

export function locateTask(text: string, at: TaskLocator): Task | undefined {
  const tasks = parseTasks(text);
  if ('betId' in at) return tasks.find((t) => t.tokens.some((k) => k.kind === 'bet' && k.id === at.betId));
  return tasks.find((t) => !t.checked && taskTitle(t) === at.title) ?? tasks.find((t) => taskTitle(t) === at.title);
}

/** The edit that ticks the task; TaskNotOpenError when it is ticked already or gone. */
export function closeTaskEdits(text: string, at: TaskLocator): TextEdit[] {
  const task = locateTask(text, at);
  if (!task) throw new TaskNotOpenError(at.title, 'gone');
  if (task.checked) throw new TaskNotOpenError(at.title, 'ticked');
  return toggleTask(text, task);
}

const IDENT = /[\w$]/;

/** Open tasks whose title names `functionName` as a whole word (e.g. "Implement `slugify`"). */
export function openTasksNaming(text: string, functionName: string): Task[] {
  return parseTasks(text).filter((t) => {
    if (t.checked) return false;
    const title = taskTitle(t);
    for (let i = title.indexOf(functionName); i >= 0; i = title.indexOf(functionName, i + 1)) {
      const before = title[i - 1];
      const after = title[i + functionName.length];
      if ((before === undefined || !IDENT.test(before)) && (after === undefined || !IDENT.test(after))) return true;
    }
    return false;
  });
}

