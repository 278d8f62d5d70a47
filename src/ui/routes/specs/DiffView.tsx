import { For, Show, createMemo } from 'solid-js';
import type { DiffLine } from '../../../services/specs/checkpoints';

type Row = { kind: 'line'; line: DiffLine } | { kind: 'gap'; count: number };

const CONTEXT = 3;

/** Unchanged runs longer than the context around changes fold into one "n unchanged lines" row. */
function fold(lines: readonly DiffLine[]): Row[] {
  const changed = lines.map((l) => l.op !== 'same');
  const near = lines.map((_, i) => changed.slice(Math.max(0, i - CONTEXT), i + CONTEXT + 1).some(Boolean));
  const rows: Row[] = [];
  let gap = 0;
  lines.forEach((line, i) => {
    if (near[i]) {
      if (gap) rows.push({ kind: 'gap', count: gap });
      gap = 0;
      rows.push({ kind: 'line', line });
    } else gap++;
  });
  if (gap) rows.push({ kind: 'gap', count: gap });
  return rows;
}

/** A checkpoint (left numbers) against the text now (right numbers), removed in red, added in green. */
export function DiffView(props: { lines: DiffLine[] }) {
  const rows = createMemo(() => fold(props.lines));
  const counts = createMemo(() => ({
    added: props.lines.filter((l) => l.op === 'added').length,
    removed: props.lines.filter((l) => l.op === 'removed').length,
  }));
  return (
    <div class="diff" data-testid="checkpoint-diff">
      <p class="muted diff-summary">
        <Show when={counts().added + counts().removed > 0} fallback="No difference: the spec reads exactly as it did then.">
          Since then: <span class="diff-add-count">+{counts().added}</span> <span class="diff-del-count">−{counts().removed}</span> lines
        </Show>
      </p>
      <div class="diff-lines" role="table" aria-label="Checkpoint compared with now">
        <For each={rows()}>
          {(row) =>
            row.kind === 'gap' ? (
              <div class="diff-gap" role="row">⋯ {row.count} unchanged line{row.count === 1 ? '' : 's'}</div>
            ) : (
              <div class={`diff-line ${row.line.op}`} role="row" data-op={row.line.op}>
                <span class="ln" role="cell">{row.line.op === 'added' ? '' : row.line.aLine}</span>
                <span class="ln" role="cell">{row.line.op === 'removed' ? '' : row.line.bLine}</span>
                <span class="mark" role="cell" aria-label={row.line.op}>{row.line.op === 'added' ? '+' : row.line.op === 'removed' ? '−' : ' '}</span>
                <span class="code" role="cell">{row.line.text || ' '}</span>
              </div>
            )
          }
        </For>
      </div>
    </div>
  );
}
