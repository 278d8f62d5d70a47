import { For, Show, createEffect, createResource, createSignal, on } from 'solid-js';
import { logPageOfKinds, type LogKind, type StoredLogEntry } from '../../../services/log';
import { formatTime } from '../../components/format';
import { ProofView } from './ProofView';

export const PAGE_SIZE = 50;

function summary(e: StoredLogEntry): string {
  const text = JSON.stringify(e.payload);
  return text.length > 140 ? `${text.slice(0, 140)}…` : text;
}

/**
 * The log, 50 entries of the chosen kinds at a time, newest first. Pages are read backwards
 * from a seq (never the whole log), so a log of 100k entries costs about what one of 100 does.
 * `focus` (an entry's seq, e.g. from a link on the Governance page) starts the page at that
 * entry and opens its proof. Proofs are computed on demand.
 */
export function LogTable(props: { count: number; kinds: readonly LogKind[]; focus?: number; onDossierFrom: (seq: number) => void }) {
  // `starts` holds the `before` of each page back from the newest: [count] is the first page.
  const [starts, setStarts] = createSignal<number[]>([]);
  const [open, setOpen] = createSignal<number | null>(null);
  const before = () => starts().at(-1) ?? props.count;
  createEffect(on(() => [props.kinds.join(), props.focus] as const, () => {
    const f = props.focus;
    setStarts(f !== undefined && f >= 0 && f < props.count ? [f + 1] : []);
    setOpen(f ?? null);
  }));
  const [rows] = createResource(() => [before(), props.kinds.join(), props.count] as const, ([b]) => logPageOfKinds(b, PAGE_SIZE, props.kinds));
  const older = () => {
    const last = rows()?.at(-1);
    if (last) setStarts([...starts(), last.seq]);
  };
  const jump = (e: Event) => {
    e.preventDefault();
    const seq = Number(new FormData(e.currentTarget as HTMLFormElement).get('seq'));
    if (Number.isInteger(seq) && seq >= 0 && seq < props.count) {
      setStarts([seq + 1]);
      setOpen(seq);
    }
  };
  const range = () => {
    const r = rows() ?? [];
    return r.length === 0 ? 'no entries' : `#${r[0]?.seq} to #${r.at(-1)?.seq}`;
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
          <button class="ghost small" disabled={starts().length === 0} onClick={() => setStarts(starts().slice(0, -1))}>Newer</button>
          <span class="small" data-testid="log-page">{range()}</span>
          <button class="ghost small" disabled={(rows()?.length ?? 0) < PAGE_SIZE} onClick={older}>Older</button>
        </div>
      </div>
      <div class="table-scroll">
      <table class="data">
        <thead><tr><th class="num">#</th><th>When</th><th>Kind</th><th>Payload</th><th /></tr></thead>
        <tbody>
          <For each={rows() ?? []}>
            {(e) => (
              <>
                <tr data-testid="log-entry" data-seq={e.seq} data-kind={e.kind} classList={{ focused: e.seq === props.focus }}>
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
      <Show when={props.count > 0 && rows()?.length === 0}><p class="muted">No entries of the chosen kinds here.</p></Show>
    </section>
  );
}
