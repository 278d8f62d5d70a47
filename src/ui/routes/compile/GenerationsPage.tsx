import { For, Show, createMemo, createSignal } from 'solid-js';
import { DataTable } from '../../components/DataTable';
import { A } from '@solidjs/router';
import { compilations, nudgeUsage, passRate, type Compilation } from '../../../services/compile';
import { formatShortTime, pct } from '../../components/format';
import { useLive } from '../../components/useLive';
import { PassRateChart } from './PassRateChart';
import './compile.css';

/**
 * time.trace.metacompiler.generations: every compilation with its pass rate, the nudges it
 * used and the priors in force when it started, so the learning curve is visible.
 */
export default function GenerationsPage() {
  const all = useLive(compilations(), [] as Compilation[]);
  const [spec, setSpec] = createSignal('');
  const specsSeen = createMemo(() => [...new Map(all().map((c) => [c.specId, c.specTitle])).entries()]);
  const shown = createMemo(() => (spec() ? all().filter((c) => c.specId === spec()) : all()));
  return (
    <section class="page generations-page">
      <div class="compile-head">
        <h1>Generations</h1>
        <A href="/compile">Compile</A>
      </div>
      <p class="muted">Each compilation asks for variations with the nudges the learner chose from all evidence so far; a rising line means it is learning what helps.</p>
      <Show when={specsSeen().length > 1}>
        <label class="inline-label">
          Spec
          <select data-testid="generations-spec" value={spec()} onChange={(e) => setSpec(e.currentTarget.value)}>
            <option value="">All specs</option>
            <For each={specsSeen()}>{([id, title]) => <option value={id}>{title}</option>}</For>
          </select>
        </label>
      </Show>
      <Show when={shown().length > 0} fallback={<p class="empty-state">No compilations yet. Compile a spec from the Compile page.</p>}>
        <div class="card chart-card">
          <PassRateChart compilations={shown()} />
        </div>
        <DataTable class="data generations" testid="generations-table"
          caption={<caption class="sr-only">Pass rate, nudges used and priors in force per compilation</caption>}
          head={
            <tr>
              <th class="num">#</th>
              <th>When</th>
              <th>Spec</th>
              <th class="num">Pass rate</th>
              <th>Nudges used</th>
              <th>Priors in force</th>
            </tr>
          }
          each={shown()}
        >
          {(c, i) => (
            <tr data-testid="generation-row" data-status={c.status}>
              <td class="num">{i() + 1}</td>
              <td class="nowrap">{formatShortTime(c.at)}</td>
              <td>
                <A href={`/compile/${c.specId}`}>{c.specTitle}</A>
                <div class="hint">{c.model} · {c.status}</div>
              </td>
              <td class="num nowrap" data-testid="generation-pass-rate" data-passed={c.passed} data-verified={c.verified}>
                {c.passed}/{c.verified}
                {passRate(c) !== undefined ? ` (${pct(passRate(c) ?? 0)})` : ''}
              </td>
              <td>
                <div class="tags">
                  <For each={nudgeUsage(c).filter((u) => u.used > 0)} fallback={<span class="muted">none</span>}>
                    {(u) => <span class="tag">{u.label} ×{u.used}</span>}
                  </For>
                </div>
              </td>
              <td>
                <Show when={c.priorsBlock} fallback={<span class="muted">none yet</span>}>
                  <pre class="priors-block small">{c.priorsBlock.split('\n').slice(1).join('\n')}</pre>
                </Show>
              </td>
            </tr>
          )}
        </DataTable>
      </Show>
    </section>
  );
}
