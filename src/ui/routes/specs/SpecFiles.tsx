import { Show, createSignal } from 'solid-js';
import { useNavigate } from '@solidjs/router';
import type { SpecMeta } from '../../../services/specs';
import { exportAllToFolder, exportAllZip, importMarkdownAsNew, type DirectoryLike } from '../../../services/specs/files';
import { errorMessage } from '../../components/errorMessage';
import { directoryPicker, download, readFiles } from './fileTransfer';

/** Import Markdown files as new specs; export every spec as a zip, or into a folder. */
export function SpecFiles(props: { specs: SpecMeta[] }) {
  const navigate = useNavigate();
  const [message, setMessage] = createSignal('');
  const picker = directoryPicker();
  let input!: HTMLInputElement;

  const importNew = async (files: FileList | null) => {
    const done: string[] = [];
    const failed: string[] = [];
    let last: SpecMeta | undefined;
    for (const f of await readFiles(files)) {
      try {
        last = await importMarkdownAsNew(f.name, f.bytes);
        done.push(last.title);
      } catch (e) {
        failed.push(errorMessage(e));
      }
    }
    input.value = '';
    setMessage([done.length ? `Imported ${done.map((t) => `“${t}”`).join(', ')}.` : '', ...failed].filter(Boolean).join(' '));
    if (last) navigate(`/specs/${last.id}`);
  };
  const zip = async () => {
    try {
      download(await exportAllZip(props.specs));
    } catch (e) {
      setMessage(errorMessage(e));
    }
  };
  const folder = async () => {
    if (!picker) return;
    try {
      const dir = (await picker({ mode: 'readwrite' })) as DirectoryLike;
      const names = await exportAllToFolder(props.specs, dir);
      setMessage(`Wrote ${names.length} file${names.length === 1 ? '' : 's'}.`);
    } catch (e) {
      if ((e as Error).name !== 'AbortError') setMessage(errorMessage(e));
    }
  };
  return (
    <div class="spec-files">
      <button class="ghost small" data-testid="import-new" onClick={() => input.click()}>Import .md…</button>
      <input ref={input} type="file" multiple hidden accept=".md,.markdown,.txt,text/markdown,text/plain" data-testid="import-new-input" onChange={(e) => void importNew(e.currentTarget.files)} />
      <button class="ghost small" data-testid="export-all" disabled={props.specs.length === 0} onClick={() => void zip()}>Export all (.zip)</button>
      <Show when={picker}>
        <button class="ghost small" disabled={props.specs.length === 0} onClick={() => void folder()}>Export to folder…</button>
      </Show>
      <Show when={message()}><p class="muted small-text" role="status">{message()}</p></Show>
    </div>
  );
}
