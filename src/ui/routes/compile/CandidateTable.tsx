import { For, Show } from 'solid-js';
import { DataTable } from '../../components/DataTable';
import type { CandidateRecord } from '../../../services/compile';

export type RankedCandidate = CandidateRecord & { failures: number };

/** The ranking: passing first, fewest failures, shortest code. */
export function CandidateTable(props: {
  ranked: RankedCandidate[];
  labelOf: (key: string) => string;
  shown: string | undefined;
  onShow: (id: string) => void;
  onAccept: (c: RankedCandidate) => void;
  accepting: boolean;
}) {
  return (
    <DataTable class="data candidates" testid="candidates-table"
      head={
        <tr>
          <th class="num">Rank</th>
          <th>Candidate</th>
          <th>Result</th>
          <th class="num" title="Test failures plus thrown errors">Fails</th>
          <th class="num" title="Characters of code">Chars</th>
          <th class="num" title="Time to run the tests">Time</th>
          <th>Nudges</th>
          <th><span class="sr-only">Actions</span></th>
        </tr>
      }
      each={props.ranked}
    >
      {(c, i) => (
        <tr data-testid="candidate-row" data-index={c.index} data-passed={String(c.passed)} classList={{ shown: props.shown === c.id }}>
          <td class="num">{i() + 1}</td>
          <td>
            <button type="button" class="link-button" aria-pressed={props.shown === c.id} onClick={() => props.onShow(c.id)}>
              #{c.index}
            </button>
          </td>
          <td>
            <span class={`badge ${c.passed ? 'good' : 'bad'}`}>{c.passed ? 'passed' : c.timedOut ? 'timed out' : 'failed'}</span>
          </td>
          <td class="num">{c.failures}</td>
          <td class="num">{c.code.trim().length}</td>
          <td class="num nowrap">{c.timedOut ? '—' : `${c.durationMs} ms`}</td>
          <td>
            <div class="tags">
              <For each={c.nudges} fallback={<span class="muted">none</span>}>{(k) => <span class="tag">{props.labelOf(k)}</span>}</For>
            </div>
          </td>
          <td>
            <Show when={c.passed}>
              <button type="button" class="small-button" data-testid="accept-candidate" disabled={props.accepting} onClick={() => props.onAccept(c)}>
                Accept
              </button>
            </Show>
          </td>
        </tr>
      )}
    </DataTable>
  );
}
