import type { AdjustedCell } from '../../../services/priors';
import { pp } from '../../components/format';

/** An effect already in percentage points, signed: "+12.3 pp". */
export function ppText(points: number, digits = 1): string {
  return pp(points / 100, digits);
}

/** A 95% interval in percentage points: "−3.2 to +8.1 pp". */
export function intervalText(lo: number, hi: number, digits = 1): string {
  return `${ppText(lo, digits).replace(' pp', '')} to ${ppText(hi, digits)}`;
}

/** Theme tone of a classification: what colour says at a glance. */
export function tone(c: AdjustedCell['classification']): 'good' | 'bad' | 'neutral' | 'faint' {
  return c === 'beneficial' ? 'good' : c === 'harmful' ? 'bad' : c === 'uncertain' ? 'neutral' : 'faint';
}

/** Labels for long nudge names in a chart's margin; the full name goes into a <title>. */
export function clip(label: string, max = 26): string {
  return label.length > max ? label.slice(0, max - 1) + '…' : label;
}

/** How many characters of a 12 px label fit in `px` pixels (about 6.6 px a character). */
export function fitChars(px: number): number {
  return Math.max(8, Math.floor(px / 6.6));
}
