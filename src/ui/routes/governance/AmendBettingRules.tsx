import { For } from 'solid-js';
import type { Constitution } from '../../../services/governance';

type Rules = Constitution['bettingRules'];

/** Each betting rule, in words, as the amendment form edits it (all are read by settlement, principles or the forecast). */
export const RULE_FIELDS: { key: keyof Rules; label: string; hint: string }[] = [
  { key: 'bullshitConfidence', label: 'Bullshit from confidence', hint: 'e.g. 0.8' },
  { key: 'bullshitErrorRatio', label: 'Bullshit above error ratio', hint: 'e.g. 0.5' },
  { key: 'minEstimateHours', label: 'Smallest estimate (h) in the error ratio', hint: 'e.g. 0.1' },
  { key: 'bullshitPenalty', label: 'Credibility lost to bullshit', hint: 'e.g. 0.15' },
  { key: 'missPenalty', label: 'Credibility lost to a miss', hint: 'e.g. 0.05' },
  { key: 'hitReward', label: 'Credibility won by a hit', hint: 'e.g. 0.02' },
  { key: 'credibilityStart', label: 'Starting credibility', hint: 'before the first resolution' },
  { key: 'focusTokensStart', label: 'Starting focus tokens', hint: 'before the first resolution' },
  { key: 'principlePriorStrength', label: 'Principle prior (bets)', hint: 'e.g. 4' },
  { key: 'principleDecisiveProbability', label: 'Principle verdict at probability', hint: 'e.g. 0.8' },
  { key: 'forecastDraws', label: 'Forecast draws', hint: 'at least 1000' },
  { key: 'forecastMinResolved', label: 'Forecast history from (bets)', hint: 'e.g. 5' },
  { key: 'forecastFallbackSigma', label: 'Forecast sigma without history', hint: 'e.g. 0.5' },
];

/** The betting rules part of the amendment form: text fields, read as numbers when the amendment is proposed. */
export function AmendBettingRules(props: { values: Record<keyof Rules, string>; set: (key: keyof Rules, value: string) => void }) {
  return (
    <fieldset class="amend-rules">
      <legend>Betting rules (each bet is settled by the rules in force when it is resolved)</legend>
      <div class="amend-grid">
        <For each={RULE_FIELDS}>
          {(f) => (
            <label>
              {f.label}
              <input inputmode="decimal" data-testid={`amend-rule-${f.key}`} placeholder={f.hint} value={props.values[f.key]} onInput={(e) => props.set(f.key, e.currentTarget.value)} />
            </label>
          )}
        </For>
      </div>
    </fieldset>
  );
}

export function rulesText(r: Rules): Record<keyof Rules, string> {
  return Object.fromEntries(RULE_FIELDS.map((f) => [f.key, String(r[f.key])])) as Record<keyof Rules, string>;
}

export function rulesOf(values: Record<keyof Rules, string>): Rules {
  return Object.fromEntries(RULE_FIELDS.map((f) => [f.key, Number(values[f.key])])) as unknown as Rules;
}
