import { Match, Show, Switch, createMemo, createSignal, onCleanup, onMount } from 'solid-js';
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
import { ImportFiles, entryState, shortReason, type ImportEntry } from './ImportFiles';
import { ImportCsvMapping } from './ImportCsvMapping';
import { ImportPreview } from './ImportPreview';
import { ImportProgress } from './ImportProgress';
import { cancelImportJob, dismissImportJob, importJobState, startImportJob, watchImportJob, type ImportJobState } from '../../../services/importJob';

let nextKey = 1;

/** What went wrong, and the file it is about when the import names one (a ValidationError's file and line). */
function describeFailure(err: unknown): { message: string; cancelled: boolean; file?: string; reason?: string } {
  const message = errorMessage(err);
  if (!(err instanceof Error)) return { message, cancelled: false };
  const { file, size } = err as Error & { file?: unknown; size?: unknown };
  const cancelled = err.name === 'ImportCancelledError';
  if (typeof file !== 'string') return { message, cancelled };
  return { message, cancelled, file, reason: shortReason({ name: err.name, message, file, size: typeof size === 'number' ? size : undefined }) };
}

/**
 * Choose files, check how they will be read (format, CSV columns, the first rows), then import
 * them all in one go. Everything heavy (reading, parsing, writing) happens in the import
 * worker; this component only holds choices and small previews.
 */
