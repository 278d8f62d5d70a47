import { For } from 'solid-js';
import { A } from '@solidjs/router';
import type { NudgeModes as NudgeModesRow } from '../../../services/failureModes';
import { formatCount } from '../../components/format';

/**
 * Per nudge, the failure modes credibly over-represented when it is applied: lift = P(mode |
 * nudge) / P(mode), with its simultaneous 95% interval (above 1 for every row shown). A lift of
 * 3 means the mode shows three times as often on runs with the nudge.
 */
export function NudgeModes(props: { nudges: NudgeModesRow[] }) {
  return (
    <div class="nudge-modes">
      <For each={props.nudges}>
        {(n) => (
          <section class="card nudge-mode-card" data-testid="nudge-modes" data-nudge={n.key}>
            <h3>
              <A href={`/evidence?nudge=${encodeURIComponent(n.key)}`} title={`The runs with ${n.label}`}>{n.label}</A>
            </h3>
            <table class="data compact">
              <thead><tr><th>Mode</th><th class="num">Runs</th><th class="num">Lift</th></tr></thead>
              <tbody>
                <For each={n.contexts.slice(0, 5)}>
                  {(c) => (
                    <tr>
                      <td><code class="signature">{c.signature}</code></td>
                      <td class="num">{formatCount(c.runs)}</td>
                      <td class="num" data-testid="lift" title={`95% interval, adjusted for ${c.comparisons} comparisons: ×${c.low.toFixed(2)} to ×${c.high.toFixed(2)}`}>
                        ×{c.lift.toFixed(2)} <span class="muted small lift-interval">({c.low.toFixed(2)}–{c.high.toFixed(2)})</span>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            {n.contexts.length > 5 ? <p class="muted small">and {formatCount(n.contexts.length - 5)} more</p> : null}
          </section>
        )}
      </For>
    </div>
  );
}
