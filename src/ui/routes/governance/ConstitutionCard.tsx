import { For, Show } from 'solid-js';
import { constitutions, constitutionsApart, personOnly, type Constitution, type ConstitutionRow } from '../../../services/governance';
import { RULE_FIELDS } from './AmendBettingRules';
import { formatTime } from '../../components/format';
import { useLive } from '../../components/useLive';
import { AmendForm } from './AmendForm';

function kernelText(k: Constitution['forgivenessKernel']): string {
  switch (k.kind) {
    case 'exponential':
      return `exponential, half-life ${k.halfLifeDays} d`;
    case 'weibull':
      return `Weibull k=${k.k}, λ=${k.lambdaDays} d`;
    case 'gamma':
      return `Gamma k=${k.k}, θ=${k.thetaDays} d`;
  }
}

/** The constitution in force, its history (each naming the previous id), and the amendment form. */
export function ConstitutionCard() {
  const rows = useLive(constitutions(), [] as ConstitutionRow[]);
  const current = () => rows()[0];
  const apart = useLive(constitutionsApart(), []);
  return (
    <section class="card" data-testid="constitution" aria-labelledby="constitution-title">
      <h2 id="constitution-title">Constitution</h2>
      <Show when={current()} fallback={<p class="muted">Adopting the default constitution…</p>}>
        {(row) => {
          const c = () => row().constitution;
          return (
            <>
              <p class="small">In force since {formatTime(row().createdAt)}, id <code data-testid="constitution-id">{row().id.slice(0, 16)}</code></p>
              <dl class="facts small" data-testid="constitution-facts">
                <dt>Trust level</dt><dd data-testid="constitution-trust">{c().trustLevel}</dd>
                <dt>Impact budget per slice</dt><dd>{c().eExtMax}</dd>
                <dt>Slice</dt><dd>{'steps' in c().slice ? `${(c().slice as { steps: number }).steps} log steps` : `${(c().slice as { hours: number }).hours} hours`}</dd>
                <dt>Chapel pause</dt><dd>{c().minPauseMs} ms</dd>
                <dt>Automated actions per session</dt><dd>{c().maxAutomatedPerSession}</dd>
                <dt>Plan depth</dt><dd>{c().maxPlanDepth}</dd>
                <dt>Existential audit</dt><dd>{c().existentialAudit ? `on (at most ${c().auditMaxSteps} automated steps per slice)` : 'off'}</dd>
                <dt>Forgiveness kernel</dt><dd>{kernelText(c().forgivenessKernel)}</dd>
                <dt>Jitter corridor</dt><dd>{c().jitterCorridor.maxPp} pp</dd>
                <dt>Answerable to</dt><dd>{c().answerableTo.primary.join(', ')} (last resort {c().answerableTo.lastResort})</dd>
                <dt>Always needs a person</dt>
                <dd data-testid="constitution-person-only">
                  {personOnly(c()).length ? personOnly(c()).map((k) => k.replace(/_/g, ' ')).join(', ') : 'nothing: the trust level decides'} (whatever the trust level)
                </dd>
              </dl>
              <details class="small">
                <summary>Betting rules</summary>
                <dl class="facts small" data-testid="constitution-betting-rules">
                  <For each={RULE_FIELDS}>{(f) => <><dt>{f.label}</dt><dd>{c().bettingRules[f.key]}</dd></>}</For>
                </dl>
              </details>
              <AmendForm current={c()} />
            </>
          );
        }}
      </Show>
      <h3 class="subhead">History</h3>
      <ol class="history" data-testid="constitution-history">
        <For each={rows()}>
          {(r, i) => (
            <li>
              <code>{r.id.slice(0, 12)}</code> {i() === 0 ? <span class="badge good">in force</span> : null}
              <span class="muted small"> {formatTime(r.createdAt)} · {r.previousId ? `replaced ${r.previousId.slice(0, 12)}` : 'first'}</span>
            </li>
          )}
        </For>
      </ol>
      <Show when={apart().length > 0}>
        <h3 class="subhead">
          Amended apart <span class="badge neutral" title="Amended on two paired devices while they were apart; the earlier amendment governs, on every device">amended twice</span>
        </h3>
        <ul class="history" data-testid="constitutions-apart">
          <For each={apart()}>
            {(a) => (
              <li class="small resolution-conflict" data-testid="constitution-apart">
                <code>{a.row.id.slice(0, 12)}</code>, adopted {formatTime(a.row.createdAt)} while your devices were apart
                {a.instead ? <>, amended the same constitution as <code>{a.instead.id.slice(0, 12)}</code> ({formatTime(a.instead.createdAt)})</> : <>, amended one not in force</>}. Not in force: the
                earlier amendment governs, on every device.
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
