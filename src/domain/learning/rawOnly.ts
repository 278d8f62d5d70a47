import type { AdjustedEstimate } from './adjusted';
import type { RawEstimate } from './raw';

/** P(beneficial) beyond which the raw comparison alone would call a nudge beneficial or harmful. */
export const RAW_CLEAR = 0.975;

/**
 * Columns (in the raw estimates' index space) of nudges whose raw comparison is clear while the
 * adjusted estimate makes no claim: the cases where the page owes a reason, since the raw
 * columns beside it seem to say otherwise.
 */
export function clearOnlyRaw(raw: readonly RawEstimate[], adjusted: readonly AdjustedEstimate[]): number[] {
  const verdict = new Map(adjusted.map((e) => [e.nudge, e.classification]));
  return raw
    .filter((r) => {
      const v = verdict.get(r.nudge);
      return (v === 'uncertain' || v === 'not enough evidence') && (r.pBeneficial >= RAW_CLEAR || r.pBeneficial <= 1 - RAW_CLEAR);
    })
    .map((r) => r.index);
}
