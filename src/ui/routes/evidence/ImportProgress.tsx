import { Show } from 'solid-js';
import type { ImportProgress as Progress } from '../../../services/importEvidence';
import { progressFraction, progressLabel } from '../../components/importProgressText';

/**
 * Where a running import is: bytes read and checked (each checked batch is written as it goes,
 * in the one transaction), then the last runs written, then the commit; Cancel keeps nothing.
 */
export function ImportProgress(props: { progress: Progress; onCancel: () => void }) {
  const fraction = () => progressFraction(props.progress);
  return (
    <div class="import-progress" data-testid="import-progress">
      <div class="import-progress-row">
        <Show when={fraction() !== undefined} fallback={<progress aria-label="Import progress: saving" />}>
          <progress max="1" value={fraction()} aria-label="Import progress" />
        </Show>
        <span class="nowrap">{fraction() === undefined ? 'saving…' : `${Math.round(fraction()! * 100)}%`}</span>
        <button type="button" class="ghost small" onClick={() => props.onCancel()} data-testid="import-cancel">
          Cancel
        </button>
      </div>
      <p class="progress-note" data-testid="import-progress-label">{progressLabel(props.progress)}</p>
    </div>
  );
}
