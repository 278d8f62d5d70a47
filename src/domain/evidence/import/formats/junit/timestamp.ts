import { clip, inDateRange, parseIso, readEpoch, type EpochUnit } from '../../values';

/** Month names as report writers abbreviate them (Java's "MMM" in common locales), by prefix. */
const MONTHS: readonly [string, number][] = [
  ['jan', 0], ['feb', 1], ['fév', 1], ['mar', 2], ['mär', 2], ['mrt', 2], ['apr', 3], ['avr', 3],
  ['may', 4], ['mai', 4], ['mei', 4], ['juin', 5], ['jun', 5], ['juil', 6], ['jul', 6], ['aug', 7],
  ['aoû', 7], ['sep', 8], ['oct', 9], ['okt', 9], ['nov', 10], ['dec', 11], ['dez', 11], ['déc', 11],
];

function month(name: string): number | undefined {
  const n = name.toLowerCase();
  let best: [string, number] | undefined;
  for (const m of MONTHS) if (n.startsWith(m[0]) && (!best || m[0].length > best[0].length)) best = m;
  return best?.[1];
}

/** A zone that names one offset; anything else (IST: India, Israel or Ireland?) cannot be placed. */
const UTC_NAMES = new Set(['', 'z', 'gmt', 'utc', 'ut']);

// TestNG's JUnitReportReporter: Java's "dd MMM yyyy HH:mm:ss z" in the machine's locale
// ("11 Apr. 2023 09:56:22 GMT", "20 Nov. 2019 12:07:00 GMT").
const DAY_MONTH_YEAR = /^(\d{1,2})\.? ([\p{L}]{3,9})\.?,? (\d{4}),? (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ([A-Za-z]{1,5}))?$/u;
// ISO date-time followed by a zone name ("2024-01-09T22:59:44 IST", "2023-04-11 09:56:22 GMT").
const ISO_THEN_NAME = /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) ([A-Za-z]{1,5})$/;

export type SuiteTime =
  | { at: number; unit?: EpochUnit }
  /** Not a time the app can read: the runs take the file's time and the import says so. */
  | { unreadable: string };

/**
 * A testsuite's timestamp as report writers really write it: ISO 8601 (pytest, jest-junit,
 * Playwright), TestNG's localised "20 Nov. 2019 12:07:00 GMT", ISO followed by a zone name, or
 * a bare epoch number (read by its size). A timestamp is optional in JUnit XML, so one the app
 * cannot read never refuses the file: the caller falls back to the file's time and notes why.
 */
export function readSuiteTimestamp(raw: string): SuiteTime {
  const v = raw.trim();
  if (/^\d+(\.\d+)?$/.test(v)) {
    const read = readEpoch(Number(v));
    return inDateRange(read.at) ? read : { unreadable: `it is a number too large to be a time` };
  }
  const iso = parseIso(v);
  if (iso !== undefined) return { at: iso };
  const named = ISO_THEN_NAME.exec(v);
  if (named) {
    const zone = named[2]!.toLowerCase();
    if (!UTC_NAMES.has(zone)) return { unreadable: `the time zone "${clip(named[2]!, 8)}" could be more than one place` };
    const t = parseIso(named[1]!);
    if (t !== undefined) return { at: t };
  }
  const dmy = DAY_MONTH_YEAR.exec(v);
  if (dmy) {
    const [, d, mon, y, h, mi, s = '00', zone = ''] = dmy;
    if (!UTC_NAMES.has(zone.toLowerCase())) return { unreadable: `the time zone "${clip(zone, 8)}" could be more than one place` };
    const m = month(mon!);
    if (m !== undefined) {
      const iso = `${y}-${String(m + 1).padStart(2, '0')}-${d!.padStart(2, '0')}T${h!.padStart(2, '0')}:${mi}:${s}Z`;
      const t = parseIso(iso);
      if (t !== undefined) return { at: t };
    }
  }
  return { unreadable: 'it is in no date format the app knows' };
}
