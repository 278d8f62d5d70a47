import { survival } from './kernels';
import type { ForgivenessKernel } from './kernels';
import type { Restoration, Scar, ScarLocus, Tone } from './types';

export const DAY_MS = 86_400_000;
/** A restored scar never fades below this (or its severity, if smaller): the crack stays visible. */
export const SCAR_FLOOR = 0.05;
/** Summed weight at a locus from which it calls for vigilance. */
export const VIGILANCE_THRESHOLD = 0.25;

/**
 * Weight of a scar at `now` (epoch ms). Unresolved: its severity, no decay. Restored: decays
 * from the first restoration, d in days, to max(floor, severity * S(d)). Later restorations
 * are recorded but do not restart the clock: forgiveness starts at the first repair.
 */
export function scarWeight(scar: Scar, now: number, kernel: ForgivenessKernel): number {
  if (isUnresolved(scar, now)) return scar.severity;
  const first = scar.restorations[0] as Restoration;
  const days = (now - first.at) / DAY_MS;
  const floor = Math.min(SCAR_FLOOR, scar.severity);
  return Math.max(floor, scar.severity * survival(kernel, days));
}

/** No restoration yet as of `now` (a restoration dated later does not count yet). */
export function isUnresolved(scar: Scar, now: number): boolean {
  const first = scar.restorations[0];
  return first === undefined || first.at > now;
}

export function sameLocus(a: ScarLocus, b: ScarLocus): boolean {
  return a.kind === b.kind && a.ref === b.ref;
}

export function locusWeight(scars: readonly Scar[], locus: ScarLocus, now: number, kernel: ForgivenessKernel): number {
  let sum = 0;
  for (const s of scars) if (sameLocus(s.locus, locus)) sum += scarWeight(s, now, kernel);
  return sum;
}

/**
 * Tone of a locus: unresolved while any scar there awaits restoration; vigilance while the
 * summed weight is at least 0.25; earned_forgiveness otherwise (also for a locus with no scars).
 */
export function toneOf(scars: readonly Scar[], locus: ScarLocus, now: number, kernel: ForgivenessKernel): Tone {
  const here = scars.filter((s) => sameLocus(s.locus, locus));
  if (here.some((s) => isUnresolved(s, now))) return 'unresolved';
  return locusWeight(here, locus, now, kernel) >= VIGILANCE_THRESHOLD ? 'vigilance' : 'earned_forgiveness';
}

export type CurvePoint = { readonly at: number; readonly weight: number };

/** Evenly spaced samples of a scar's weight over [from, to] (epoch ms), for charts. */
export function decayCurve(
  scar: Scar,
  kernel: ForgivenessKernel,
  range: { readonly from: number; readonly to: number; readonly points?: number },
): CurvePoint[] {
  const points = Math.max(2, Math.floor(range.points ?? 61));
  const step = (range.to - range.from) / (points - 1);
  return Array.from({ length: points }, (_, i) => {
    const at = i === points - 1 ? range.to : range.from + i * step;
    return { at, weight: scarWeight(scar, at, kernel) };
  });
}

/** The kernel's own shape for a given severity over `days` days after restoration. */
export function kernelCurve(
  kernel: ForgivenessKernel,
  severity: number,
  days: number,
  points = 61,
): { readonly day: number; readonly weight: number }[] {
  const n = Math.max(2, Math.floor(points));
  const floor = Math.min(SCAR_FLOOR, severity);
  return Array.from({ length: n }, (_, i) => {
    const day = (days * i) / (n - 1);
    return { day, weight: Math.max(floor, severity * survival(kernel, day)) };
  });
}

const GRAVITY: Record<Tone, number> = { unresolved: 2, vigilance: 1, earned_forgiveness: 0 };

/**
 * The gravest tone over every locus that has scars: unresolved if any scar awaits
 * restoration, else vigilance if some locus is at or above the vigilance line, else
 * earned_forgiveness (also with no scars at all, as for a single locus).
 */
export function gravestTone(scars: readonly Scar[], now: number, kernel: ForgivenessKernel): Tone {
  let worst: Tone = 'earned_forgiveness';
  const seen: ScarLocus[] = [];
  for (const s of scars) {
    if (seen.some((l) => sameLocus(l, s.locus))) continue;
    seen.push(s.locus);
    const tone = toneOf(scars, s.locus, now, kernel);
    if (GRAVITY[tone] > GRAVITY[worst]) worst = tone;
    if (worst === 'unresolved') break;
  }
  return worst;
}
