/**
 * Writing tokens. Each formatter checks its output by parsing it back, so that whatever the
 * app writes into a spec is read back as the same token (and never as a malformed one).
 */
import type { BetOutcome, Quantile } from './types';
import type { Task } from './tasks';
import { ValidationError } from '../errors';
import { formatConfidence, formatDecimal, formatHours } from './numbers';
import { quote } from './quoted';
import { parseBetBody } from './bet';
import { parseNudgeBody, parseEvidenceBody } from './bracket';

export interface BetTokenInput {
  estimatedHours: number;
  confidence: number;
  /**
   * Further points of the range form. The primary estimate is always written first; a point
   * at the primary's hours is dropped (the primary wins), the rest follow in hours order.
   */
  quantiles?: readonly Quantile[];
  outcome?: BetOutcome;
  id?: string;
}

/** `[Bet: 4h @ 75%]`, `[Bet: 4h @ 75%, 6h @ 90% -> 5h miss #b_1]`; throws ValidationError. */
export function formatBetToken(bet: BetTokenInput): string {
  const primary = { hours: bet.estimatedHours, p: bet.confidence };
  const others = (bet.quantiles ?? []).filter((q) => q.hours !== primary.hours).sort((a, b) => a.hours - b.hours);
  const points = [primary, ...others].map((q) => `${formatHours(q.hours)} @ ${formatConfidence(q.p)}`);
  let body = points.join(', ');
  if (bet.outcome) {
    const actual = bet.outcome.actualHours !== undefined ? `${formatHours(bet.outcome.actualHours)} ` : '';
    body += ` -> ${actual}${bet.outcome.status}`;
  }
  if (bet.id !== undefined) body += ` #${bet.id}`;
  for (const [name, x] of [['estimatedHours', bet.estimatedHours], ['actualHours', bet.outcome?.actualHours ?? 1]] as const)
    if (!Number.isFinite(x) || x <= 0) throw new ValidationError(name, `must be a positive number of hours (got ${x})`);
  if (!(bet.confidence > 0 && bet.confidence < 1))
    throw new ValidationError('confidence', `must be strictly between 0 and 1 (got ${bet.confidence})`);
  const check = parseBetBody(body);
  if (!check.ok) throw new ValidationError('bet', check.reason);
  return `[Bet: ${body}]`;
}

/** Percentage points with a sign and at most one decimal: +15%, -7.5%, +0%. */
export function formatEffect(pp: number): string {
  const r = formatDecimal(pp, 1);
  return `${r.startsWith('-') ? '' : '+'}${r}%`;
}

/** `[Nudge: "label" -> +15%]`; `pp` is the effect in percentage points. */
export function formatNudgeToken(label: string, pp: number): string {
  if (!Number.isFinite(pp) || Math.abs(pp) > 100)
    throw new ValidationError('pp', `an effect is between -100 and +100 percentage points (got ${pp})`);
  const body = `${quote(label.trim())} -> ${formatEffect(pp)}`;
  const check = parseNudgeBody(body);
  if (!check.ok) throw new ValidationError('label', check.reason);
  return `[Nudge: ${body}]`;
}

/** `95% pass (n=100)`; `rate` is a fraction in [0, 1] and n a whole number of runs >= 1. */
export function formatPassRate(rate: number, n: number): string {
  if (!(rate >= 0 && rate <= 1)) throw new ValidationError('rate', `must be between 0 and 1 (got ${rate})`);
  if (!Number.isInteger(n) || n < 1) throw new ValidationError('n', `must be a whole number of runs, at least 1 (got ${n})`);
  return `${formatDecimal(rate * 100, 1)}% pass (n=${n})`;
}

/** `[Evidence: r_123]`. */
export function formatEvidenceToken(id: string): string {
  const check = parseEvidenceBody(id);
  if (!check.ok) throw new ValidationError('runId', check.reason);
  return `[Evidence: ${id.trim()}]`;
}

/** `citing: "a", "b"`. */
export function formatCiting(principles: readonly string[]): string {
  const cited = principles.map((p) => p.trim()).filter(Boolean);
  if (cited.length === 0) throw new ValidationError('principles', 'cite at least one principle');
  return `citing: ${cited.map(quote).join(', ')}`;
}

/** The task's text with its tokens removed and spaces collapsed: its title, e.g. for a bet. */
export function taskTitle(task: Task): string {
  let out = '';
  let at = task.textFrom;
  for (const tok of task.tokens) {
    if (tok.kind === 'path' || tok.from < task.textFrom) continue;
    out += task.text.slice(at - task.textFrom, tok.from - task.textFrom) + ' ';
    at = tok.to;
  }
  out += task.text.slice(Math.max(0, at - task.textFrom));
  return out.replace(/\s+/g, ' ').trim();
}
