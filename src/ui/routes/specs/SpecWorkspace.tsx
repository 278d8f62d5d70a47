import { Show, createSignal, onMount } from 'solid-js';
import type { SpecMeta } from '../../../services/specs';
import { exportSpecMarkdown, importMarkdownInto } from '../../../services/specs/files';
import { proposeInjectPriors } from '../../../services/specs/injectPriors';
import { applyDisplayName } from '../../../services/specs/peerSettings';
import { storeSpecViewMode, storedSpecViewMode, type SpecViewMode as Mode } from '../../../services/specs/viewMode';
import { SpecEditor, type EditorHandle } from '../../components/SpecEditor';
import { RenderedSpec } from '../../specView/RenderedSpec';
import { errorMessage } from '../../components/errorMessage';
import { ConsentPanel } from './ConsentPanel';
import { HistoryPanel } from './HistoryPanel';
import { People } from './People';
import { ShareDialog, useShare } from './ShareDialog';
import { download, readFiles } from './fileTransfer';
import './specs.css';

const MODES: readonly [Mode, string][] = [
  ['editor', 'Text'],
  ['split', 'Split'],
  ['rendered', 'Rendered'],
];

/**
 * One spec's surfaces side by side: the plain editor and the rendered view, both live on the
 * same Y.Text. The editor's cursor highlights its block in the rendered view; a click in the
 * rendered view puts the editor's cursor there.
 */
export function SpecWorkspace(props: { spec: SpecMeta }) {
  const [mode, setMode] = createSignal<Mode>(storedSpecViewMode());
  const [cursor, setCursor] = createSignal<number | undefined>();
  const [history, setHistory] = createSignal(false);
  const [sharing, setSharing] = createSignal(false);
  const [message, setMessage] = createSignal('');
  const share = useShare(props.spec.id);
  let editor: EditorHandle | undefined;
  let importInput!: HTMLInputElement;
  onMount(() => void applyDisplayName());

  const choose = (m: Mode) => {
    setMode(m);
    storeSpecViewMode(m);
  };
  const exportOne = async () => {
    try {
      download(await exportSpecMarkdown(props.spec));
    } catch (e) {
      setMessage(errorMessage(e));
    }
  };
  const injectPriors = async () => {
    setMessage('Reading the learned priors…');
    try {
      const r = await proposeInjectPriors(props.spec.id);
      if (r.verdict === 'consent') setMessage(`Proposed to everyone sharing this spec: ${r.reason} (below).`);
      else if (r.verdict === 'queue') setMessage(`Queued for your approval on the Governance page: ${r.reason}.`);
      else if (r.verdict === 'blocked') setMessage(`Blocked: ${r.reason}.`);
      else {
        if (r.verdict === 'chapel') setMessage('Paused in the chapel before writing the priors (you can veto it there).');
        const outcome = await r.done;
        setMessage(outcome.ran ? 'Wrote the learned priors into this spec (History or the Governance page rolls it back).' : `Not written: ${outcome.reason}.`);
      }
    } catch (e) {
      setMessage(errorMessage(e));
    }
  };
  const importInto = async (files: FileList | null) => {
    try {
      const [file] = await readFiles(files);
      if (!file) return;
      const edits = await importMarkdownInto(props.spec.id, file.name, file.bytes);
      setMessage(edits ? `Imported ${file.name} as ${edits} edit${edits === 1 ? '' : 's'} (undo reverts it).` : `${file.name} is the same as this spec.`);
    } catch (e) {
      setMessage(errorMessage(e));
    } finally {
      importInput.value = '';
    }
  };

  return (
    <div class="workspace" data-mode={mode()}>
      <div class="workspace-bar" role="toolbar" aria-label="Spec">
        <div class="segmented" role="group" aria-label="View">
          {MODES.map(([m, label]) => (
            <button class="ghost small" aria-pressed={mode() === m} data-testid={`view-${m}`} onClick={() => choose(m)}>
              {label}
            </button>
          ))}
        </div>
        <button class="ghost small" aria-pressed={history()} data-testid="open-history" onClick={() => setHistory((v) => !v)}>History</button>
        <button class="ghost small" data-testid="export-spec" onClick={() => void exportOne()}>Export .md</button>
        <button class="ghost small" data-testid="import-into" onClick={() => importInput.click()}>Import .md…</button>
        <button class="ghost small" data-testid="inject-priors" title="Write the learned priors (Do / Avoid) into this spec's “## Learned priors” section, through governance" onClick={() => void injectPriors()}>Inject priors</button>
        <input ref={importInput} type="file" accept=".md,.markdown,.txt,text/markdown,text/plain" hidden data-testid="import-into-input" onChange={(e) => void importInto(e.currentTarget.files)} />
        <span class="spacer" />
        <People specId={props.spec.id} />
        <button class="small" classList={{ live: !!share() }} data-testid="share-session" onClick={() => setSharing(true)}>
          {share() ? (share()!.status ? (share()!.status!.passwordMismatch === 'mine' ? 'Sharing · wrong password' : `Sharing · ${share()!.status!.connections} here`) : 'Sharing · connecting…') : 'Share session'}
        </button>
      </div>
      <Show when={message()}>
        <p class="muted workspace-message" role="status">
          {message()} <button class="ghost small" aria-label="Dismiss" onClick={() => setMessage('')}>×</button>
        </p>
      </Show>
      <ConsentPanel specId={props.spec.id} />
      <div class="workspace-body" classList={{ 'with-history': history() }}>
        <div class={`panes mode-${mode()}`}>
          <Show when={mode() !== 'rendered'}>
            <div class="pane pane-editor">
              <SpecEditor specId={props.spec.id} onReady={(h) => (editor = h)} onCursor={setCursor} />
            </div>
          </Show>
          <Show when={mode() !== 'editor'}>
            <div class="pane pane-rendered">
              <RenderedSpec specId={props.spec.id} cursor={mode() === 'split' ? cursor() : undefined} onPick={(at) => mode() === 'split' && editor?.placeCursor(at)} />
            </div>
          </Show>
        </div>
        <Show when={history()}>
          <HistoryPanel specId={props.spec.id} onClose={() => setHistory(false)} />
        </Show>
      </div>
      <Show when={sharing()}>
        <ShareDialog spec={props.spec} onClose={() => setSharing(false)} />
      </Show>
    </div>
  );
}
