import { For, Show, createSignal } from 'solid-js';
import { createBackup, restoreBackup, type BackupProgress, type RestoreSummary } from '../../../services/backup';
import { download } from '../../components/download';
import { errorMessage } from '../../components/errorMessage';

function Progress(props: { p: BackupProgress }) {
  return (
    <div class="backup-progress" data-testid="backup-progress">
      <progress max={props.p.total} value={props.p.done} />
      <span class="muted">{props.p.step}</span>
    </div>
  );
}

/** Download everything as one file, or merge such a file into this browser. */
export function BackupSection() {
  const [busy, setBusy] = createSignal<'backup' | 'restore' | null>(null);
  const [progress, setProgress] = createSignal<BackupProgress | null>(null);
  const [made, setMade] = createSignal('');
  const [summary, setSummary] = createSignal<RestoreSummary | null>(null);
  const [error, setError] = createSignal('');
  let fileInput: HTMLInputElement | undefined;

  const start = (what: 'backup' | 'restore') => {
    setBusy(what);
    setError('');
    setMade('');
    setSummary(null);
    setProgress(null);
  };
  const backup = async () => {
    start('backup');
    try {
      const file = await createBackup(setProgress);
      download({ name: file.fileName, bytes: file.text, type: 'application/json' });
      setMade(`Saved ${file.fileName}: ${file.specs} spec(s), ${file.logEntries} log entries, every table.`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  const restore = async (file: File | undefined) => {
    if (!file) return;
    start('restore');
    try {
      setSummary(await restoreBackup(await file.text(), setProgress));
    } catch (err) {
      setError(`${file.name}: ${errorMessage(err)}`);
    } finally {
      setBusy(null);
      if (fileInput) fileInput.value = '';
    }
  };

  return (
    <section class="backup" aria-labelledby="backup-title">
      <h2 id="backup-title">Backup</h2>
      <p class="muted">
        One file with every record, every spec and the signed log. Restoring merges it into this browser: nothing here is
        overwritten, and records already here are not added twice.
      </p>
      <div class="backup-actions">
        <button onClick={() => void backup()} disabled={busy() !== null} data-testid="download-backup">Download backup</button>
        <button class="ghost" onClick={() => fileInput?.click()} disabled={busy() !== null} data-testid="restore-backup">Restore from backup…</button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          class="sr-only"
          tabindex="-1"
          aria-label="Backup file to restore"
          data-testid="restore-file"
          onChange={(e) => void restore(e.currentTarget.files?.[0])}
        />
      </div>
      <Show when={busy() && progress()}>{(p) => <Progress p={p()} />}</Show>
      <Show when={made()}><p role="status" data-testid="backup-made">{made()}</p></Show>
      <Show when={error()}><p class="field-error" role="alert" data-testid="backup-error">{error()}</p></Show>
      <Show when={summary()}>
        {(s) => (
          <div class="card backup-summary" role="status" data-testid="restore-summary" data-verified={s().verification.ok ? 'yes' : 'no'}>
            <h3>Restored</h3>
            <ul>
              <For each={s().lines}>{(line) => <li>{line}</li>}</For>
            </ul>
          </div>
        )}
      </Show>
    </section>
  );
}
