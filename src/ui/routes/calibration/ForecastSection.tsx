import { Show, createMemo, createSignal } from 'solid-js';
import { useSearchParams } from '@solidjs/router';
import { openBetsForecast, type ForecastView } from '../../../services/bets';
import { useLive } from '../../components/useLive';
import { pct } from '../../components/format';
import { ForecastFanChart } from '../../charts/ForecastFanChart';

/** Evidence-based scheduling: how long the open bets will take together, and the odds for a budget. */
export function ForecastSection() {
  const forecast = useLive<ForecastView | undefined>(openBetsForecast(), undefined);
  const [params] = useSearchParams<{ budget?: string }>();
  const [budgetText, setBudgetText] = createSignal(params.budget ?? '');
  const budget = createMemo(() => {
    const t = budgetText().trim().replace(/h$/i, '');
    if (t === '') return { hours: undefined, error: '' };
    const n = Number(t);
    return Number.isFinite(n) && n > 0 ? { hours: n, error: '' } : { hours: undefined, error: 'write a number of hours above 0, e.g. 12' };
  });
  return (
    <section class="card forecast" aria-labelledby="forecast-heading" data-testid="forecast">
      <h2 id="forecast-heading">Forecast of your open bets</h2>
      <Show when={forecast()} fallback={<p class="muted" role="status">Simulating…</p>}>
        {(f) => (
          <Show
            when={f().summary.openBets > 0}
            fallback={<p class="empty" data-testid="forecast-empty">No open bets to forecast. Place bets on the Bets page; this section then simulates how long they will take together.</p>}
          >
            <p class="muted small">
              {f().summary.draws.toLocaleString('en')} seeded draws: each estimate times a ratio{' '}
              {f().summary.ratioSource === 'history'
                ? `drawn from your ${f().summary.historyCount} completed bets (actual ÷ estimated).`
                : `from a log-normal around 1 (fewer than 5 completed bets: ${f().summary.historyCount} so far).`}{' '}
              Same bets, same numbers. Computed in {Math.round(f().ms)} ms in the background.
            </p>
            <dl class="facts forecast-facts">
              <dt>P50</dt><dd data-testid="forecast-p50">{f().summary.p50.toFixed(1)}h</dd>
              <dt>P80</dt><dd>{f().summary.p80.toFixed(1)}h</dd>
              <dt>P95</dt><dd>{f().summary.p95.toFixed(1)}h</dd>
            </dl>
            <ForecastFanChart summary={f().summary} budgetHours={budget().hours} />
            <label class="budget-field">
              Chance to finish within
              <input inputmode="decimal" value={budgetText()} onInput={(e) => setBudgetText(e.currentTarget.value)} placeholder={String(Math.ceil(f().summary.p50))} aria-invalid={budget().error ? 'true' : undefined} aria-describedby="budget-error" data-testid="budget" />
              hours:
              <strong data-testid="budget-chance">{budget().hours === undefined ? '—' : pct(f().chanceWithin(budget().hours ?? 0))}</strong>
            </label>
            <Show when={budget().error}><p class="field-error" id="budget-error" role="alert">{budget().error}</p></Show>
          </Show>
        )}
      </Show>
    </section>
  );
}
