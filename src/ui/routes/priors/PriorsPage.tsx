import { For, Show } from 'solid-js';
import { rawPriors, type RawPriorsView } from '../../../services/priors';
import { useLive } from '../../components/useLive';
import { pct, pp } from '../../components/format';

const EMPTY: RawPriorsView = { status: 'loading', runs: 0, estimates: [] };

export default function PriorsPage() {
  const view = useLive(rawPriors(), EMPTY);
  return (
    <section class="page">
      <h1>Priors</h1>
      <p class="muted">
        Which nudges go with passing runs? Raw estimates: the pass rate with and without each nudge, each a Beta(1 + passes, 1 + fails)
        posterior, and the probability that the nudge helps. Raw numbers are not adjusted for which specs a nudge was used on.
      </p>
      <p class="progress-note" data-testid="priors-status">
        {view().status === 'loading' ? 'Learning…' : view().status === 'error' ? `The learner failed: ${view().error}` : `From ${view().runs} run${view().runs === 1 ? '' : 's'}.`}
      </p>
      <Show when={view().status === 'ready' && view().estimates.length === 0}>
        <p class="empty">No nudges yet. Record runs on the Evidence page, with the nudges you applied; the estimates appear here.</p>
      </Show>
      <Show when={view().estimates.length > 0}>
        <table class="data" data-testid="priors-table">
          <thead>
            <tr>
              <th>Nudge</th>
              <th class="num">With (pass/n)</th>
              <th class="num">Pass rate with</th>
              <th class="num">Without (pass/n)</th>
              <th class="num">Pass rate without</th>
              <th class="num">Raw effect</th>
              <th class="num">P(beneficial)</th>
            </tr>
          </thead>
          <tbody>
            <For each={view().estimates}>
              {(e) => (
                <tr data-testid="prior-row" data-nudge={e.key}>
                  <td>{e.label}</td>
                  <td class="num">{e.withPasses}/{e.withN}</td>
                  <td class="num" data-testid="mean-with">{pct(e.meanWith, 1)}</td>
                  <td class="num">{e.withoutPasses}/{e.withoutN}</td>
                  <td class="num" data-testid="mean-without">{pct(e.meanWithout, 1)}</td>
                  <td class={`num ${e.effect > 0 ? 'pass' : e.effect < 0 ? 'fail' : ''}`} data-testid="raw-effect">{pp(e.effect)}</td>
                  <td class="num" data-testid="p-beneficial">{pct(e.pBeneficial, 1)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
