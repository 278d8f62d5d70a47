import { For, Show } from 'solid-js';
import { nudgeUsage, passRate, type Compilation } from '../../../services/compile';
import { formatTime, pct } from '../../components/format';

/** Pass rate, the nudges used and the priors in force of one compilation. */
export function CompilationSummary(props: { compilation: Compilation }) {
  const c = () => props.compilation;
  const rate = () => passRate(c());
  return (
    <div class="compilation-summary" data-testid="compilation-summary">
      <p>
        <strong data-testid="summary-pass-rate">
          {c().passed}/{c().verified} passed{rate() !== undefined ? ` (${pct(rate() ?? 0)})` : ''}
        </strong>{' '}
        <span class="muted">
          · {formatTime(c().at)} · {c().model} at temperature {c().temperature} · {c().status}
          <Show when={c().note}> ({c().note})</Show>
        </span>
      </p>
      <dl class="facts">
        <dt>Nudges used</dt>
        <dd>
          <div class="tags">
            <For each={nudgeUsage(c())} fallback={<span class="muted">none offered</span>}>
              {(u) => (
                <span class="tag" title={`${u.passed} of ${u.used} with it passed`}>
                  {u.label} ×{u.used}
                </span>
              )}
            </For>
          </div>
        </dd>
        <dt>Priors in force</dt>
        <dd>
          <Show when={c().priorsBlock} fallback={<span class="muted">none yet (from {c().evidenceRuns} runs)</span>}>
            <pre class="priors-block" data-testid="priors-in-force">{c().priorsBlock}</pre>
          </Show>
        </dd>
      </dl>
    </div>
  );
}
