import type { EncodedRuns } from './encode';

/**
 * A nudge's raw comparison redone on the same specs: the runs with it on specs that also have
 * runs without it, against those specs' runs without it, each spec weighted by the nudge's runs
 * there (direct standardisation). When the raw difference is clear and this one is not, it is
 * the reason in data: a nudge used mostly on specs that fail anyway looks harmful raw (DOMAIN.md
 * section 1, "Identification").
 */
export interface SpecContrast {
  nudge: string;
  /** Specs with runs both with and without the nudge. */
  specs: number;
  /** Weighted runs with the nudge on those specs, and their passes. */
  withRuns: number;
  withPasses: number;
  /** Pass rate without the nudge on the same specs, weighted by the nudge's runs in each. */
  withoutRate: number;
}

/** Two passes over the runs for the given columns (spec totals, then the nudges' runs per spec). */
export function specContrasts(enc: EncodedRuns, columns: readonly number[]): SpecContrast[] {
  if (columns.length === 0) return [];
  const S = enc.specKeys.length;
  const specPass = new Float64Array(S);
  const specRuns = new Float64Array(S);
  const slot = new Int32Array(enc.nudgeKeys.length).fill(-1);
  columns.forEach((k, c) => (slot[k] = c));
  // Per asked column: the weighted runs and passes with it, spec by spec.
  const used = columns.map(() => new Map<number, { runs: number; passes: number }>());
  for (let i = 0; i < enc.n; i++) {
    const w = enc.weight[i]!;
    if (!(w > 0)) continue;
    const s = enc.spec[i]!;
    const y = enc.passed[i]! ? w : 0;
    specRuns[s] = specRuns[s]! + w;
    specPass[s] = specPass[s]! + y;
    for (let j = enc.offsets[i]!; j < enc.offsets[i + 1]!; j++) {
      const c = slot[enc.nudgeIdx[j]!]!;
      if (c < 0) continue;
      const m = used[c]!;
      const cell = m.get(s) ?? { runs: 0, passes: 0 };
      cell.runs += w;
      cell.passes += y;
      m.set(s, cell);
    }
  }
  return columns.map((k, c) => {
    let specs = 0;
    let withRuns = 0;
    let withPasses = 0;
    let without = 0;
    for (const [s, cell] of used[c]!) {
      const otherRuns = specRuns[s]! - cell.runs;
      // Float sums: a spec where every run had the nudge can leave 1e-16 behind.
      if (otherRuns < 1e-9) continue;
      specs++;
      withRuns += cell.runs;
      withPasses += cell.passes;
      without += (cell.runs * Math.max(0, specPass[s]! - cell.passes)) / otherRuns;
    }
    return { nudge: enc.nudgeKeys[k]!, specs, withRuns, withPasses, withoutRate: withRuns > 0 ? without / withRuns : Number.NaN };
  });
}
