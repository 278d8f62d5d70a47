import { For, Show, createSignal } from 'solid-js';
import { FORMATS, MAX_IMPORT_BYTES, describeBytes, formatById, type CsvMapping, type ImportFormat, type PreviewResult } from '../../../services/importEvidence';
import { formatBytes } from '../../components/format';
import { mappingProblem, missingColumns } from './ImportCsvMapping';
import { droppedFolders, pickReports } from './folderFiles';

export interface ImportEntry {
  key: number;
  file: File;
  /** The person's choice; undefined means "as detected". */
  format?: ImportFormat;
  csv?: CsvMapping;
  preview?: PreviewResult;
  loading: boolean;
  generation: number;
  /** Why the last import stopped at this file (found past the preview); cleared by any change to it. */
  failure?: string;
}

/** A format's name as the dialog shows it (from the format registry). */
export const formatName = (id: ImportFormat): string => formatById(id)?.name ?? id;

/** An error's message without the file name it starts with (the row already names the file). */
export function shortReason(error: { name: string; message: string; file?: string; size?: number }): string {
  if (error.name === 'FileTooLargeError' && error.size !== undefined) return `too large: ${describeBytes(error.size)}, at most ${describeBytes(MAX_IMPORT_BYTES)}`;
  const prefix = error.file ? `${error.file}, ` : '';
  return prefix && error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

/**
 * Where one file stands: still being read, failed at import (red), unreadable (red), waiting for
 * the person to choose CSV columns (neutral: a normal step, not a failure), or ready.
 */
export interface EntryState {
  kind: 'reading' | 'ready' | 'failed' | 'error' | 'choose' | 'clash';
  /** The few words in the file's row. */
  text: string;
  /** The whole story, for the row's tooltip and the dialog's footer. */
  reason?: string;
}

export function entryState(e: ImportEntry): EntryState {
  const p = e.preview;
  if (e.loading || !p) return { kind: 'reading', text: 'reading…' };
  if (e.failure) return { kind: 'failed', text: `import failed: ${e.failure}`, reason: e.failure };
  if (p.headers) {
    const mapping = e.csv ?? {};
    const problem = mappingProblem(p.headers, mapping);
    if (problem) {
      const missing = missingColumns(mapping);
      // A column chosen twice is the person's slip, shown as an error; missing columns are the next step.
      return missing.length
        ? { kind: 'choose', text: `choose the ${missing.join(' and ')} columns`, reason: problem }
        : { kind: 'clash', text: problem.replace(/^Column/, 'column'), reason: problem };
    }
  }
  if (p.error) return { kind: 'error', text: shortReason(p.error), reason: p.error.message };
  const skipped = p.skippedTests ? `, ${p.skippedTests} skipped test${p.skippedTests === 1 ? '' : 's'}` : '';
  const runs = `${p.runsRead.toLocaleString('en')} run${p.runsRead === 1 ? '' : 's'}${skipped}`;
  return { kind: 'ready', text: p.complete ? runs : `${runs} in the first ${formatBytes(64 * 1024)}` };
}

/** The drop zone, the file input and the chosen files with their formats. */
export function ImportFiles(props: {
  entries: ImportEntry[];
  activeKey: number | undefined;
  disabled: boolean;
  onAdd: (files: FileList | File[], skipped?: string[]) => void;
  onSelect: (key: number) => void;
  onRemove: (key: number) => void;
  onFormat: (key: number, format: ImportFormat | undefined) => void;
}) {
  const [over, setOver] = createSignal(false);
  let input!: HTMLInputElement;
  let folderInput!: HTMLInputElement;
  return (
    <div>
      <div
        class="drop-zone"
        classList={{ over: over() }}
        data-testid="import-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const dt = e.dataTransfer;
          if (props.disabled || !dt) return;
          const files = [...dt.files];
          void droppedFolders(dt.items).then((folder) => {
            if (folder) props.onAdd(folder.files, folder.skipped);
            else if (files.length) props.onAdd(files);
          });
        }}
      >
        <span>Drop test reports, run files or a folder of reports here, or</span>
        <button type="button" class="ghost small" disabled={props.disabled} onClick={() => input.click()}>choose files…</button>
        <button type="button" class="ghost small" disabled={props.disabled} onClick={() => folderInput.click()} data-testid="import-choose-folder">choose a folder…</button>
        <input
          ref={folderInput}
          type="file"
          class="sr-only"
          aria-label="Choose a folder of reports"
          data-testid="import-folder-input"
          {...{ webkitdirectory: true }}
          onChange={(e) => {
            const picked = pickReports([...(e.currentTarget.files ?? [])]);
            props.onAdd(picked.files, picked.skipped);
            e.currentTarget.value = '';
          }}
        />
        <input
          ref={input}
          type="file"
          multiple
          class="sr-only"
          aria-label="Choose report or run files"
          accept=".xml,.jsonl,.ndjson,.json,.csv,.tap,.txt,.log"
          data-testid="import-file-input"
          onChange={(e) => {
            if (e.currentTarget.files) props.onAdd(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
      </div>
      <Show when={props.entries.length}>
        <ul class="import-files" data-testid="import-files">
          <For each={props.entries}>
            {(e) => {
              const state = () => entryState(e);
              const bad = () => ['failed', 'error', 'clash'].includes(state().kind);
              return (
                <li classList={{ active: e.key === props.activeKey, bad: bad(), choose: state().kind === 'choose' }} data-state={state().kind} data-testid="import-file">
                  <button type="button" class="file-name" onClick={() => props.onSelect(e.key)} aria-pressed={e.key === props.activeKey} title="Show its preview">
                    {e.file.name}
                  </button>
                  <span class="file-size muted nowrap">{formatBytes(e.file.size)}</span>
                  <select
                    aria-label={`Format of ${e.file.name}`}
                    data-testid="import-format"
                    disabled={props.disabled}
                    value={e.format ?? ''}
                    onChange={(ev) => props.onFormat(e.key, (ev.currentTarget.value || undefined) as ImportFormat | undefined)}
                  >
                    <option value="">{e.preview ? `${formatName(e.preview.detected)} (detected)` : 'Detect'}</option>
                    <For each={FORMATS}>{(f) => <option value={f.id}>{f.name}</option>}</For>
                  </select>
                  <span class="file-status" classList={{ 'field-error': bad(), choose: state().kind === 'choose' }} title={state().reason}>
                    {state().text}
                  </span>
                  <button type="button" class="file-remove ghost small" disabled={props.disabled} aria-label={`Remove ${e.file.name}`} onClick={() => props.onRemove(e.key)}>×</button>
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
    </div>
  );
}
