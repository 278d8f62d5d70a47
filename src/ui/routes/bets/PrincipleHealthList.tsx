import { Show } from 'solid-js';
import { DataTable } from '../../components/DataTable';
import type { PrincipleHealth } from '../../../services/bets';
import { pct } from '../../components/format';
import { labelBadge, num } from './betFormat';

/** Do the principles a person cites go with bets that hit more often than their bets in general? */
export function PrincipleHealthList(props: { principles: PrincipleHealth[]; baseRate: number; decisive: number }) {
  return (
    <section class="card" aria-labelledby="principles-heading">
      <h2 id="principles-heading">Principle health</h2>
      <Show
        when={props.principles.length > 0}
        fallback={<p class="empty" data-testid="principles-empty">No principles cited yet. Cite the principles that make you confident when you place a bet; resolved bets then show which ones predict hits.</p>}
      >
        <p class="muted small">
          Compared with your base rate of {pct(props.baseRate)} hits. Predictive or discredited once the evidence is {pct(props.decisive)} sure either way.
        </p>
        <DataTable class="data" testid="principles"
          head={
            <tr>
              <th>Principle</th>
              <th>Label</th>
              <th class="num" title="Posterior mean hit rate of bets citing it">Health</th>
              <th class="num" title="Resolved bets citing it">n</th>
              <th class="num">Hit / miss</th>
              <th class="num">Open</th>
              <th class="num" title="Shares of bullshit bets that cited it">Blame</th>
            </tr>
          }
          each={props.principles}
        >
          {(p) => (
            <tr data-testid="principle-row">
              <td>{p.principle}</td>
              <td><span class={`badge ${labelBadge[p.label]}`}>{p.label}</span></td>
              <td class="num">{pct(p.health)}</td>
              <td class="num" data-testid="principle-n">{p.n}</td>
              <td class="num">{p.hits} / {p.misses}</td>
              <td class="num">{p.open}</td>
              <td class="num">{num(p.blame)}</td>
            </tr>
          )}
        </DataTable>
      </Show>
    </section>
  );
}
