import { onCleanup, onMount, type ParentProps } from 'solid-js';
import { Portal } from 'solid-js/web';

/**
 * A modal dialog: focus moves into it, Escape or the backdrop closes it, and focus returns to
 * where it was. Rendered in a portal so no pane's overflow clips it.
 */
export function Modal(props: ParentProps<{ title: string; onClose: () => void; testId?: string; wide?: boolean }>) {
  let box!: HTMLDivElement;
  const before = document.activeElement as HTMLElement | null;
  const key = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      props.onClose();
    }
  };
  onMount(() => box.querySelector<HTMLElement>('input, button, textarea, select')?.focus());
  onCleanup(() => before?.focus?.());
  return (
    <Portal>
      <div class="sv-modal-backdrop" onClick={(e) => e.target === e.currentTarget && props.onClose()}>
        <div
          class="sv-modal"
          classList={{ wide: !!props.wide }}
          role="dialog"
          aria-modal="true"
          aria-label={props.title}
          data-testid={props.testId}
          ref={box}
          onKeyDown={key}
        >
          <header class="sv-modal-head">
            <h2>{props.title}</h2>
            <button class="ghost small" aria-label="Close" onClick={() => props.onClose()}>×</button>
          </header>
          {props.children}
        </div>
      </div>
    </Portal>
  );
}
