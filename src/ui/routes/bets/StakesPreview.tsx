import { Show } from 'solid-js';
import type { BettingRules, DraftPreview } from '../../../services/bets';
import { pct } from '../../components/format';
import { hours, num } from './betFormat';

/** What this bet puts on the line, from the same rules that will settle it. */
export function StakesPreview(props: { preview: DraftPreview | undefined; credibility: number; rules: BettingRules }) {
  return (
    <section class="stakes-preview" aria-live="polite" aria-label="Stakes preview" data-testid="stakes-preview">
      <Show when={props.preview} fallback={<p class="muted small">Fill in hours, confidence and stake to see what this bet risks.</p>}>
        {(p) => (
          <dl class="facts">
            <dt>Effective confidence</dt>
            <dd data-testid="preview-effective">
              {pct(p().effectiveConfidence)} <span class="muted">= {pct(p().confidence)} × credibility {num(props.credibility)}</span>
            </dd>
            <dt>A hit wins</dt>
            <dd class="pass" data-testid="preview-win">+{num(p().winOnHit)} tokens</dd>
            <dt>A miss costs</dt>
            <dd class="fail" data-testid="preview-cost">−{num(p().costOnMiss)} tokens</dd>
            <dt>Bullshit threshold</dt>
            <dd data-testid="preview-bullshit">
              <Show
                when={p().bullshitApplies}
                fallback={<span class="muted">does not apply below {pct(props.rules.bullshitConfidence)} confidence</span>}
              >
                finishing after {hours(p().bullshitAboveHours)}
                <Show when={p().bullshitBelowHours > 0}> or before {hours(p().bullshitBelowHours)}</Show> costs {num(props.rules.bullshitPenalty)} credibility
              </Show>
            </dd>
          </dl>
        )}
      </Show>
    </section>
  );
}
