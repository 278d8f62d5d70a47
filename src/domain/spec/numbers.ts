/**
 * The few number shapes people write in specs and in the command bar: durations (4h, 3.5h,
 * 90m, 1h30m, or a bare 4 meaning hours) and percentages. Parsers return a reason instead of
 * throwing, because malformed text is an everyday state of a document being typed.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const NUMBER = String.raw`(?:\d+(?:\.\d+)?|\.\d+)`;
const DURATION = new RegExp(`^(?:(${NUMBER})h(?:(${NUMBER})m)?|(${NUMBER})(h|m)?)$`, 'i');

/** Hours from "4", "4h", "3.5h", "90m" or "1h30m"; must be a positive, finite number. */
export function parseHours(input: string): Parsed<number> {
  const s = input.trim().replace(/\s+/g, '');
  const m = DURATION.exec(s);
  if (!m) {
    const unit = /^[\d.]+([a-z%]+)$/i.exec(s)?.[1];
    if (unit) return { ok: false, reason: `unknown unit "${unit}" in "${input.trim()}": use h or m` };
    return { ok: false, reason: `"${input.trim()}" is not a duration (write 4h, 3.5h or 90m)` };
  }
  let hours: number;
  if (m[1] !== undefined) hours = Number(m[1]) + (m[2] !== undefined ? Number(m[2]) / 60 : 0);
  else hours = m[4]?.toLowerCase() === 'm' ? Number(m[3]) / 60 : Number(m[3]);
  if (!Number.isFinite(hours) || hours <= 0) return { ok: false, reason: `a duration must be above 0 (got "${input.trim()}")` };
  return { ok: true, value: hours };
}

/**
 * "54.8" -> 0.548 by shifting the decimal point in the text: dividing by 100 in floating point
 * would give 0.5479999999999999, and values read back must equal the values written.
 */
export function percentToFraction(digits: string): number {
  return Number(`${digits}e-2`);
}

/** A percentage written with "%" (e.g. "75%", "72.5 %"), as a fraction; bounds are the caller's. */
export function parsePercent(input: string): Parsed<number> {
  const m = new RegExp(`^(${NUMBER})\\s*%$`).exec(input.trim());
  if (!m?.[1]) return { ok: false, reason: `"${input.trim()}" is not a percentage (write 75%)` };
  return { ok: true, value: percentToFraction(m[1]) };
}

/** Up to two decimals, no trailing zeros: 4 -> "4", 3.5 -> "3.5", 1/3 -> "0.33". */
export function formatDecimal(x: number, decimals = 2): string {
  const f = 10 ** decimals;
  const r = Math.round(x * f) / f;
  return String(Object.is(r, -0) ? 0 : r);
}

/** Hours as written in tokens: "4h", "3.5h". Rounding is monotone, so order survives it. */
export function formatHours(hours: number): string {
  return `${formatDecimal(hours)}h`;
}

/**
 * A probability as a percentage with at most one decimal. Kept inside [0.1%, 99.9%] so that a
 * confidence near 0 or 1 never prints as 0% or 100%, which are not valid confidences.
 */
export function formatConfidence(p: number): string {
  const pct = Math.min(99.9, Math.max(0.1, Math.round(p * 1000) / 10));
  return `${formatDecimal(pct, 1)}%`;
}
