import { Show } from 'solid-js';
import type { CalibrationData } from '../../../services/bets';
import { pct } from '../../components/format';

const f3 = (x: number | null) => (x === null ? '—' : x.toFixed(3));

/** The two proper scores, each beside what always stating your own base rate would have scored. */
export function ScoreCards(props: { data: CalibrationData }) {
  const s = () => props.data.summary;
  const verdict = (mine: number | null, base: number | null, lowerIsBetter: boolean) => {
    if (mine === null || base === null) return '';
    const better = lowerIsBetter ? mine < base : mine > base;
    return mine === base ? 'level with the baseline' : better ? 'better than the baseline' : 'worse than the baseline';
  };
  return (
    <div class="bet-summary" data-testid="scores">
      <div class="card stat">
        <h2>Brier score</h2>
        <p class="stat-value" data-testid="brier">{f3(s().brier)}</p>
        <p class="muted small">
          vs {f3(s().baselineBrier)} for always saying your base rate: {verdict(s().brier, s().baselineBrier, true)}. 0 is perfect; lower is better.
        </p>
      </div>
      <div class="card stat">
        <h2>Log score</h2>
        <p class="stat-value" data-testid="log-score">{f3(s().logScore)}</p>
        <p class="muted small">
          vs {f3(s().baselineLogScore)} for the base rate: {verdict(s().logScore, s().baselineLogScore, false)}. 0 is perfect; higher is better.
        </p>
      </div>
      <div class="card stat">
        <h2>Base rate</h2>
        <p class="stat-value">{s().baseRate === null ? '—' : pct(s().baseRate ?? 0)}</p>
        <p class="muted small" data-testid="calibration-count">
          of {s().forecasts} forecast{s().forecasts === 1 ? '' : 's'} came true, from {s().bets} resolved bet{s().bets === 1 ? '' : 's'}{' '}
          ({props.data.outcomes.hit} hit, {props.data.outcomes.miss} missed, {props.data.outcomes.abandoned} abandoned).
          <Show when={s().forecasts > s().bets}> Range bets count once per stated point.</Show>
        </p>
      </div>
    </div>
  );
}
