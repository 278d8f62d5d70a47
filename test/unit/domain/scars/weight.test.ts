import { describe, expect, it } from 'vitest';
import { createScar, restoreScar } from '../../../../src/domain/scars/scarLog';
import { DAY_MS, decayCurve, kernelCurve, scarWeight, toneOf } from '../../../../src/domain/scars/weight';
import type { ForgivenessKernel } from '../../../../src/domain/scars/kernels';
import type { Scar, ScarLocus } from '../../../../src/domain/scars/types';

const T0 = Date.UTC(2025, 2, 1);
const EXP30: ForgivenessKernel = { kind: 'exponential', halfLifeDays: 30 };
const P: ScarLocus = { kind: 'principle', ref: 'small steps' };

function scar(id: string, severity: number, restoredAfterDays?: number, locus: ScarLocus = P): Scar {
  const s = createScar({ id, locus, trigger: 'bullshit_bet', severity, description: 'overconfident', createdAt: T0 });
  if (restoredAfterDays === undefined) return s;
  return restoreScar([s], id, { at: T0 + restoredAfterDays * DAY_MS, note: 'reviewed the estimate' })[0]!;
}
const day = (d: number): number => T0 + d * DAY_MS;

describe('scar weight', () => {
  it('stays at its severity while unresolved, however long ago', () => {
    expect(scarWeight(scar('a', 0.6), day(1000), EXP30)).toBe(0.6);
  });

  it('halves every half-life after the first restoration (exponential kernel)', () => {
    const s = scar('a', 0.8, 10);
    expect(scarWeight(s, day(10), EXP30)).toBeCloseTo(0.8, 12);
    expect(scarWeight(s, day(40), EXP30)).toBeCloseTo(0.4, 12);
    expect(scarWeight(s, day(70), EXP30)).toBeCloseTo(0.2, 12);
  });

  it('ignores a restoration dated after `now`', () => {
    expect(scarWeight(scar('a', 0.8, 10), day(5), EXP30)).toBe(0.8);
  });

  it('never fades below min(0.05, severity)', () => {
    expect(scarWeight(scar('a', 0.8, 0), day(3000), EXP30)).toBe(0.05);
    expect(scarWeight(scar('b', 0.03, 0), day(3000), EXP30)).toBe(0.03);
  });

  it('uses the Weibull survival exp(-(d/lambda)^k)', () => {
    const k: ForgivenessKernel = { kind: 'weibull', k: 2, lambdaDays: 10 };
    expect(scarWeight(scar('a', 1, 0), day(10), k)).toBeCloseTo(Math.exp(-1), 12);
    expect(scarWeight(scar('a', 1, 0), day(5), k)).toBeCloseTo(Math.exp(-0.25), 12);
  });

  it('uses the Gamma survival 1 - P(k, d/theta)', () => {
    const k: ForgivenessKernel = { kind: 'gamma', k: 2, thetaDays: 5 };
    // 1 - P(2, 1) = 2/e
    expect(scarWeight(scar('a', 0.5, 0), day(5), k)).toBeCloseTo(0.5 * (2 / Math.E), 12);
    // Gamma with k = 1 is the exponential with theta = h / ln 2.
    const g1: ForgivenessKernel = { kind: 'gamma', k: 1, thetaDays: 30 / Math.LN2 };
    expect(scarWeight(scar('a', 0.5, 0), day(45), g1)).toBeCloseTo(scarWeight(scar('a', 0.5, 0), day(45), EXP30), 12);
  });

  it('starts decay at the first restoration; later ones do not restart the clock', () => {
    const once = scar('a', 0.8, 0);
    const twice = restoreScar([once], 'a', { at: day(20), note: 'again' })[0]!;
    expect(scarWeight(twice, day(30), EXP30)).toBeCloseTo(0.4, 12);
  });
});

describe('tone of a locus', () => {
  it('is unresolved while any scar there awaits restoration', () => {
    expect(toneOf([scar('a', 0.1, 0), scar('b', 0.1)], P, day(100), EXP30)).toBe('unresolved');
  });

  it('is vigilance while the summed weight is at least 0.25, then earned forgiveness', () => {
    const scars = [scar('a', 0.3, 0), scar('b', 0.2, 0)];
    expect(toneOf(scars, P, day(0), EXP30)).toBe('vigilance'); // 0.5
    expect(toneOf(scars, P, day(30), EXP30)).toBe('vigilance'); // exactly 0.25
    expect(toneOf(scars, P, day(31), EXP30)).toBe('earned_forgiveness');
  });

  it('counts only scars at that locus', () => {
    const other: ScarLocus = { kind: 'principle', ref: 'other' };
    const scars = [scar('a', 0.9, 0, other), scar('b', 0.9, undefined, { kind: 'nudge', ref: 'small steps' })];
    expect(toneOf(scars, P, day(1), EXP30)).toBe('earned_forgiveness');
    expect(toneOf(scars, other, day(1), EXP30)).toBe('vigilance');
  });
});

describe('decay curves for charts', () => {
  it('samples a scar from creation to a given time, flat until restoration then falling to the floor', () => {
    const pts = decayCurve(scar('a', 0.8, 10), EXP30, { from: T0, to: day(400), points: 41 });
    expect(pts).toHaveLength(41);
    expect(pts[0]).toEqual({ at: T0, weight: 0.8 });
    expect(pts[1]!.weight).toBe(0.8); // day 10, the restoration itself
    expect(pts.at(-1)).toEqual({ at: day(400), weight: 0.05 });
    for (let i = 1; i < pts.length; i++) expect(pts[i]!.weight).toBeLessThanOrEqual(pts[i - 1]!.weight);
  });

  it('draws the kernel itself in days', () => {
    const pts = kernelCurve(EXP30, 1, 60, 3);
    expect(pts.map((p) => p.day)).toEqual([0, 30, 60]);
    expect(pts.map((p) => p.weight)).toEqual([1, 0.5, 0.25]);
  });
});
