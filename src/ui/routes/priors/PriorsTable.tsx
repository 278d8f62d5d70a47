import { For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import type { PriorRow } from '../../../services/priors';
import { pct, pp } from '../../components/format';
import { intervalText, ppText, tone } from '../../charts/learning/effects';

const CLASS_TEXT: Record<NonNullable<PriorRow['adjusted']>['classification'], string> = {
  beneficial: 'beneficial',
  harmful: 'harmful',
  uncertain: 'uncertain',
  'not enough evidence': 'not enough evidence',
};

/**
 * Raw and adjusted estimates side by side, one row per nudge. Raw: pass rates with and
 * without (Beta posteriors), their difference and P(beneficial). Adjusted (the headline):
 * the average marginal effect from the model with per-spec intercepts and co-applied nudges,
 * its 95% interval and what it means.
 */
export function PriorsTable(props: { rows: PriorRow[] }) {
  return (
    <div class="table-scroll">
      <table class="data priors-table" data-testid="priors-table">
        <thead>
          <tr class="group-row">
            <th scope="col" rowSpan={2}>Nudge <span class="hint">(its runs)</span></th>
            <th scope="colgroup" colSpan={6} class="group">Raw (not adjusted)</th>
            <th scope="colgroup" colSpan={4} class="group adjusted-group">Adjusted for spec and other nudges</th>
          </tr>
          <tr>
            <th class="num">With (pass/n)</th>
            <th class="num">Pass rate with</th>
            <th class="num">Without (pass/n)</th>
            <th class="num">Pass rate without</th>
            <th class="num">Raw effect</th>
            <th class="num">P(beneficial)</th>
            <th class="num adjusted-start">n with / without</th>
            <th class="num">Effect</th>
            <th class="num">95% interval</th>
            <th>Verdict</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>
            {(e) => (
              <tr data-testid="prior-row" data-nudge={e.key}>
                <td><A href={`/evidence?nudge=${encodeURIComponent(e.key)}`} title={`The runs with ${e.label}`}>{e.label}</A></td>
                <td class="num">{e.withPasses}/{e.withN}</td>
                <td class="num" data-testid="mean-with">{pct(e.meanWith, 1)}</td>
                <td class="num">{e.withoutPasses}/{e.withoutN}</td>
                <td class="num" data-testid="mean-without">{pct(e.meanWithout, 1)}</td>
                <td class={`num ${e.effect > 0 ? 'pass' : e.effect < 0 ? 'fail' : ''}`} data-testid="raw-effect">{pp(e.effect)}</td>
                <td class="num" data-testid="p-beneficial">{pct(e.pBeneficial, 1)}</td>
                <Show
                  when={e.adjusted}
                  fallback={<td class="num adjusted-start muted" colSpan={4} data-testid="adj-pending">fitting…</td>}
                >
                  {(a) => (
                    <>
                      <td class="num adjusted-start" data-testid="adj-n">{a().nWith} / {a().nWithout}</td>
                      <td class="num" data-testid="adj-effect"><strong>{ppText(a().ame)}</strong></td>
                      <td class="num nowrap" data-testid="adj-interval">{intervalText(a().lo, a().hi)}</td>
                      <td>
                        <span class={`badge ${tone(a().classification)}`} data-testid="adj-class">{CLASS_TEXT[a().classification]}</span>
                      </td>
                    </>
                  )}
                </Show>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
