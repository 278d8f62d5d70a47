import { For, Show, createResource } from 'solid-js';
import { DEFAULT_LOG_KINDS, HOUSEKEEPING_KINDS, KIND_GROUPS, logKindCounts, type LogKind } from '../../../services/log';
import { formatCount } from '../../components/format';

/**
 * Which kinds of entry the table shows: every kind but housekeeping by default; a checkbox per
 * kind, grouped, with how many entries each has. `count` changes whenever the log grows.
 */
export function LogFilter(props: { kinds: readonly LogKind[]; setKinds: (kinds: LogKind[]) => void; count: number }) {
  const [counts] = createResource(() => props.count, () => logKindCounts());
  const shown = (k: LogKind) => props.kinds.includes(k);
  const toggle = (k: LogKind, on: boolean) => props.setKinds(on ? [...props.kinds, k] : props.kinds.filter((x) => x !== k));
  const hidden = () => KIND_GROUPS.flatMap((g) => g.kinds).filter((k) => !shown(k) && (counts()?.[k] ?? 0) > 0);
  const hiddenEntries = () => hidden().reduce((n, k) => n + (counts()?.[k] ?? 0), 0);
  const isDefault = () => props.kinds.length === DEFAULT_LOG_KINDS.length && DEFAULT_LOG_KINDS.every(shown);
  return (
    <details class="card log-filter" data-testid="log-filter">
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
                    <code>{k}</code> <span class="muted">{formatCount(counts()?.[k] ?? 0)}</span>
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
