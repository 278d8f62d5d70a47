import { For, Show } from 'solid-js';
import { DataTable } from '../../components/DataTable';
import { formatShortTime } from '../../components/format';
import { entryState, type ImportEntry } from './ImportFiles';
import { listing, missingColumns } from './ImportCsvMapping';

/**
 * The first runs of the chosen file exactly as they would be stored, or why it cannot be read.
 * A CSV file whose columns are still to be chosen is not an error: the preview waits for them.
 */
export function ImportPreview(props: { entry: ImportEntry; tags: string[] }) {
  const choosing = () => entryState(props.entry).kind === 'choose';
  const p = () => (choosing() ? undefined : props.entry.preview);
  const spec = (hash: string) => (hash.startsWith('name:') ? hash.slice(5) : hash);
  return (
    <section class="import-preview" aria-live="polite" data-testid="import-preview">
      <h3>
        Preview of {props.entry.file.name}
        <Show when={p() && !p()!.complete}>
          <span class="hint"> (first rows; the whole file is checked when you import)</span>
        </Show>
      </h3>
      <Show when={choosing()}>
        <p class="empty" data-testid="import-preview-waiting">
          The first rows show here once the {listing(missingColumns(props.entry.csv ?? {}))} {missingColumns(props.entry.csv ?? {}).length === 1 ? 'column is' : 'columns are'} chosen.
        </p>
      </Show>
      <Show when={p()?.error}>
        {(e) => <p class="field-error" role="alert" data-testid="import-preview-error">{e().message}</p>}
      </Show>
      <Show when={p() && p()!.runs.length > 0} fallback={<Show when={p() && !p()!.error}><p class="empty">No runs in this file.</p></Show>}>
        <DataTable class="data compact" testid="import-preview-table"
          colgroup={
            <colgroup>
              <col class="c-when" />
              <col class="c-spec" />
              <col class="c-outcome" />
              <col class="c-nudges" />
              <col />
            </colgroup>
          }
          head={
            <tr>
              <th>When</th>
              <th>Spec</th>
              <th>Outcome</th>
              <th>Nudges</th>
              <th>First error</th>
            </tr>
          }
          each={p()!.runs}
        >
          {(run) => (
            <tr>
              <td class="nowrap">{formatShortTime(run.at)}</td>
              <td class="cell-clip" title={spec(run.specHash)}>{spec(run.specHash)}</td>
              <td class={run.passed ? 'pass' : 'fail'}>{run.passed ? 'pass' : 'fail'}</td>
              <td>
                <span class="tags">
                  <For each={props.tags}>{(t) => <span class="tag added" title="added to every run">{t}</span>}</For>
                  <For each={run.nudges}>{(n) => <span class="tag">{n}</span>}</For>
                </span>
              </td>
              <td class="error-text" title={run.errorMessages.join('\n')}>{run.errorMessages[0] ?? ''}</td>
            </tr>
          )}
        </DataTable>
      </Show>
    </section>
  );
}
