import { For, Show, Suspense, createSignal, lazy, onCleanup } from 'solid-js';
import { IMPORT_FORMAT_NAMES } from '../../../services/importFormatNames';
import { watchImportJob } from '../../../services/importJobState';
import './ImportDialog.css';

// The dialog, with every format's parser, loads when it is first opened.
const ImportDialog = lazy(() => import('./ImportDialog').then((m) => ({ default: m.ImportDialog })));

/**
 * The Evidence page's way in: a button that opens the import dialog, and what the last import
 * did (also when its dialog was closed while it ran in the background), with any notes on how
 * its files were read.
 */
export function ImportEvidence() {
  const [open, setOpen] = createSignal(false);
  const [result, setResult] = createSignal<{ message: string; notes: string[] }>();
  // An import that ends while this page is open says so here, dialog open or not.
  onCleanup(
    watchImportJob((j) => {
      if (j.status === 'done') setResult({ message: j.message, notes: j.notes });
    }),
  );
  let opener!: HTMLButtonElement;
  // The dialog leaves the page when it closes, and focus with it: back to the button that opened it.
  const close = () => {
    setOpen(false);
    queueMicrotask(() => opener.focus());
  };
  return (
    <div class="import-entry">
      <button ref={opener} type="button" class="ghost" data-testid="open-import" onClick={() => setOpen(true)}>
        Import runs…
      </button>
      <span class="hint">{IMPORT_FORMAT_NAMES.join(', ')}; a whole folder of reports too</span>
      <Show when={result()}>
        {(r) => (
          <div role="status" class="import-result" data-testid="import-result">
            {r().message}
            <Show when={r().notes.length}>
              <ul class="import-notes" data-testid="import-notes">
                <For each={r().notes}>{(n) => <li>{n}</li>}</For>
              </ul>
            </Show>
          </div>
        )}
      </Show>
      <Show when={open()}>
        {/* Its own boundary: the page stays on screen while the dialog's code loads. */}
        <Suspense>
          <ImportDialog onClose={close} onImported={close} />
        </Suspense>
      </Show>
    </div>
  );
}
