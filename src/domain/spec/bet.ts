/**
 * The body of a bet token, after `[Bet:` and before `]`:
 *
 *   quantile ("," quantile)* [("->" | "→") [duration] ("hit" | "miss" | "abandoned")] ["#" id]
 *   quantile := duration "@" percent          e.g. 4h @ 75%, 90m @ 50%
 *
 * The first quantile is the primary estimate (the bet's estimatedHours and confidence). The
 * quantiles, taken as a set, must describe a distribution: distinct hours, and confidence
 * rising with hours. The outcome word is the record (the store resolved the bet); it is
 * checked only against plain contradiction: a hit needs actual <= estimated, a miss actual
 * >= estimated (equality allowed, since both numbers are rounded when written).
 */
import type { BetOutcome, BetStatus, BetToken, Body, BodyResult, Quantile } from './types';
import { formatConfidence, formatHours, parseHours, parsePercent } from './numbers';
import type { Parsed } from './numbers';

export const BET_ID = /^[A-Za-z0-9_-]+$/;

/** `4h @ 75%` -> a quantile whose probability (the confidence written) is strictly between 0 and 1. */
export function parseQuantile(text: string): Parsed<Quantile> {
  const at = text.indexOf('@');
  if (at === -1) return { ok: false, reason: `expected "hours @ confidence", like 4h @ 75% (got "${text.trim()}")` };
  const hours = parseHours(text.slice(0, at));
  if (!hours.ok) return hours;
  const pct = parsePercent(text.slice(at + 1));
  if (!pct.ok) return pct;
  if (pct.value <= 0 || pct.value >= 1)
    return { ok: false, reason: `confidence ${text.slice(at + 1).trim()} is not strictly between 0% and 100%` };
  return { ok: true, value: { hours: hours.value, p: pct.value } };
}

/** `4h @ 50%, 6h @ 80%` -> quantiles in written order, checked to form a distribution. */
export function parseQuantiles(text: string): Parsed<Quantile[]> {
  const out: Quantile[] = [];
  for (const part of text.split(',')) {
    const q = parseQuantile(part);
    if (!q.ok) return q;
    out.push(q.value);
  }
  const bad = checkMonotone(out);
  return bad ? { ok: false, reason: bad } : { ok: true, value: out };
}

function checkMonotone(qs: readonly Quantile[]): string | undefined {
  const sorted = [...qs].sort((a, b) => a.hours - b.hours);
  for (let i = 1; i < sorted.length; i++) {
    const lo = sorted[i - 1];
    const hi = sorted[i];
    if (!lo || !hi) continue;
    const show = (q: Quantile) => `${formatHours(q.hours)} @ ${formatConfidence(q.p)}`;
    if (lo.hours === hi.hours) return `two confidences for ${formatHours(lo.hours)}`;
    if (hi.p <= lo.p) return `confidence must rise with hours: ${show(hi)} is not above ${show(lo)}`;
  }
  return undefined;
}

const TAIL = /^(?:(.*?)\s*)?\b(hit|miss|abandoned)\s*$/i;

function parseOutcome(text: string, estimated: number): Parsed<BetOutcome> {
  const m = TAIL.exec(text.trim());
  if (!m?.[2]) return { ok: false, reason: `expected an outcome after "->": "3.5h hit", "5h miss" or "abandoned" (got "${text.trim()}")` };
  const status = m[2].toLowerCase() as BetStatus;
  const amount = (m[1] ?? '').trim();
  if (!amount) {
    if (status === 'abandoned') return { ok: true, value: { status } };
    return { ok: false, reason: `a ${status} needs the actual hours, like "-> 3.5h ${status}"` };
  }
  const actual = parseHours(amount);
  if (!actual.ok) return actual;
  const a = actual.value;
  if (status === 'hit' && a > estimated)
    return { ok: false, reason: `${formatHours(a)} is over the estimate of ${formatHours(estimated)}: that is a miss, not a hit` };
  if (status === 'miss' && a < estimated)
    return { ok: false, reason: `${formatHours(a)} is within the estimate of ${formatHours(estimated)}: that is a hit, not a miss` };
  return { ok: true, value: { status, actualHours: a } };
}

/** Splits off a trailing `#id`; the id may also sit before the "->" part. */
function takeId(body: string): { rest: string; id?: string; reason?: string } {
  const hashes = [...body.matchAll(/#([^\s,#]*)/g)];
  if (hashes.length === 0) return { rest: body };
  if (hashes.length > 1) return { rest: body, reason: 'a bet has one #id' };
  const h = hashes[0];
  const id = h?.[1] ?? '';
  if (!BET_ID.test(id)) return { rest: body, reason: `"#${id}" is not a bet id (letters, digits, _ and -)` };
  const at = h?.index ?? 0;
  return { rest: body.slice(0, at) + ' ' + body.slice(at + 1 + id.length), id };
}

export function parseBetBody(body: string): BodyResult<BetToken> {
  const { rest, id, reason } = takeId(body);
  if (reason) return { ok: false, reason };
  const arrow = /->|→/.exec(rest);
  const head = arrow ? rest.slice(0, arrow.index) : rest;
  if (!head.trim()) return { ok: false, reason: 'missing estimate, like [Bet: 4h @ 75%]' };
  const quantiles = parseQuantiles(head);
  if (!quantiles.ok) return quantiles;
  const primary = quantiles.value[0];
  if (!primary) return { ok: false, reason: 'missing estimate, like [Bet: 4h @ 75%]' };
  const value: Body<BetToken> = {
    kind: 'bet',
    estimatedHours: primary.hours,
    confidence: primary.p,
    quantiles: quantiles.value,
  };
  if (arrow) {
    const outcome = parseOutcome(rest.slice(arrow.index + arrow[0].length), primary.hours);
    if (!outcome.ok) return outcome;
    value.outcome = outcome.value;
  }
  if (id !== undefined) value.id = id;
  return { ok: true, value };
}
