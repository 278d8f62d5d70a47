import { ValidationError } from '../../errors';

type Where = { file: string; line?: number };

const TRUE = new Set(['pass', 'passed', 'true', '1']);
const FALSE = new Set(['fail', 'failed', 'false', '0']);

/** An outcome cell: pass/passed/true/1 or fail/failed/false/0, any case. */
export function parseOutcome(text: string, field: string, where: Where): boolean {
  const v = text.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  throw new ValidationError(
    field,
    v ? `must be pass, fail, true, false, 1 or 0, not "${clip(text.trim())}"` : 'is empty (say pass or fail)',
    where,
  );
}

/** A plain decimal number ("0.7", "1e-3"); Number('') is 0 and Number('0x10') is 16, so not Number alone. */
export function parseNumber(text: string, field: string, where: Where): number {
  const v = text.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v)) {
    throw new ValidationError(field, `must be a number, not "${clip(v)}"`, where);
  }
  return Number(v);
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** The unit a bare number in a time field was taken to be in. */
export type EpochUnit = 'seconds' | 'milliseconds' | 'microseconds' | 'nanoseconds';

const PER_MS: Record<EpochUnit, number> = { seconds: 1e-3, milliseconds: 1, microseconds: 1e3, nanoseconds: 1e6 };

/**
 * A bare number in a time field, read by its size, since files differ: Unix tools and Python
 * write epoch seconds, JavaScript milliseconds, Go and some CI systems micro- or nanoseconds.
 * The ranges cannot overlap for any date a run can have: below 1e11 is seconds (up to the
 * year 5138; as milliseconds it would be before March 1973), then milliseconds up to 1e14
 * (the year 5138), microseconds up to 1e17, nanoseconds above. Callers say which unit was
 * used (a note in the import), so a surprise is seen, never silent.
 */
export function readEpoch(n: number): { at: number; unit: EpochUnit } {
  const unit: EpochUnit = n < 1e11 ? 'seconds' : n < 1e14 ? 'milliseconds' : n < 1e17 ? 'microseconds' : 'nanoseconds';
  return { at: Math.round(n / PER_MS[unit]), unit };
}

/** The note a bare number read as anything but milliseconds leaves: "…read as epoch seconds (1700000000 is 2023-11-14T22:13:20Z)". */
export function epochNote(field: string, raw: string, read: { at: number; unit: EpochUnit }): string {
  return `${field}: bare numbers are read by their size; ${clip(raw, 24)} was read as epoch ${read.unit} (${new Date(read.at).toISOString()})`;
}

/** An ISO-8601 date or date-time as epoch ms (UTC when it has no offset), or undefined. */
export function parseIso(v: string): number | undefined {
  const m = ISO.exec(v);
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone] = m;
  const ms = Number((frac + '000').slice(0, 3));
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  const back = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  // Date.UTC rolls 2024-02-31 over to March; a date or time that does not exist is not a date.
  const real = back.getUTCDate() === Number(d) && back.getUTCMonth() === Number(mo) - 1;
  return real && Number(h) < 24 && Number(mi) < 60 && Number(s) < 60 && inDateRange(t) ? t : undefined;
}

/**
 * A time as epoch milliseconds: a bare number (read by its size, see readEpoch; `onEpoch`
 * hears which unit was taken), or ISO 8601. A date-time without an offset (pytest and
 * jest-junit write local times without one) is read as UTC, so that the same file gives the
 * same times and ids on every machine.
 */
export function parseTime(text: string, field: string, where: Where, onEpoch?: (read: { at: number; unit: EpochUnit }) => void): number {
  const v = text.trim();
  if (/^\d+(\.\d+)?$/.test(v)) {
    const read = readEpoch(Number(v));
    if (inDateRange(read.at)) {
      onEpoch?.(read);
      return read.at;
    }
  }
  const t = parseIso(v);
  if (t !== undefined) return t;
  throw new ValidationError(field, `must be an epoch time (seconds or milliseconds) or an ISO-8601 date, not "${clip(v)}"`, where);
}

/** ECMAScript dates reach 8.64e15 ms; a later time cannot be shown (toISOString throws). */
export const MAX_TIME = 8.64e15;

export function inDateRange(t: number): boolean {
  return Number.isFinite(t) && t >= 0 && t <= MAX_TIME;
}

/** Shortens a bad value quoted back in a message, so a hostile 10 MB cell stays readable. */
export function clip(text: string, max = 60): string {
  return text.length > max ? text.slice(0, max) + '…' : text;
}
