/**
 * Values typed in the command bar, read generously, with a note of how each was understood
 * so the bar can show it back ("0.75 (75%)") before anything is committed.
 */
import { formatDecimal, formatHours, parseHours, percentToFraction } from '../spec/numbers';

export type ValueResult = { ok: true; value: number; understood: string } | { ok: false; reason: string };

/** Hours: "4", "4h", "3.5h", "90m", "1h30m"; positive. */
export function readHours(input: string): ValueResult {
  const r = parseHours(input);
  if (!r.ok) return r;
  const typed = input.trim();
  const inHours = formatHours(r.value);
  const understood = /m$/i.test(typed) ? `${inHours} (${typed})` : inHours;
  return { ok: true, value: r.value, understood };
}

const NUMBER = /^(\d+(?:\.\d+)?|\.\d+)(%?)$/;

/**
 * Confidence as a probability in (0, 1). "75%" and "75" are percentages; "0.75" is a
 * probability. A bare number up to 1 is read as a probability, from 2 up as a percentage; so
 * "1" means certainty, which is not a bet and is refused, as are 0 and 100%. A bare number
 * between 1 and 2 ("1.5") is refused too: it is a probability gone wrong far more often than
 * a bet at 1.5%, and a silent 1.5% bet is the worst reading (issue 19). "1.5%" still works.
 */
export function readConfidence(input: string): ValueResult {
  const typed = input.trim();
  const m = NUMBER.exec(typed);
  if (!m?.[1]) return { ok: false, reason: `"${typed}" is not a confidence (write 75%, 75 or 0.75)` };
  const x = Number(m[1]);
  if (m[2] !== '%' && x > 1 && x < 2) return { ok: false, reason: ambiguousConfidence(typed) };
  const p = m[2] === '%' || x > 1 ? percentToFraction(m[1]) : x;
  if (!(p > 0 && p < 1)) return { ok: false, reason: `a confidence is strictly between 0% and 100% (got "${typed}")` };
  return { ok: true, value: p, understood: `${formatDecimal(p, 4)} (${formatDecimal(p * 100, 2)}%)` };
}

/** Why a bare number between 1 and 2 is refused as a confidence, and what to write instead. */
export function ambiguousConfidence(typed: string): string {
  return `"${typed}" is not a probability (those are at most 1) and an unlikely percentage: write ${typed}% if you mean ${typed} percent, or a probability such as 0.75`;
}

/** A positive amount (stakes are in focus tokens). */
export function readPositive(input: string, what: string): ValueResult {
  const typed = input.trim();
  const m = NUMBER.exec(typed);
  if (!m?.[1] || m[2] === '%') return { ok: false, reason: `"${typed}" is not a number` };
  const x = Number(m[1]);
  if (!(x > 0)) return { ok: false, reason: `${what} must be above 0 (got "${typed}")` };
  return { ok: true, value: x, understood: formatDecimal(x) };
}
