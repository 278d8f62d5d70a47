import { For, Show, createSignal } from 'solid-js';
import { BetImportError, exportBets, importBets, type BetFileFormat } from '../../../services/bets';
import { download } from '../../components/download';
import { errorMessage } from '../../components/errorMessage';

const MAX_PROBLEMS_SHOWN = 8;

/** Bets out to a file and back in; an import is all or nothing, and says what it did. */
export function BetFiles() {
  const [status, setStatus] = createSignal('');
  const [problems, setProblems] = createSignal<string[]>([]);
  const [busy, setBusy] = createSignal(false);

  const exportAs = async (format: BetFileFormat) => {
    setProblems([]);
    const file = await exportBets(format);
    download({ name: file.fileName, bytes: file.text, type: file.mimeType });
    setStatus(`Exported ${file.count} bet${file.count === 1 ? '' : 's'} to ${file.fileName}.`);
  };

  const upload = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    setStatus('');
    setProblems([]);
    try {
      const r = await importBets(await file.text(), file.name);
      setStatus(`Imported ${r.imported}, skipped ${r.duplicates} duplicate${r.duplicates === 1 ? '' : 's'}.`);
    } catch (err) {
      if (err instanceof BetImportError) {
        setStatus(`Nothing imported: ${err.problems.length} problem${err.problems.length === 1 ? '' : 's'} in ${file.name}.`);
        setProblems(err.problems.map((p) => p.message));
      } else setStatus(`Nothing imported: ${errorMessage(err)}`);
    } finally {
      input.value = '';
      setBusy(false);
    }
  };

  return (
    <section class="card bet-files" aria-labelledby="bet-files-heading">
      <h2 id="bet-files-heading">Export and import</h2>
      <p class="muted small">CSV or JSON, one row per bet; importing skips bets you already have.</p>
      <div class="file-actions">
        <button type="button" class="ghost" onClick={() => void exportAs('csv')} data-testid="export-csv">Export CSV</button>
        <button type="button" class="ghost" onClick={() => void exportAs('json')} data-testid="export-json">Export JSON</button>
        <label class="file-button">
          <input type="file" accept=".csv,.json,text/csv,application/json" disabled={busy()} onChange={(e) => void upload(e.currentTarget)} data-testid="import-file" />
          <span>Import…</span>
        </label>
      </div>
      <Show when={status()}><p role="status" data-testid="import-status">{status()}</p></Show>
      <Show when={problems().length > 0}>
        <ul class="problems" role="alert" data-testid="import-problems">
          <For each={problems().slice(0, MAX_PROBLEMS_SHOWN)}>{(p) => <li>{p}</li>}</For>
          <Show when={problems().length > MAX_PROBLEMS_SHOWN}><li>… and {problems().length - MAX_PROBLEMS_SHOWN} more</li></Show>
        </ul>
      </Show>
    </section>
  );
}
