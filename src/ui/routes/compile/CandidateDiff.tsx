import { For, Show, createMemo } from 'solid-js';
import { lineDiff } from '../../../services/compile';
import type { RankedCandidate } from './CandidateTable';

/** Any two candidates side by side as a line diff (A's line numbers left, B's right). */
export function CandidateDiff(props: {
  ranked: RankedCandidate[];
  a: string | undefined;
  b: string | undefined;
  onA: (id: string) => void;
  onB: (id: string) => void;
}) {
  const find = (id: string | undefined) => props.ranked.find((c) => c.id === id);
  const lines = createMemo(() => lineDiff(find(props.a)?.code ?? '', find(props.b)?.code ?? ''));
  const changed = () => lines().filter((l) => l.op !== 'same').length;
  const picker = (label: string, value: string | undefined, set: (id: string) => void, testid: string) => (
    <label>
      {label}
      <select data-testid={testid} onChange={(e) => set(e.currentTarget.value)}>
        <For each={props.ranked}>
          {(c, i) => (
            // `selected` rather than the select's value: the options render after the value is set.
            <option value={c.id} selected={c.id === value}>
              #{c.index} (rank {i() + 1}, {c.passed ? 'passed' : 'failed'})
            </option>
          )}
        </For>
      </select>
    </label>
  );
  return (
    <section class="candidate-diff" aria-labelledby="diff-title">
      <h3 id="diff-title">Compare two candidates</h3>
      <div class="diff-pickers">
        {picker('A', props.a, props.onA, 'diff-a')}
        {picker('B', props.b, props.onB, 'diff-b')}
      </div>
      <p class="hint" data-testid="diff-summary">
        <Show when={changed() > 0} fallback="The two candidates are the same, line for line.">
          {lines().filter((l) => l.op === 'removed').length} line(s) only in A, {lines().filter((l) => l.op === 'added').length} only in B
        </Show>
      </p>
      <div class="cdiff" role="table" aria-label="Candidate A compared with candidate B" data-testid="candidate-diff">
        <For each={lines()}>
          {(l) => (
            <div class={`cdiff-line ${l.op}`} role="row" data-op={l.op}>
              <span class="ln" role="cell">{l.op === 'added' ? '' : l.aLine}</span>
              <span class="ln" role="cell">{l.op === 'removed' ? '' : l.bLine}</span>
              <span class="mark" role="cell" aria-label={l.op}>{l.op === 'added' ? '+' : l.op === 'removed' ? '−' : ' '}</span>
              <span class="code" role="cell">{l.text || ' '}</span>
            </div>
          )}
        </For>
      </div>
    </section>
  );
}
