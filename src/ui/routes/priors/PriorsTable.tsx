import { For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import type { AdjustedFor, PriorRow } from '../../../services/priors';
import { formatCount, pct, pp } from '../../components/format';
import { intervalText, ppText, tone } from '../../charts/learning/effects';

const CLASS_TEXT: Record<NonNullable<PriorRow['adjusted']>['classification'], string> = {
  beneficial: 'beneficial',
  harmful: 'harmful',
  uncertain: 'uncertain',
  'not enough evidence': 'not enough evidence',
};

/** How an estimated pass rate comes from its counts: "(5 + 1) / (9 + 2)". */
function estimateTitle(passes: number, n: number): string {
  return `(${formatCount(passes)} passes + 1) / (${formatCount(n)} runs + 2), the mean of Beta(1 + passes, 1 + fails)`;
}

const list = (xs: string[], max = 4) => (xs.length <= max ? xs.join(', ') : `${xs.slice(0, max).join(', ')} and ${xs.length - max} more`);

/** What every adjusted effect is adjusted for, from the fit itself (DOMAIN.md "Nuisance adjustment"). */
function adjustedForText(a: AdjustedFor): string {
  const parts = [
    `the spec: each effect is learned only from runs of the same spec with and without the nudge (${formatCount(a.specs)} spec${a.specs === 1 ? '' : 's'} with both passes and failures${a.uninformativeSpecs > 0 ? `; ${formatCount(a.uninformativeSpecs)} where every run passed or every run failed say nothing` : ''})`,
  ];
  if (a.models.length) parts.push(`the model (${list(a.models)})`);
  if (a.temperatures.length) parts.push(`the temperature band (${list(a.temperatures)})`);
  if (a.months.length) parts.push(`the month (${a.months.length === 1 ? a.months[0] : `${a.months.length}: ${a.months[0]} to ${a.months[a.months.length - 1]}`})`);
  if (a.weeks > 0) parts.push(`the week (${formatCount(a.weeks)} terms, weeks from Monday and from Thursday, for drift within a month)`);
  if (a.days > 0) parts.push(`the day (${formatCount(a.days)} term${a.days === 1 ? '' : 's'}, for drift within a week)`);
  parts.push('the other nudges');
  return `Adjusted for ${parts.join(', ')}. Specs differ in difficulty by about ${a.specSd.toFixed(1)} log-odds (estimated from the runs).`;
}

/**
 * Raw and adjusted estimates side by side, one row per nudge. Raw: pass rates with and
 * without (Beta posteriors), their difference and P(beneficial). Adjusted (the headline):
 * the average marginal effect from the model with per-spec intercepts and co-applied nudges,
 * its 95% interval and what it means.
 */
export function PriorsTable(props: { rows: PriorRow[]; adjustedFor?: AdjustedFor }) {
  return (
    <>
    <Show when={props.adjustedFor}>
      {(a) => <p class="muted small adjusted-for" data-testid="adjusted-for">{adjustedForText(a())}</p>}
    </Show>
    <p class="muted small table-note" id="estimate-note" data-testid="estimate-note">
      <sup aria-hidden="true">*</sup>Estimated pass rates count one extra pass and one extra fail: (passes + 1) / (runs + 2), the mean of a
      Beta(1 + passes, 1 + fails) posterior. So 0 of 2 reads 25%, not 0%, and 5 of 9 reads 54.5%: a few runs cannot claim 0% or 100%,
      while hundreds of runs barely move. The raw effect is the difference of the two; P(beneficial) is the chance the rate with the
      nudge is really the higher.
    </p>
    <div class="table-scroll priors-scroll">
      <table class="data priors-table" data-testid="priors-table" aria-describedby="estimate-note">
        <thead>
          <tr class="group-row">
            <th scope="col" rowSpan={2} class="nudge-col">Nudge <span class="hint">(its runs)</span></th>
            <th scope="colgroup" colSpan={6} class="group">Raw (not adjusted)</th>
            <th scope="colgroup" colSpan={4} class="group adjusted-group">Adjusted (within specs; see above)</th>
          </tr>
          <tr>
            <th class="num">With (pass/n)</th>
            <th class="num">Estimated pass rate with<sup aria-hidden="true">*</sup></th>
            <th class="num">Without (pass/n)</th>
            <th class="num">Estimated pass rate without<sup aria-hidden="true">*</sup></th>
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
                <th scope="row" class="nudge-col"><A href={`/evidence?nudge=${encodeURIComponent(e.key)}`} title={`The runs with ${e.label}`}>{e.label}</A></th>
                <td class="num counts">{formatCount(e.withPasses)}/<wbr />{formatCount(e.withN)}</td>
                <td class="num" data-testid="mean-with" title={estimateTitle(e.withPasses, e.withN)}>{pct(e.meanWith, 1)}</td>
                <td class="num counts">{formatCount(e.withoutPasses)}/<wbr />{formatCount(e.withoutN)}</td>
                <td class="num" data-testid="mean-without" title={estimateTitle(e.withoutPasses, e.withoutN)}>{pct(e.meanWithout, 1)}</td>
                <td class={`num ${e.effect > 0 ? 'pass' : e.effect < 0 ? 'fail' : ''}`} data-testid="raw-effect">{pp(e.effect)}</td>
                <td class="num" data-testid="p-beneficial">{pct(e.pBeneficial, 1)}</td>
                <Show
                  when={e.adjusted}
                  fallback={<td class="num adjusted-start muted" colSpan={4} data-testid="adj-pending">fitting…</td>}
                >
                  {(a) => (
                    <>
                      <td class="num counts adjusted-start">
                        <span data-testid="adj-n">{formatCount(a().nWith)} /<wbr /> {formatCount(a().nWithout)}</span>
                        <span class="muted small adj-specs" data-testid="adj-specs" title="Specs whose runs differ in this nudge and in outcome: where the adjusted effect is learned">
                          {formatCount(a().informativeSpecs)} spec{a().informativeSpecs === 1 ? '' : 's'}
                        </span>
                      </td>
                      <td class="num" data-testid="adj-effect"><strong>{ppText(a().ame)}</strong></td>
                      <td class="num nowrap" data-testid="adj-interval">{intervalText(a().lo, a().hi)}</td>
                      <td>
                        <span class={`badge ${tone(a().classification)}`} data-testid="adj-class">{CLASS_TEXT[a().classification]}</span>
                        <Show when={e.why}>{(why) => <p class="muted small adj-why" data-testid="adj-why">{why()}</p>}</Show>
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
    </>
  );
}
