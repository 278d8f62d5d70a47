import { For, Show, createResource, createSignal } from 'solid-js';
import { DEFAULT_LOG_KINDS, HOUSEKEEPING_KINDS, KIND_GROUPS, logKindCounts, type LogKind } from '../../../services/log';
import { formatCount } from '../../components/format';

const EVERY_KIND: readonly LogKind[] = KIND_GROUPS.flatMap((g) => g.kinds);

/**
 * Which kinds of entry the table shows: every kind but housekeeping by default; a checkbox per
 * kind, grouped, with how many entries each has. `count` (the log's size) changes whenever
 * the log grows. Each kind's count walks its entries (IndexedDB counts row by row), so while
 * the filter is closed only the hidden kinds its summary names are counted (by default the
 * few housekeeping entries), and every kind once it is opened: at start-up, counting a
 * 100k-entry log held up the page's and the ledger worker's reads for seconds.
 */
export function LogFilter(props: { kinds: readonly LogKind[]; setKinds: (kinds: LogKind[]) => void; count: number }) {
  const [open, setOpen] = createSignal(false);
  const shown = (k: LogKind) => props.kinds.includes(k);
  const counted = () => (open() ? EVERY_KIND : EVERY_KIND.filter((k) => !shown(k)));
  // An empty log needs no count (every kind has none).
  const [counts] = createResource(
    () => props.count > 0 && { size: props.count, kinds: counted() },
    ({ kinds }) => logKindCounts(kinds),
  );
  const toggle = (k: LogKind, on: boolean) => props.setKinds(on ? [...props.kinds, k] : props.kinds.filter((x) => x !== k));
  // '…' until counted (a number shown is one computed from the data).
  const countText = (k: LogKind) => {
    const n = props.count === 0 ? 0 : counts.latest?.[k];
    return n === undefined ? '…' : formatCount(n);
  };
  const hidden = () => EVERY_KIND.filter((k) => !shown(k) && (counts.latest?.[k] ?? 0) > 0);
  const hiddenEntries = () => hidden().reduce((n, k) => n + (counts.latest?.[k] ?? 0), 0);
  const isDefault = () => props.kinds.length === DEFAULT_LOG_KINDS.length && DEFAULT_LOG_KINDS.every(shown);
  return (
    <details class="card log-filter" data-testid="log-filter" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        Filter by kind{' '}
        <span class="muted small" data-testid="log-filter-summary">
          <Show when={hidden().length > 0} fallback="(every kind shown)">
            ({formatCount(hiddenEntries())} {hiddenEntries() === 1 ? 'entry' : 'entries'} hidden: {hidden().join(', ')})
          </Show>
        </span>
      </summary>
      <div class="kind-groups">
        <For each={KIND_GROUPS}>
          {(g) => (
            <fieldset class="kind-group">
              <legend>{g.name}</legend>
              <For each={g.kinds}>
                {(k) => (
                  <label class="check small">
                    <input type="checkbox" data-testid="log-kind" data-kind={k} checked={shown(k)} onChange={(e) => toggle(k, e.currentTarget.checked)} />
                    <code>{k}</code> <span class="muted">{countText(k)}</span>
                  </label>
                )}
              </For>
            </fieldset>
          )}
        </For>
      </div>
      <div class="automation-row">
        <button type="button" class="ghost small" disabled={isDefault()} onClick={() => props.setKinds([...DEFAULT_LOG_KINDS])}>
          Governed events only (hide {HOUSEKEEPING_KINDS.join(', ')})
        </button>
        <button type="button" class="ghost small" onClick={() => props.setKinds(KIND_GROUPS.flatMap((g) => [...g.kinds]))}>Every kind</button>
      </div>
    </details>
  );
}