export function ImportDialog(props: { onClose: () => void; onImported: (message: string) => void }) {
  let dialog!: HTMLDialogElement;
  // Previews only: the import itself runs as a job with a worker of its own, so closing the
  // dialog never stops it (services/importJob.ts; the header's chip shows it meanwhile).
  const session = openImportSession();
  let alive = true;
  onCleanup(() => {
    alive = false;
    session.close();
  });
  onMount(() => dialog.showModal());
  const [job, setJob] = createSignal<ImportJobState>(importJobState());
  onCleanup(watchImportJob(setJob));

  const [entries, setEntries] = createSignal<ImportEntry[]>([]);
  const [activeKey, setActiveKey] = createSignal<number>();
  const [tags, setTags] = createSignal<string[]>([]);
  const [draftTag, setDraftTag] = createSignal('');
  /** This dialog's own import, while it runs (another one may have been started from an earlier dialog). */
  const [mine, setMine] = createSignal(false);
  const running = () => job().status === 'running';
  const progress = (): Progress | undefined => {
    const j = job();
    return j.status === 'running' ? j.progress : undefined;
  };
  const [error, setError] = createSignal<{ message: string; cancelled: boolean; file?: string }>();
  let errorBox: HTMLDivElement | undefined;

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
      result = { format: entry.format ?? 'csv', detected: entry.format ?? 'csv', complete: false, runs: [], runsRead: 0, skippedTests: 0, duplicates: 0, notes: [], error: { name: 'Error', message: errorMessage(err) } };
    }
    const now = entries().find((e) => e.key === entry.key);
    if (!now || now.generation !== generation) return;
    update(entry.key, { loading: false, preview: result, csv: now.csv ?? result.csv });
  };

  /** Files left out of the last folder added (not reports by their names), said once under the list. */
  const [leftOut, setLeftOut] = createSignal<string[]>([]);
  const addFiles = (files: FileList | File[], skipped: string[] = []) => {
    setError();
    setLeftOut(skipped);
    const added = [...files].map((file): ImportEntry => ({ key: nextKey++, file, generation: 0, loading: true }));
    if (!added.length) return;
    setEntries((list) => [...list, ...added]);
    setActiveKey(added[0]!.key);
    for (const e of added) void preview(e);
  };

  const remove = (key: number) => {
    if (error()?.file && entries().find((e) => e.key === key)?.failure) setError();
    setEntries((list) => list.filter((e) => e.key !== key));
    if (activeKey() === key) setActiveKey(entries()[0]?.key);
  };

  const change = (key: number, change: { format?: ImportFormat; csv?: CsvMapping }) => {
    setError();
    update(key, { ...change, failure: undefined, ...('format' in change ? { csv: undefined } : {}) });
    const entry = entries().find((e) => e.key === key);
    if (entry) void preview(entry);
  };

  const states = createMemo(() => entries().map((e) => ({ entry: e, state: entryState(e) })));
  const ready = () => entries().length > 0 && states().every((s) => s.state.kind === 'ready') && !running();
  /** Why Import is greyed out, said next to it: the first file that holds it back. */
  const blocker = createMemo(() => {
    if (running() && !mine()) return 'Another import is running (see the header); this one can start when it ends.';
    if (!entries().length) return 'Choose or drop the files or a folder of reports to import.';
    const held = states().find((s) => s.state.kind !== 'ready' && s.state.kind !== 'reading');
    if (!held) return '';
    const name = held.entry.file.name;
    switch (held.state.kind) {
      case 'choose':
        return `Choose the columns of ${name} above to import it.`;
      case 'clash':
        return `Fix the columns of ${name} to import it: one column is chosen for two fields.`;
      case 'failed':
        return `${name} stopped the last import. Fix it and add it again, or remove it.`;
      default:
        return `${name} cannot be imported as it is. Fix it and add it again, or remove it.`;
    }
  });

  const start = async () => {
    const pending = draftTag().trim() ? [...tags(), draftTag()] : tags();
    setError();
    setMine(true);
    try {
      const items = entries().map((e) => ({
        file: e.file,
        options: { format: e.format ?? e.preview?.format ?? 'csv', nudges: [...pending], csv: e.csv ? { ...e.csv } : undefined },
      }));
      const summary = await startImportJob(items);
      if (alive) {
        // Told here and on the Evidence page: the header's chip is for imports left to run unwatched.
        dismissImportJob();
        props.onImported(describeImport(summary));
      }
    } catch (err) {
      if (!alive) return; // closed meanwhile: the header's chip tells the outcome
      dismissImportJob(); // the dialog says it, beside the file at fault
      const failure = describeFailure(err);
      // The file the import stopped at is marked in the list, and Import waits until it changes.
      const failed = failure.file ? entries().find((e) => e.file.name === failure.file) : undefined;
      if (failed) {
        update(failed.key, { failure: failure.reason });
        setActiveKey(failed.key);
      }
      setError(failure);
    } finally {
      if (alive) setMine(false);
    }
    // Import and Cancel are gone or disabled now; the message takes the focus, so it is read out
    // and the keyboard stays in the dialog.
    if (alive && error()) errorBox?.focus();
  };

  /** Closing never stops an import: it goes on in the background, shown in the header. */
  const close = () => dialog.close();

  return (
    <dialog ref={dialog} class="import-dialog" onClose={() => props.onClose()} aria-labelledby="import-title" data-testid="import-dialog">
      <div class="import-body">
        <h2 id="import-title">Import runs</h2>
        <ImportFiles entries={entries()} activeKey={active()?.key} disabled={!!running()} onAdd={addFiles} onSelect={setActiveKey} onRemove={remove} onFormat={(key, format) => change(key, { format })} />

        <Show when={leftOut().length}>
          <p class="hint" data-testid="import-left-out">
            Left out {leftOut().length} {leftOut().length === 1 ? 'file' : 'files'} of the folder that {leftOut().length === 1 ? 'is' : 'are'} not a report by {leftOut().length === 1 ? 'its' : 'their'} name: {leftOut().slice(0, 5).join(', ')}
            {leftOut().length > 5 ? ', …' : ''}
          </p>
        </Show>
        <label for="import-nudges" class="import-label">
          Nudges applied to every run <span class="hint">practices used for the whole file, added to any the file names itself</span>
        </label>
        <TagInput id="import-nudges" tags={tags()} onChange={setTags} onDraft={setDraftTag} placeholder="e.g. add type hints" />

        <Show when={active()}>
          {(entry) => (
            <>
              <Show when={entry().preview?.headers}>
                {(headers) => <ImportCsvMapping file={entry().file.name} headers={headers()} mapping={entry().csv ?? {}} disabled={!!running()} onChange={(csv) => change(entry().key, { csv })} />}
              </Show>
              <ImportPreview entry={entry()} tags={tags()} />
            </>
          )}
        </Show>
      </div>
      <div class="import-footer">
        <div class="import-status">
          <Switch>
            <Match when={progress()}>{(p) => <ImportProgress progress={p()} onCancel={() => cancelImportJob()} />}</Match>
            <Match when={error()}>
              {(e) => (
                <div ref={errorBox} class="import-error" classList={{ cancelled: e().cancelled }} role="alert" tabindex="-1">
                  <p class="import-error-message" data-testid="import-error">{e().message}</p>
                  <Show when={!e().cancelled}>
                    <p class="hint">
                      Nothing was written.
                      <Show when={e().file}>{(file) => ` Fix ${file()} and add it again${entries().length > 1 ? ', or remove it to import the rest' : ''}.`}</Show>
                    </p>
                  </Show>
                </div>
              )}
            </Match>
            <Match when={!ready() && blocker()}>
              <p class="hint import-blocker" data-testid="import-blocker">{blocker()}</p>
            </Match>
          </Switch>
        </div>
        <div class="dialog-actions import-actions">
          <button type="button" class="ghost" onClick={close} data-testid="import-close" title={running() ? 'The import goes on in the background; the header shows how far it is' : undefined}>
            {running() ? 'Continue in background' : 'Close'}
          </button>
          <button type="button" disabled={!ready()} onClick={() => void start()} data-testid="import-start">
            Import{entries().length > 1 ? ` ${entries().length} files` : ''}
          </button>
        </div>
      </div>
    </dialog>
  );
}
