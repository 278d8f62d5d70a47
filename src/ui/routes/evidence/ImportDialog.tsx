import { Show, createMemo, createSignal, onCleanup, onMount } from 'solid-js';
import {
  describeImport,
  openImportSession,
  type CsvMapping,
  type ImportFormat,
  type ImportProgress as Progress,
  type PreviewResult,
} from '../../../services/importEvidence';
import { TagInput } from '../../components/TagInput';
import { errorMessage } from '../../components/errorMessage';
import { ImportFiles, type ImportEntry } from './ImportFiles';
import { ImportCsvMapping } from './ImportCsvMapping';
import { ImportPreview } from './ImportPreview';
import { ImportProgress } from './ImportProgress';

let nextKey = 1;

/**
 * Choose files, check how they will be read (format, CSV columns, the first rows), then import
 * them all in one go. Everything heavy (reading, parsing, writing) happens in the import
 * worker; this component only holds choices and small previews.
 */
export function ImportDialog(props: { onClose: () => void; onImported: (message: string) => void }) {
  let dialog!: HTMLDialogElement;
  const session = openImportSession();
  let importing: Promise<unknown> = Promise.resolve();
  // Closed mid-import: the Cancel is on its way to the worker; let it roll back, then stop it.
  onCleanup(() => void importing.finally(() => session.close()));
  onMount(() => dialog.showModal());

  const [entries, setEntries] = createSignal<ImportEntry[]>([]);
  const [activeKey, setActiveKey] = createSignal<number>();
  const [tags, setTags] = createSignal<string[]>([]);
  const [draftTag, setDraftTag] = createSignal('');
  const [progress, setProgress] = createSignal<Progress>();
  const [running, setRunning] = createSignal<AbortController>();
  const [error, setError] = createSignal('');

  const active = createMemo(() => entries().find((e) => e.key === activeKey()) ?? entries()[0]);
  const update = (key: number, change: Partial<ImportEntry>) => setEntries((list) => list.map((e) => (e.key === key ? { ...e, ...change } : e)));

  /** Reads the head of one file in the worker; a newer request for the same file wins. */
  const preview = async (entry: ImportEntry) => {
    const generation = entry.generation + 1;
    update(entry.key, { generation, loading: true });
    let result: PreviewResult;
    try {
      result = await session.preview(entry.file, { format: entry.format, nudges: [], csv: entry.csv ? { ...entry.csv } : undefined });
    } catch (err) {
      result = { format: entry.format ?? 'csv', detected: entry.format ?? 'csv', complete: false, runs: [], runsRead: 0, skippedTests: 0, duplicates: 0, error: { name: 'Error', message: errorMessage(err) } };
    }
    const now = entries().find((e) => e.key === entry.key);
    if (!now || now.generation !== generation) return;
    update(entry.key, { loading: false, preview: result, csv: now.csv ?? result.csv });
  };

  const addFiles = (files: FileList | File[]) => {
    setError('');
    const added = [...files].map((file): ImportEntry => ({ key: nextKey++, file, generation: 0, loading: true }));
    if (!added.length) return;
    setEntries((list) => [...list, ...added]);
    setActiveKey(added[0]!.key);
    for (const e of added) void preview(e);
  };

  const remove = (key: number) => {
    setEntries((list) => list.filter((e) => e.key !== key));
    if (activeKey() === key) setActiveKey(entries()[0]?.key);
  };

  const change = (key: number, change: { format?: ImportFormat; csv?: CsvMapping }) => {
    setError('');
    update(key, { ...change, ...('format' in change ? { csv: undefined } : {}) });
    const entry = entries().find((e) => e.key === key);
    if (entry) void preview(entry);
  };

  const ready = () => entries().length > 0 && entries().every((e) => !e.loading && e.preview && !e.preview.error) && !running();

  const start = async () => {
    const pending = draftTag().trim() ? [...tags(), draftTag()] : tags();
    const controller = new AbortController();
    setRunning(controller);
    setError('');
    setProgress({ phase: 'reading', done: 0, total: entries().reduce((s, e) => s + e.file.size, 0) });
    try {
      const items = entries().map((e) => ({
        file: e.file,
        options: { format: e.format ?? e.preview?.format ?? 'csv', nudges: [...pending], csv: e.csv ? { ...e.csv } : undefined },
      }));
      const run = session.run(items, setProgress, controller.signal);
      importing = run.catch(() => undefined);
      const summary = await run;
      props.onImported(describeImport(summary));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setRunning(undefined);
      setProgress(undefined);
    }
  };

  const close = () => {
    running()?.abort();
    dialog.close();
  };

  return (
    <dialog ref={dialog} class="import-dialog" onClose={() => props.onClose()} onCancel={(e) => { if (running()) e.preventDefault(); }} aria-labelledby="import-title" data-testid="import-dialog">
      <div class="import-body">
        <h2 id="import-title">Import runs</h2>
        <ImportFiles entries={entries()} activeKey={active()?.key} disabled={!!running()} onAdd={addFiles} onSelect={setActiveKey} onRemove={remove} onFormat={(key, format) => change(key, { format })} />

        <label for="import-nudges" class="import-label">
          Nudges applied to every run <span class="hint">practices used for the whole file, added to any the file names itself</span>
        </label>
        <TagInput id="import-nudges" tags={tags()} onChange={setTags} onDraft={setDraftTag} placeholder="e.g. add type hints" />

        <Show when={active()}>
          {(entry) => (
            <>
              <Show when={entry().preview?.headers}>
                {(headers) => <ImportCsvMapping headers={headers()} mapping={entry().csv ?? {}} disabled={!!running()} onChange={(csv) => change(entry().key, { csv })} />}
              </Show>
              <ImportPreview entry={entry()} tags={tags()} />
            </>
          )}
        </Show>

        <Show when={error()}>
          <p class="field-error import-error" role="alert" data-testid="import-error">{error()}</p>
        </Show>
        <Show when={progress()}>{(p) => <ImportProgress progress={p()} onCancel={() => running()?.abort()} />}</Show>
      </div>
      <div class="dialog-actions import-actions">
        <button type="button" class="ghost" onClick={close} data-testid="import-close">{running() ? 'Cancel and close' : 'Close'}</button>
        <button type="button" disabled={!ready()} onClick={() => void start()} data-testid="import-start">
          Import{entries().length > 1 ? ` ${entries().length} files` : ''}
        </button>
      </div>
    </dialog>
  );
}
