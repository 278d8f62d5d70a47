import { For, Show, createResource, createSignal } from 'solid-js';
import { logPage, type StoredLogEntry } from '../../../services/log';
import { formatTime } from '../../components/format';
import { ProofView } from './ProofView';

export const PAGE_SIZE = 50;

function summary(e: StoredLogEntry): string {
  const text = JSON.stringify(e.payload);
  return text.length > 140 ? `${text.slice(0, 140)}…` : text;
}

/**
 * The log, one page of 50 entries at a time (newest first), read by seq range so a log of
 * 100k entries costs the same as one of 100. Proofs are computed on demand.
 */
export function LogTable(props: { count: number; onDossierFrom: (seq: number) => void }) {
  const [page, setPage] = createSignal(0);
  const [open, setOpen] = createSignal<number | null>(null);
  const pages = () => Math.max(1, Math.ceil(props.count / PAGE_SIZE));
  const before = () => props.count - page() * PAGE_SIZE;
  const [rows] = createResource(() => [before(), props.count] as const, ([b]) => logPage(b, PAGE_SIZE));
  const jump = (e: Event) => {
    e.preventDefault();
    const seq = Number(new FormData(e.currentTarget as HTMLFormElement).get('seq'));
    if (Number.isInteger(seq) && seq >= 0 && seq < props.count) {
      setPage(Math.floor((props.count - 1 - seq) / PAGE_SIZE));
      setOpen(seq);
    }
  };
  return (
    <section class="card log-table" aria-labelledby="entries-title">
      <div class="log-toolbar">
        <h2 id="entries-title">Entries</h2>
        <form class="inline-form" onSubmit={jump}>
          <input name="seq" inputmode="numeric" aria-label="Go to entry" placeholder="Go to entry #" size="10" />
          <button class="ghost small" type="submit">Go</button>
        </form>
        <div class="pager" role="navigation" aria-label="Log pages">
          <button class="ghost small" disabled={page() === 0} onClick={() => setPage(page() - 1)}>Newer</button>
          <span class="small" data-testid="log-page">page {page() + 1} of {pages()}</span>
          <button class="ghost small" disabled={page() >= pages() - 1} onClick={() => setPage(page() + 1)}>Older</button>
        </div>
      </div>
      <div class="table-scroll">
      <table class="data">
        <thead><tr><th class="num">#</th><th>When</th><th>Kind</th><th>Payload</th><th /></tr></thead>
        <tbody>
          <For each={rows() ?? []}>
            {(e) => (
              <>
                <tr data-testid="log-entry" data-seq={e.seq}>
                  <td class="num">{e.seq}</td>
                  <td class="nowrap small">{formatTime(e.at)}</td>
                  <td><code>{e.kind}</code></td>
                  <td class="payload"><code>{summary(e)}</code></td>
                  <td class="nowrap">
                    <button class="ghost small" aria-expanded={open() === e.seq} data-testid="show-proof" onClick={() => setOpen(open() === e.seq ? null : e.seq)}>Proof</button>{' '}
                    <button class="ghost small" title="Export the 16 entries starting here" onClick={() => props.onDossierFrom(e.seq)}>Dossier</button>
                  </td>
                </tr>
                <Show when={open() === e.seq}>
                  <tr><td colSpan={5}><ProofView seq={e.seq} /></td></tr>
                </Show>
              </>
            )}
          </For>
        </tbody>
      </table>
      </div>
      <Show when={props.count === 0}><p class="muted">The log is empty.</p></Show>
    </section>
  );
}
