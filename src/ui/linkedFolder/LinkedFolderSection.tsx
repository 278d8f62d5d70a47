import { For, Show, createSignal } from 'solid-js';
import {
  allowFolderAccess,
  canLinkFolders,
  canLinkPrivateFolder,
  deleteSpecOfDeletedFile,
  folderLink,
  linkPrivateFolder,
  linkedFiles,
  pickAndLinkFolder,
  unlinkFolder,
  writeDeletedFileAgain,
  type FolderLinkRow,
  type LinkedFileRow,
} from '../../services/linkedFolder/linkedFolder';
import { specs, type SpecMeta } from '../../services/specs';
import { exportAllZip } from '../../services/specs/files';
import { errorMessage } from '../components/errorMessage';
import { useLive } from '../components/useLive';
import { download } from '../routes/specs/fileTransfer';
import { LinkBadge } from './LinkBadge';
import { statusCounts } from './linkStatus';
import './linkedFolder.css';

const WATCH_TEXT = {
  observer: 'Changes made outside are noticed as they happen (this browser has FileSystemObserver).',
  polling: 'Changes made outside are noticed within 2 s while this page is visible, and whenever you come back to it.',
};
const WRITE_TEXT = {
  move: 'Each file is written to a hidden temporary file, then moved over the old one, so other programs never see half a file.',
  'swap-file': 'Each file is written through a swap file the browser renames over the old one on close, so other programs never see half a file.',
};

/** Settings: link a folder so each spec is a Markdown file there, both ways; its state and files. */
export function LinkedFolderSection() {
  const link = useLive(folderLink(), undefined as FolderLinkRow | undefined);
  const files = useLive(linkedFiles(), [] as LinkedFileRow[]);
  const [message, setMessage] = createSignal('');
  const act = async (run: () => Promise<unknown>) => {
    setMessage('');
    try {
      await run();
    } catch (e) {
      setMessage(errorMessage(e));
    }
  };
  return (
    <section class="linked-folder" id="linked-folder" aria-labelledby="linked-folder-title" data-testid="linked-folder">
      <h2 id="linked-folder-title">Linked folder</h2>
      <p class="muted">
        Keep your specs as Markdown files in a folder on this computer, both ways: every spec is a <code>.md</code> file
        there and every <code>.md</code> file a spec. Edit a file in any editor (VS Code, Obsidian) or pull it with git and
        the spec changes here; edit here and the file is written within a second. When both sides changed, both are kept.
      </p>
      <Show when={canLinkFolders()} fallback={<Unsupported act={act} />}>
        <Show when={link()} fallback={<LinkButtons act={act} />}>
          {(l) => <Linked link={l()} files={files()} act={act} />}
        </Show>
      </Show>
      <Show when={message()}><p class="field-error" role="alert">{message()}</p></Show>
    </section>
  );
}

/** Firefox and Safari have no folder picker: say so, and offer the one-way export instead. */
function Unsupported(props: { act: (run: () => Promise<unknown>) => Promise<void> }) {
  const list = useLive(specs(), [] as SpecMeta[]);
  return (
    <div data-testid="link-unsupported">
      <p>
        Linking a folder needs a Chromium-based browser (Chrome, Edge, Brave, Opera): this browser does not have the File
        System Access API that lets a web page keep a folder. You can still export every spec as Markdown files.
      </p>
      <button data-testid="link-unsupported-export" disabled={list().length === 0} onClick={() => void props.act(async () => download(await exportAllZip(list())))}>
        Export all specs (.zip)
      </button>
    </div>
  );
}

function LinkButtons(props: { act: (run: () => Promise<unknown>) => Promise<void> }) {
  return (
    <>
      <div class="link-actions">
        <button data-testid="link-folder" onClick={() => void props.act(pickAndLinkFolder)}>Link a folder…</button>
      </div>
      <Show when={canLinkPrivateFolder()}>
        <details data-testid="private-folder">
          <summary>Try it without a folder on disk</summary>
          <p class="muted">
            Links a folder inside this browser's private storage (the origin private file system) instead of one you pick.
            It works the same way, but no other program can see or edit it; it is there to try the link, and for automated
            tests, which cannot click through a folder picker.
          </p>
          <button class="ghost" data-testid="link-private-folder" onClick={() => void props.act(linkPrivateFolder)}>Link a private browser folder</button>
        </details>
      </Show>
    </>
  );
}

