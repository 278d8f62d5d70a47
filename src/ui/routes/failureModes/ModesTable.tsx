import { For } from 'solid-js';
import { DataTable } from '../../components/DataTable';
import type { FailureMode } from '../../../services/failureModes';
import { formatCount } from '../../components/format';

/** Failure modes ranked by the runs that show them, each with the messages it groups. */
export function ModesTable(props: { modes: FailureMode[]; runs: number }) {
  const share = (m: FailureMode) => (props.runs > 0 ? `${((100 * m.runs) / props.runs).toFixed(1)}%` : '');
  return (
    <DataTable class="data modes-table" testid="modes-table"
      head={
        <tr>
          <th class="num">#</th>
          <th>Signature</th>
          <th class="num">Runs</th>
          <th class="num">Share of runs</th>
          <th class="num">Messages</th>
          <th>Examples</th>
        </tr>
      }
      each={props.modes}
    >
      {(m, i) => (
        <tr data-testid="mode-row">
          <td class="num muted">{i() + 1}</td>
          <td><code class="signature" data-testid="mode-signature">{m.signature}</code></td>
          <td class="num" data-testid="mode-runs">{formatCount(m.runs)}</td>
          <td class="num">{share(m)}</td>
          <td class="num">{formatCount(m.occurrences)}</td>
          <td>
            <ul class="examples">
              <For each={m.examples}>{(ex) => <li class="error-text" title={ex}>{ex}</li>}</For>
            </ul>
          </td>
        </tr>
      )}
    </DataTable>
  );
}
