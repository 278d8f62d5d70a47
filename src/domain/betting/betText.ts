/**
 * Reading what a person types into the bet form or a `[Bet: 4h @ 75%]` token. Every reading
 * is either unambiguous or refused with a message that says what to type instead.
 */
import { ValidationError } from '../errors';
import { percent, validateQuantiles } from './quantile';
import type { Quantile } from './quantile';

export interface ParsedConfidence {
  value: number;
  /** Shown beside the field, so a person sees how "75" or "0.75" was read before betting. */
  understoodAs: string;
}

const NUMBER = String.raw`(?:\d+(?:\.\d*)?|\.\d+)`;
const CONFIDENCE = new RegExp(String.raw`^(${NUMBER})\s*(%?)$`);

/**
 * Accepts "75", "75%" and "0.75". A bare number below 1 is a probability, from 2 to 100 a
 * percentage. From 1 to below 2 it is refused rather than guessed: 1 is either certainty or one
 * percent, and 1.5 a probability gone wrong more often than a 1.5% bet ("1.5%" is accepted).
 */
export function parseConfidence(text: string): ParsedConfidence {
  const raw = text.trim();
  const m = CONFIDENCE.exec(raw);
  if (!m) throw new ValidationError('confidence', `"${text}" is not a confidence: write 75, 75% or 0.75`);
  const n = Number(m[1]);
  const hasPercent = m[2] === '%';
  if (n === 0) throw new ValidationError('confidence', 'a confidence of 0 is a bet you expect to lose: choose something above 0%');
  if (hasPercent) return checked(n / 100, percent(n / 100));
  if (n < 1) return checked(n, `${percent(n)} (read as a probability, ${raw})`);
  if (n === 1) {
    throw new ValidationError('confidence', '1 is ambiguous (certainty or one percent?): write 1% or a probability such as 0.99');
  }
  if (n < 2) {
    // "1.5": a probability gone wrong far more often than a bet at 1.5%; never read silently.
    throw new ValidationError('confidence', `${raw} is not a probability (those are below 1) and an unlikely percentage: write ${raw}% if you mean ${raw} percent, or a probability such as 0.75`);
  }
  return checked(n / 100, `${percent(n / 100)} (read as a percentage)`);
}

function checked(value: number, understoodAs: string): ParsedConfidence {
  if (value >= 1) {
    throw new ValidationError('confidence', 'certainty is not a bet: choose a confidence below 100%');
  }
  return { value, understoodAs };
}

const HOURS_UNITS = new Set(['h', 'hr', 'hrs', 'hour', 'hours']);
const MINUTE_UNITS = new Set(['m', 'min', 'mins', 'minute', 'minutes']);
const PART = new RegExp(String.raw`\s*(${NUMBER})\s*([a-z]*)\s*`, 'y');

/**
 * Accepts "4", "4h", "3.5h", "90m" and sums like "1h 30m". A bare number means hours, but only
 * on its own: in "1h 30" the 30 could be minutes or hours, so that is refused.
 */
export function parseHours(text: string, field = 'estimatedHours'): number {
  const raw = text.trim().toLowerCase();
  if (raw === '') throw new ValidationError(field, 'say how many hours, e.g. 4h or 90m');
  PART.lastIndex = 0;
  let hours = 0;
  let parts = 0;
  let bare = false;
  while (PART.lastIndex < raw.length) {
    const m = PART.exec(raw);
    if (!m) throw new ValidationError(field, `"${text}" is not a duration: write 4, 4h, 3.5h or 90m`);
    const n = Number(m[1]);
    const unit = m[2] ?? '';
    parts++;
    if (unit === '') {
      bare = true;
      hours += n;
    } else if (HOURS_UNITS.has(unit)) hours += n;
    else if (MINUTE_UNITS.has(unit)) hours += n / 60;
    else if (unit.startsWith('d') || unit.startsWith('w')) {
      throw new ValidationError(field, `"${text}": days and weeks mean different hours to different people; write hours, e.g. 16h`);
    } else throw new ValidationError(field, `"${unit}" is not a unit: use h or m`);
  }
  if (bare && parts > 1) {
    throw new ValidationError(field, `"${text}": give every part a unit, e.g. 1h 30m`);
  }
  if (!(hours > 0) || !Number.isFinite(hours)) throw new ValidationError(field, 'must be more than 0 hours');
  return hours;
}

/** Reads a range bet, "4h @ 50%, 6h @ 80%, 9h @ 95%" (commas or semicolons between points). */
export function parseQuantiles(text: string, field = 'quantiles'): Quantile[] {
  const points = text
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const quantiles = points.map((point, i) => {
    const [hoursText, pText, ...rest] = point.split('@');
    if (hoursText === undefined || pText === undefined || rest.length > 0) {
      throw new ValidationError(field, `point ${i + 1} "${point}" should look like "6h @ 80%"`);
    }
    try {
      return { hours: parseHours(hoursText, field), p: parseConfidence(pText).value };
    } catch (e) {
      if (e instanceof ValidationError) {
        throw new ValidationError(field, `point ${i + 1} "${point}": ${e.message.replace(/^[^:]*: /, '')}`);
      }
      throw e;
    }
  });
  validateQuantiles(quantiles, field);
  return quantiles;
}
