import { For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import type { RankedPrior } from '../../../services/priors';
import { intervalText, ppText } from '../../charts/learning/effects';
import { formatCount } from '../../components/format';
import { Checks } from './Checks';

function Item(props: { e: RankedPrior }) {
  return (
    <li data-testid="ranked-item" data-nudge={props.e.key}>
      <div class="ranked-top">
        <span class="ranked-label">{props.e.label}</span>
        <span class="ranked-effect">{ppText(props.e.ame)}</span>
      </div>
      <div class="ranked-meta">
        <span class="muted">95%: {intervalText(props.e.lo, props.e.hi)}</span>
        <A href={`/evidence?nudge=${encodeURIComponent(props.e.key)}`} title="The runs behind this estimate">
          n = {formatCount(props.e.nWith)} with, {formatCount(props.e.nWithout)} without
        </A>
      </div>
      <Checks checks={props.e.checks} />
    </li>
  );
}

/**
 * The two lists priors are drawn from (DOMAIN.md): "Do" ranked by the interval's lower bound
 * (surest help first), "Avoid" by its upper bound (surest harm first). Each line shows its
 * refutation checks; only lines that passed all of them go into the prompt block.
 */
export function RankedLists(props: { beneficial: RankedPrior[]; harmful: RankedPrior[] }) {
  return (
    <div class="ranked-lists">
      <section class="card ranked do" aria-labelledby="do-heading" data-testid="ranked-do">
        <h2 id="do-heading">Do</h2>
        <p class="muted small">Beneficial: the whole 95% interval is above zero. Ranked by its lower end.</p>
        <Show when={props.beneficial.length > 0} fallback={<p class="empty">Nothing is clearly beneficial yet. Apply nudges on more runs (at least 5 with and 5 without each).</p>}>
          <ol class="ranked-list"><For each={props.beneficial}>{(e) => <Item e={e} />}</For></ol>
        </Show>
      </section>
      <section class="card ranked avoid" aria-labelledby="avoid-heading" data-testid="ranked-avoid">
        <h2 id="avoid-heading">Avoid</h2>
        <p class="muted small">Harmful: the whole 95% interval is below zero. Ranked by its upper end.</p>
        <Show when={props.harmful.length > 0} fallback={<p class="empty">Nothing is clearly harmful yet.</p>}>
          <ol class="ranked-list"><For each={props.harmful}>{(e) => <Item e={e} />}</For></ol>
        </Show>
      </section>
    </div>
  );
}