function Linked(props: { link: FolderLinkRow; files: LinkedFileRow[]; act: (run: () => Promise<unknown>) => Promise<void> }) {
  const where = () => (props.link.kind === 'private' ? 'a folder in this browser’s private storage, invisible to other programs' : 'a folder on this computer');
  return (
    <>
      <p data-testid="link-summary">
        Linked to <strong>“{props.link.name}”</strong> ({where()}).{' '}
        <Show when={props.link.access === 'granted'}>
          {props.files.length} file{props.files.length === 1 ? '' : 's'}
          <Show when={props.files.length > 0}>: {statusCounts(props.files)}</Show>.
        </Show>
      </p>
      <Show when={props.link.access === 'needs-permission'}>
        <p class="field-error" role="alert" data-testid="link-needs-permission">
          The browser asks again before this page may use “{props.link.name}” (it does after a restart). Nothing is synced until you allow it.
        </p>
        <button data-testid="allow-folder-access" onClick={() => void props.act(() => allowFolderAccess(props.link))}>Allow access to “{props.link.name}”</button>
      </Show>
      <Show when={props.link.access === 'unavailable'}>
        <p class="field-error" role="alert" data-testid="link-unavailable">{props.link.message}</p>
      </Show>
      <Show when={props.link.access === 'granted'}>
        <p class="muted link-how" data-testid="link-how">
          {props.link.watchMode ? WATCH_TEXT[props.link.watchMode] : ''} {props.link.writeMethod ? WRITE_TEXT[props.link.writeMethod] : ''}
        </p>
      </Show>
      <Show when={props.link.problems.length > 0}>
        <div role="alert" data-testid="link-problems">
          <p>These files in the folder could not become specs:</p>
          <ul class="problems">
            <For each={props.link.problems}>{(p) => <li><span class="file-name">{p.file}</span>: {p.message.replace(`${p.file}: `, '')}</li>}</For>
          </ul>
        </div>
      </Show>
      <Show when={props.files.length > 0}>
        <div class="table-scroll">
          <table class="data" data-testid="linked-files">
            <thead>
              <tr><th>File</th><th>Status</th><th>Last change</th></tr>
            </thead>
            <tbody>
              <For each={props.files}>{(f) => <FileRow file={f} act={props.act} />}</For>
            </tbody>
          </table>
        </div>
      </Show>
      <div class="link-actions">
        <button class="ghost" data-testid="unlink-folder" onClick={() => void props.act(unlinkFolder)}>Unlink</button>
        <span class="muted small-text">Unlinking stops the sync; the files stay in the folder and the specs here.</span>
      </div>
    </>
  );
}

function FileRow(props: { file: LinkedFileRow; act: (run: () => Promise<unknown>) => Promise<void> }) {
  return (
    <tr data-testid="linked-file" data-file={props.file.fileName}>
      <td><a class="file-name" href={`/specs/${props.file.specId}`}>{props.file.fileName}</a></td>
      <td><LinkBadge row={props.file} /></td>
      <td class="message">
        {props.file.message ?? ''} <span class="muted">({new Date(props.file.at).toLocaleTimeString()})</span>
        <Show when={props.file.status === 'deleted-outside'}>
          <span class="deleted-actions">
            <button class="ghost small danger" data-testid="delete-spec-too" onClick={() => void props.act(() => deleteSpecOfDeletedFile(props.file.specId))}>Delete the spec too</button>
            <button class="small ghost" data-testid="write-file-again" onClick={() => void props.act(() => writeDeletedFileAgain(props.file))}>Write the file again</button>
          </span>
        </Show>
      </td>
    </tr>
  );
}
