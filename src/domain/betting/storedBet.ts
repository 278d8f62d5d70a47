/**
 * Checks a bet that comes from outside (an import, a backup) field by field, collecting every
 * problem rather than stopping at the first, so a person can fix a file in one pass.
 */
import { ValidationError } from '../errors';
import { validateQuantiles } from './quantile';
import type { Bet } from './bet';
import type { Quantile } from './quantile';

export interface Where {
  file?: string;
  line?: number;
  /** Prefix for field names, e.g. "bets[3]." for JSON, where there are no useful lines. */
  fieldPrefix?: string;
}

const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isNonEmptyString = (x: unknown): x is string => typeof x === 'string' && x.trim() !== '';

/** Returns the bet, or the list of problems (each a ValidationError naming line and field). */
export function checkStoredBet(raw: Record<string, unknown>, where: Where = {}): Bet | ValidationError[] {
  const problems: ValidationError[] = [];
  const at = { ...(where.file !== undefined ? { file: where.file } : {}), ...(where.line !== undefined ? { line: where.line } : {}) };
  const problem = (field: string, message: string): void => {
    problems.push(new ValidationError(`${where.fieldPrefix ?? ''}${field}`, message, at));
  };
  const { id, task, specId, taskAnchor, estimatedHours, confidence, stake, principles, context, placedAt } = raw;
  const { quantiles, actualHours, completed, resolvedAt } = raw;

  if (!isNonEmptyString(id)) problem('id', 'is missing');
  if (!isNonEmptyString(task)) problem('task', 'is missing');
  if (specId !== undefined && typeof specId !== 'string') problem('specId', 'must be text');
  if (taskAnchor !== undefined && typeof taskAnchor !== 'string') problem('taskAnchor', 'must be text');
  if (!isFiniteNumber(estimatedHours) || estimatedHours <= 0) problem('estimatedHours', `must be a number above 0 (got ${show(estimatedHours)})`);
  if (!isFiniteNumber(confidence) || confidence <= 0 || confidence >= 1) {
    problem('confidence', `must be a probability strictly between 0 and 1 (got ${show(confidence)})`);
  }
  if (!isFiniteNumber(stake) || stake <= 0) problem('stake', `must be a number above 0 (got ${show(stake)})`);
  for (const [name, list] of [['principles', principles], ['context', context]] as const) {
    if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) problem(name, 'must be a list of text');
  }
  if (!isFiniteNumber(placedAt)) problem('placedAt', `must be a time (got ${show(placedAt)})`);
  if (quantiles !== undefined) {
    if (!Array.isArray(quantiles) || !quantiles.every((q) => typeof q === 'object' && q !== null)) {
      problem('quantiles', 'must be a list of {hours, p}');
    } else {
      try {
        validateQuantiles(quantiles as Quantile[], `${where.fieldPrefix ?? ''}quantiles`);
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        problem('quantiles', e.message.replace(/^[^:]*: /, ''));
      }
    }
  }

  // A resolution is all three of actualHours, completed and resolvedAt, or none of them.
  const parts = [actualHours, completed, resolvedAt].filter((x) => x !== undefined).length;
  if (parts > 0 && parts < 3) problem('resolvedAt', 'a resolved bet needs actualHours, completed and resolvedAt together');
  if (actualHours !== undefined && (!isFiniteNumber(actualHours) || actualHours < 0)) {
    problem('actualHours', `must be 0 or more hours (got ${show(actualHours)})`);
  }
  if (completed !== undefined && typeof completed !== 'boolean') problem('completed', `must be true or false (got ${show(completed)})`);
  if (resolvedAt !== undefined && !isFiniteNumber(resolvedAt)) problem('resolvedAt', `must be a time (got ${show(resolvedAt)})`);

  if (problems.length > 0) return problems;
  const bet: Bet = {
    id: id as string,
    task: task as string,
    estimatedHours: estimatedHours as number,
    confidence: confidence as number,
    stake: stake as number,
    principles: [...(principles as string[])],
    context: [...(context as string[])],
    placedAt: placedAt as number,
  };
  if (specId !== undefined) bet.specId = specId as string;
  if (taskAnchor !== undefined) bet.taskAnchor = taskAnchor as string;
  if (quantiles !== undefined) bet.quantiles = (quantiles as Quantile[]).map((q) => ({ hours: q.hours, p: q.p }));
  if (parts === 3) {
    bet.actualHours = actualHours as number;
    bet.completed = completed as boolean;
    bet.resolvedAt = resolvedAt as number;
  }
  return bet;
}

function show(x: unknown): string {
  if (x === undefined) return 'nothing';
  if (typeof x === 'string') return `"${x}"`;
  return typeof x === 'number' || typeof x === 'boolean' ? String(x) : typeof x;
}
