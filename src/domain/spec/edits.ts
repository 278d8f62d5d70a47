/**
 * Text edits as plain operations. Every surface of a spec writes back to its one Y.Text, and
 * the sync layer applies these as delete-then-insert at exact offsets. Each function checks
 * that the text still reads as the task or token it was given: offsets taken from an older
 * text would otherwise land in the wrong place, so a stale target throws StaleEditError and
 * the caller re-reads the text and tries again.
 */
import type { Token } from './types';
import type { Task } from './tasks';
import type { BetTokenInput } from './format';
import { ValidationError } from '../errors';
import type { TextEdit } from './textEdit';
import { formatBetToken, formatEvidenceToken } from './format';
import { parseTokens } from './tokens';
import { StaleEditError } from './errors';
export { StaleEditError };
import { lineBreakOf } from './lines';

export { formatBetToken, formatCiting, formatEffect, formatEvidenceToken, formatNudgeToken, formatPassRate } from './format';
export type { BetTokenInput } from './format';
export { applyEdits, type TextEdit } from './textEdit';

function checkTask(text: string, task: Task): void {
  const box = text[task.checkFrom];
  const fresh =
    text[task.checkFrom - 1] === '[' &&
    text[task.checkFrom + 1] === ']' &&
    (box === ' ' || box === 'x' || box === 'X') &&
    (box !== ' ') === task.checked &&
    text.slice(task.textFrom, task.textTo) === task.text;
  if (!fresh) throw new StaleEditError(`the task on line ${task.line}`);
}

/** Ticks or unticks a task by rewriting exactly the one character inside its brackets. */
export function toggleTask(text: string, task: Task): TextEdit[] {
  checkTask(text, task);
  return [{ from: task.checkFrom, to: task.checkFrom + 1, insert: task.checked ? ' ' : 'x' }];
}

/** Replaces a token's text, e.g. a bet token with its resolved form. */
export function replaceToken(text: string, token: Token, newRaw: string): TextEdit[] {
  if (text.slice(token.from, token.to) !== token.raw) throw new StaleEditError(`the token "${token.raw}"`);
  return [{ from: token.from, to: token.to, insert: newRaw }];
}

/**
 * Puts a bet token at the end of the task's text, or, when the line already has a bet token
 * (well-formed or not), replaces that one: a task carries one bet.
 */
export function insertBetToken(text: string, task: Task, bet: string | BetTokenInput): TextEdit[] {
  checkTask(text, task);
  const raw = typeof bet === 'string' ? bet : formatBetToken(bet);
  const parsed = parseTokens(raw);
  if (parsed.length !== 1 || parsed[0]?.kind !== 'bet' || parsed[0].raw !== raw)
    throw new ValidationError('bet', `"${raw}" is not one well-formed bet token`);
  const existing = task.tokens.find((t) => t.kind === 'bet' || (t.kind === 'malformed' && t.intended === 'bet'));
  if (existing) return replaceToken(text, existing, raw);
  return [{ from: task.textTo, to: task.textTo, insert: ' ' + raw }];
}

/**
 * Records a run under a task as a child list item, `<child indent>- [Evidence: id]`, after
 * the task's existing children (oldest evidence first): at the end of its list item in the
 * Markdown tree. The indent is the task's content column, which makes the line a child item
 * in CommonMark. Does nothing when the same evidence is already under the task, so repeating
 * the call is harmless.
 */
export function insertEvidenceUnderTask(text: string, task: Task, runId: string): TextEdit[] {
  checkTask(text, task);
  const token = formatEvidenceToken(runId);
  const end = task.itemTo;
  const id = runId.trim();
  const already = parseTokens(text).some((t) => t.kind === 'evidence' && t.id === id && t.from >= task.to && t.to <= end);
  if (already) return [];
  return [{ from: end, to: end, insert: `${lineBreakOf(text)}${' '.repeat(task.contentIndent)}- ${token}` }];
}
