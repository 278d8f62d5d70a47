import { For, Show, createSignal } from 'solid-js';
import { IMPORT_FORMATS, type CsvMapping, type ImportFormat, type PreviewResult } from '../../../services/importEvidence';
import { formatBytes } from '../../components/format';

export interface ImportEntry {
  key: number;
  file: File;
  /** The person's choice; undefined means "as detected". */
  format?: ImportFormat;
  csv?: CsvMapping;
  preview?: PreviewResult;
  loading: boolean;
  generation: number;
}

export const FORMAT_NAMES: Record<ImportFormat, string> = { junit: 'JUnit XML', jsonl: 'JSON Lines', csv: 'CSV' };

/** One line about a file: how it will be read and what its head holds. */
function status(e: ImportEntry): string {
  const p = e.preview;
  if (e.loading || !p) return 'reading…';
  if (p.error) return 'cannot be imported as it is';
  const skipped = p.skippedTests ? `, ${p.skippedTests} skipped test${p.skippedTests === 1 ? '' : 's'}` : '';
  const runs = `${p.runsRead.toLocaleString('en')} run${p.runsRead === 1 ? '' : 's'}${skipped}`;
  return p.complete ? runs : `${runs} in the first ${formatBytes(64 * 1024)}`;
}

/** The drop zone, the file input and the chosen files with their formats. */
export function ImportFiles(props: {
  entries: ImportEntry[];
  activeKey: number | undefined;
  disabled: boolean;
  onAdd: (files: FileList | File[]) => void;
  onSelect: (key: number) => void;
  onRemove: (key: number) => void;
  onFormat: (key: number, format: ImportFormat | undefined) => void;
}) {
  const [over, setOver] = createSignal(false);
  let input!: HTMLInputElement;
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
          if (!props.disabled && e.dataTransfer?.files.length) props.onAdd(e.dataTransfer.files);
        }}
      >
        <span>Drop test reports or run files here, or</span>
        <button type="button" class="ghost small" disabled={props.disabled} onClick={() => input.click()}>choose files…</button>
        <input
          ref={input}
          type="file"
          multiple
          class="sr-only"
          accept=".xml,.jsonl,.ndjson,.json,.csv,.txt"
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
            {(e) => (
              <li classList={{ active: e.key === props.activeKey, bad: !!e.preview?.error }} data-testid="import-file">
                <button type="button" class="file-name" onClick={() => props.onSelect(e.key)} aria-pressed={e.key === props.activeKey} title="Show its preview">
                  {e.file.name}
                </button>
                <span class="muted nowrap">{formatBytes(e.file.size)}</span>
                <select
                  aria-label={`Format of ${e.file.name}`}
                  data-testid="import-format"
                  disabled={props.disabled}
                  value={e.format ?? ''}
                  onChange={(ev) => props.onFormat(e.key, (ev.currentTarget.value || undefined) as ImportFormat | undefined)}
                >
                  <option value="">{e.preview ? `${FORMAT_NAMES[e.preview.detected]} (detected)` : 'Detect'}</option>
                  <For each={IMPORT_FORMATS}>{(f) => <option value={f}>{FORMAT_NAMES[f]}</option>}</For>
                </select>
                <span class="file-status" classList={{ 'field-error': !!e.preview?.error }}>{status(e)}</span>
                <button type="button" class="ghost small" disabled={props.disabled} aria-label={`Remove ${e.file.name}`} onClick={() => props.onRemove(e.key)}>×</button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}
