import { Show, createSignal } from 'solid-js';
import { ImportDialog } from './ImportDialog';
import './ImportDialog.css';

/** The Evidence page's way in: a button that opens the import dialog, and what the last import did. */
export function ImportEvidence() {
  const [open, setOpen] = createSignal(false);
  const [result, setResult] = createSignal('');
  return (
    <div class="import-entry">
      <button type="button" class="ghost" data-testid="open-import" onClick={() => setOpen(true)}>
        Import runs…
      </button>
      <span class="hint">JUnit XML (pytest, jest, Maven), JSON Lines or CSV</span>
      <Show when={result()}>
        <p role="status" class="import-result" data-testid="import-result">{result()}</p>
      </Show>
      <Show when={open()}>
        <ImportDialog
          onClose={() => setOpen(false)}
          onImported={(message) => {
            setResult(message);
            setOpen(false);
          }}
        />
      </Show>
    </div>
  );
}
