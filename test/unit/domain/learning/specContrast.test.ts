import { describe, expect, it } from 'vitest';
import { normaliseNudge, type Run } from '../../../../src/domain/evidence/run';
import { adjustedEstimates, fitAdjusted } from '../../../../src/domain/learning/adjusted';
import { encodeRuns } from '../../../../src/domain/learning/encode';
import { rawEstimates } from '../../../../src/domain/learning/raw';
import { clearOnlyRaw } from '../../../../src/domain/learning/rawOnly';
import { specContrasts } from '../../../../src/domain/learning/specContrast';
import { notClaimedWhy } from '../../../../src/services/priors/why';
import { placeboOnHardSpecs } from '../../../e2e/support/confounded';

const run = (id: string, spec: string, nudges: string[], passed: boolean): Run => ({
  id, specHash: `name:${spec}`, nudges, passed, errorMessages: [], testFailures: [], typeErrors: [], source: 'jsonl', at: 0,
});

describe('where a nudge was used', () => {
  it('counts runs without it on its specs against the specs where it was never used', () => {
    const runs = [
      run('1', 'hard', ['x'], false),
      run('2', 'hard', [], false),
      run('3', 'hard', [], true),
      run('4', 'easy', [], true),
      run('5', 'easy', [], true),
      run('6', 'easy', ['y'], false),
    ];
    const enc = encodeRuns(runs).encoded;
    const [x, y] = specContrasts(enc, [enc.nudgeKeys.indexOf('x'), enc.nudgeKeys.indexOf('y')]);
    expect(x).toEqual({ nudge: 'x', specs: 1, withRuns: 1, withPasses: 0, withoutRate: 0.5 });
    expect(y).toEqual({ nudge: 'y', specs: 1, withRuns: 1, withPasses: 0, withoutRate: 1 });
    // Weighted by the nudge's runs per spec; a spec where every run had it compares nothing.
    const more = encodeRuns([...runs, run('7', 'easy', ['x'], true), run('8', 'easy', ['x'], true), run('9', 'solo', ['x'], true)]).encoded;
    const [x2] = specContrasts(more, [more.nudgeKeys.indexOf('x')]);
    expect(x2).toMatchObject({ specs: 2, withRuns: 3, withPasses: 2 });
    expect(x2!.withoutRate).toBeCloseTo((1 * 0.5 + 2 * (2 / 3)) / 3, 12);
  });

  it('explains a placebo adopted on hard specs: harmful raw, no claim within specs, and where it was used', () => {
    const runs = placeboOnHardSpecs().map((r) => ({ ...r, nudges: r.nudges.map(normaliseNudge) }));
    const enc = encodeRuns(runs).encoded;
    const adjusted = adjustedEstimates(fitAdjusted(enc));
    const raw = rawEstimates(enc);
    const comments = raw.find((e) => e.nudge === 'add comments')!;
    expect(comments.pBeneficial).toBeLessThan(0.025);
    expect(adjusted.find((e) => e.nudge === 'add comments')!.classification).toBe('uncertain');
    const columns = clearOnlyRaw(raw, adjusted);
    expect(columns.map((k) => enc.nudgeKeys[k])).toEqual(['add comments']);
    const [contrast] = specContrasts(enc, columns);
    // On the same specs, with and without it pass about alike.
    expect(Math.abs(contrast!.withPasses / contrast!.withRuns - contrast!.withoutRate)).toBeLessThan(0.1);
    const why = notClaimedWhy('uncertain', comments, contrast)!;
    expect(why).toContain('its 95% interval includes zero');
    expect(why).toContain(`Raw it looks harmful (−${Math.abs(100 * comments.effect).toFixed(1)} pp)`);
    expect(why).toContain(`on the ${contrast!.specs} specs with runs both with and without it, runs with it pass ${Math.round((100 * contrast!.withPasses) / contrast!.withRuns)}%`);
    // Without the contrast (or for a claim) the words say only what is known.
    expect(notClaimedWhy('uncertain', comments, undefined)).toBe('Not a Do or Avoid line: compared within the same specs, its 95% interval includes zero.');
    expect(notClaimedWhy('harmful', comments, contrast)).toBeUndefined();
  });
});
