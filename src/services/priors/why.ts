import type { EffectClass } from '../../domain/learning/adjusted';
import { RAW_CLEAR } from '../../domain/learning/rawOnly';
import type { RawEstimate } from '../../domain/learning/raw';
import type { SpecContrast } from '../../domain/learning/specContrast';

const percent = (passes: number, runs: number) => `${Math.round((100 * passes) / runs)}%`;
const points = (p: number) => `${p >= 0 ? '+' : '−'}${Math.abs(100 * p).toFixed(1)} pp`;

/**
 * Why a nudge is neither a "Do" nor an "Avoid" line, in words from its estimates: its interval
 * within specs includes zero, or it has too few runs; and when the raw comparison beside it
 * looks clear, where the nudge was used (the specs' pass rates without it), which is what the
 * raw difference follows instead.
 */
export function notClaimedWhy(cls: EffectClass, raw: RawEstimate, contrast: SpecContrast | undefined): string | undefined {
  if (cls === 'beneficial' || cls === 'harmful') return undefined;
  const first =
    cls === 'uncertain'
      ? 'Not a Do or Avoid line: compared within the same specs, its 95% interval includes zero.'
      : 'Not a Do or Avoid line: too few runs with it or without it to judge.';
  const clear = raw.pBeneficial >= RAW_CLEAR || raw.pBeneficial <= 1 - RAW_CLEAR;
  if (!clear || !contrast || !(contrast.withRuns > 0)) return first;
  const looks = raw.effect > 0 ? 'beneficial' : 'harmful';
  return (
    `${first} Raw it looks ${looks} (${points(raw.effect)}), but that compares different specs: on the ${contrast.specs} specs ` +
    `with runs both with and without it, runs with it pass ${percent(contrast.withPasses, contrast.withRuns)} and runs without it ` +
    `${Math.round(100 * contrast.withoutRate)}% (each spec weighted by its runs with it).`
  );
}
