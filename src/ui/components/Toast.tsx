import { Show, createEffect, onCleanup } from 'solid-js';

export interface ToastState {
  message: string;
  action?: { label: string; run: () => void };
}

/** A transient message with an optional action (e.g. Undo); closes itself after 8 s. */
export function Toast(props: { state: ToastState | undefined; onClose: () => void }) {
  createEffect(() => {
    if (!props.state) return;
    const t = setTimeout(() => props.onClose(), 8000);
    onCleanup(() => clearTimeout(t));
  });
  return (
    <Show when={props.state}>
      {(s) => (
        <div class="toast" role="status" data-testid="toast">
          <span>{s().message}</span>
          <Show when={s().action}>
            {(a) => (
              <button onClick={() => { a().run(); props.onClose(); }}>{a().label}</button>
            )}
          </Show>
          <button class="ghost" aria-label="Close" onClick={() => props.onClose()}>×</button>
        </div>
      )}
    </Show>
  );
}
