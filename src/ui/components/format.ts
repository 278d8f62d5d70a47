export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 && i > 0 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

/** A probability or rate as a whole-percent string. */
export function pct(x: number, digits = 0): string {
  return `${(x * 100).toFixed(digits)}%`;
}

/** A signed difference in percentage points. */
export function pp(x: number, digits = 1): string {
  const v = x * 100;
  return `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(digits)} pp`;
}

// Intl formatters are costly to build (toLocale*String builds one per call): a table of 500
// runs spent ~200 ms of one main-thread task formatting times. Built once, same output.
const longTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayMonth = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const dayMonthYear = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

const INVALID = 'Invalid Date'; // what toLocaleString says, where format() would throw

export function formatTime(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? INVALID : longTime.format(d);
}

/** Compact time for tables: "13:50" today, "25 Nov 13:50" this year, else with the year. */
export function formatShortTime(ms: number, now: number = Date.now()): string {
  const d = new Date(ms);
  const n = new Date(now);
  if (Number.isNaN(d.getTime())) return INVALID;
  const time = clock.format(d);
  if (d.toDateString() === n.toDateString()) return time;
  const date = (d.getFullYear() === n.getFullYear() ? dayMonth : dayMonthYear).format(d);
  return `${date} ${time}`;
}

const counter = new Intl.NumberFormat('en');

/** A count with thousands separators, as the import dialog writes it: "100,000"; small numbers unchanged ("160"). */
export function formatCount(n: number): string {
  return counter.format(n);
}
