import { A } from '@solidjs/router';
import { For } from 'solid-js';
import { scarWeight, type AtlasView } from '../../../services/scars';
import { formatTime } from '../../components/format';

/** Every scar, newest first, with its weight now; each links to a dossier of the log around it. */
export function ScarList(props: { view: AtlasView }) {
  const rows = () => [...props.view.scars].reverse();
  return (
    <div class="table-scroll">
    <table class="data" data-testid="scar-list">
      <thead><tr><th>When</th><th>Locus</th><th>Trigger</th><th>What</th><th class="num">Weight</th><th /></tr></thead>
      <tbody>
        <For each={rows()}>
          {(s) => (
            <tr data-testid="scar-row" data-trigger={s.trigger}>
              <td class="nowrap small">{formatTime(s.createdAt)}</td>
              <td>{s.locus.kind}: {s.locus.ref}</td>
              <td><code>{s.trigger.replace(/_/g, ' ')}</code></td>
              <td class="small">{s.description}{s.restorations.length ? ` — restored ${s.restorations.length}×` : ''}</td>
              <td class="num">{scarWeight(s, props.view.now, props.view.kernel).toFixed(2)}</td>
              <td><A href={`/log?scar=${encodeURIComponent(s.id)}`} class="small">Dossier</A></td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
    </div>
  );
}
