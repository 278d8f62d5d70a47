import { Show } from 'solid-js';
import { DataTable } from '../../components/DataTable';
import { quarantined } from '../../../services/quarantine';
import { formatBytes } from '../../components/format';
import { useLive } from '../../components/useLive';

/** Everything set aside because it could not be read, kept (bytes included) for a later fix. */
export function QuarantineSection() {
  const items = useLive(quarantined(), []);
  return (
    <section id="quarantine" aria-labelledby="quarantine-title">
      <h2 id="quarantine-title">Quarantine</h2>
      <Show when={items().length > 0} fallback={<p class="muted" data-testid="quarantine-empty">Nothing stored in this browser has failed to read.</p>}>
        <p class="muted">
          These stored edits could not be read when their spec opened. They were set aside, not deleted: the spec opened
          with everything else, and a backup carries them too.
        </p>
        <DataTable class="data quarantine-table" testid="quarantine-table"
          head={
            <tr><th>What</th><th>When</th><th>Size</th><th>Why it could not be read</th></tr>
          }
          each={items()}
        >
          {(q) => (
            <tr data-testid="quarantine-row">
              <td>Edit of {q.what}</td>
              <td>{new Date(q.at).toLocaleString()}</td>
              <td>{formatBytes(q.size)}</td>
              <td class="error-text" title={q.reason}>{q.reason}</td>
            </tr>
          )}
        </DataTable>
      </Show>
    </section>
  );
}
