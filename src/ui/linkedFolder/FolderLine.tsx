import { Show } from 'solid-js';
import { A } from '@solidjs/router';
import { canLinkFolders, folderLink, linkedFiles, pickAndLinkFolder, type FolderLinkRow, type LinkedFileRow } from '../../services/linkedFolder/linkedFolder';
import { useLive } from '../components/useLive';
import { statusCounts } from './linkStatus';
import './linkedFolder.css';

/** The specs sidebar's word on the linked folder: which one and how its files are, or how to link one. */
export function FolderLine(props: { onError: (message: string) => void }) {
  const link = useLive(folderLink(), undefined as FolderLinkRow | undefined);
  const files = useLive(linkedFiles(), [] as LinkedFileRow[]);
  const pick = () => pickAndLinkFolder().catch((e: unknown) => props.onError(e instanceof Error ? e.message : String(e)));
  return (
    <div class="folder-line" data-testid="folder-line">
      <Show
        when={link()}
        fallback={
          <Show when={canLinkFolders()} fallback={<span class="muted">Linking a folder needs a Chromium-based browser; “Export all (.zip)” writes every spec as a Markdown file.</span>}>
            <button class="ghost small" data-testid="link-folder-specs" onClick={() => void pick()}>Link a folder…</button>
          </Show>
        }
      >
        {(l) => (
          <span>
            Linked to <A href="/settings#linked-folder">“{l().name}”</A>
            <Show when={l().access === 'granted'} fallback={<strong class="alert">: {l().access === 'needs-permission' ? 'allow access in Settings' : 'cannot be reached'}</strong>}>
              <Show when={files().length > 0}>: {statusCounts(files())}</Show>
            </Show>
          </span>
        )}
      </Show>
    </div>
  );
}
