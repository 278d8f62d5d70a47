import { For } from 'solid-js';
import { dismiss, notices } from './notify';

export function Notices() {
  return (
    <div class="notices" aria-live="polite">
      <For each={notices()}>
        {(n) => (
          <div class="notice" role="status" data-testid="notice">
            <span>{n.message}</span>
            <button class="ghost" aria-label="Dismiss" onClick={() => dismiss(n.id)}>×</button>
          </div>
        )}
      </For>
    </div>
  );
}
