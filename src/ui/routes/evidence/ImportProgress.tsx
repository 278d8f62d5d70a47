import { formatBytes } from '../../components/format';
import type { ImportProgress as Progress } from '../../../services/importEvidence';

/**
 * Where a running import is: bytes read and checked (each checked batch is written as it goes,
 * in the one transaction), then the last runs written; Cancel keeps nothing.
 */
export function ImportProgress(props: { progress: Progress; onCancel: () => void }) {
  const p = () => props.progress;
  const fraction = () => (p().total > 0 ? Math.min(1, p().done / p().total) : 0);
  const label = () =>
    p().phase === 'reading'
      ? `Step 1 of 2, reading, checking and writing${p().file ? ` ${p().file}` : ''} (all or nothing): ${formatBytes(p().done)} of ${formatBytes(p().total)}`
      : `Step 2 of 2, finishing the write (all or nothing): ${p().done.toLocaleString('en')} of ${p().total.toLocaleString('en')} runs`;
  return (
    <div class="import-progress" data-testid="import-progress">
      <div class="import-progress-row">
        <progress max="1" value={fraction()} aria-label="Import progress" />
        <span class="nowrap">{Math.round(fraction() * 100)}%</span>
        <button type="button" class="ghost small" onClick={() => props.onCancel()} data-testid="import-cancel">
          Cancel
        </button>
      </div>
      <p class="progress-note" data-testid="import-progress-label">{label()}</p>
    </div>
  );
}
