import { For, Show, createSignal, lazy } from 'solid-js';
import { A, useNavigate, useParams } from '@solidjs/router';
import { createSpec, deleteSpec, deletedSpecs, renameSpec, restoreSpec, specs, type SpecMeta } from '../../../services/specs';
import { useLive } from '../../components/useLive';
import { useLiveKeyed } from '../../components/useLiveKeyed';
import { SpecFiles } from './SpecFiles';
import { JoinBanner } from './JoinBanner';
import { errorMessage } from '../../components/errorMessage';
import { Toast, type ToastState } from '../../components/Toast';
import { linkedFiles, type LinkedFileRow } from '../../../services/linkedFolder/linkedFolder';
import { LinkBadge } from '../../linkedFolder/LinkBadge';
import { FolderLine } from '../../linkedFolder/FolderLine';
import { sharedSpecList } from '../../../services/specs/sharedList';

/** Above this many specs the list gets a filter box. */
const FILTER_FROM = 8;

// The editor, the rendered view and sharing load when a spec is opened, not with the list.
const SpecWorkspace = lazy(async () => ({ default: (await import('./SpecWorkspace')).SpecWorkspace }));

export default function SpecsPage() {
  const params = useParams<{ id?: string }>();
  const navigate = useNavigate();
  const list = useLiveKeyed<SpecMeta>(specs());
  const trash = useLive(deletedSpecs(), [] as SpecMeta[]);
  const [title, setTitle] = createSignal('');
  const [error, setError] = createSignal('');
  const [toast, setToast] = createSignal<ToastState | undefined>();
  const current = () => list().find((s) => s.id === params.id);
  const links = useLive(linkedFiles(), [] as LinkedFileRow[]);
  const linkOf = (id: string) => links().find((r) => r.specId === id);
  const shared = useLive(sharedSpecList(), [] as { specId: string; transport: 'webrtc' | 'websocket' }[]);
  const sharedVia = (id: string) => shared().find((r) => r.specId === id)?.transport;
  const [filter, setFilter] = createSignal('');
  // The filter matches any part of a title, ignoring case; the open spec always stays listed.
  const shown = () => {
    const q = filter().trim().toLocaleLowerCase();
    return q ? list().filter((s) => s.id === params.id || s.title.toLocaleLowerCase().includes(q)) : list();
  };

  // The first spec of a session loads the document layer first: the button says so, and a second press does not make a second spec.
  const [creating, setCreating] = createSignal(false);
  const create = async (e: Event) => {
    e.preventDefault();
    if (creating()) return;
    setCreating(true);
    try {
      const spec = await createSpec(title());
      setTitle('');
      setError('');
      navigate(`/specs/${spec.id}`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setCreating(false);
    }
  };

  const remove = async (spec: SpecMeta) => {
    await deleteSpec(spec.id);
    if (params.id === spec.id) navigate('/specs');
    setToast({
      message: `Deleted “${spec.title}”.`,
      action: { label: 'Undo', run: () => void restoreSpec(spec.id) },
    });
  };

  return (
    <section class="page specs-page">
      <aside class="spec-list" aria-label="Specs">
        <h1>Specs</h1>
        <form class="inline-form" onSubmit={create} novalidate>
          <label class="sr-only" for="new-spec-title">New spec title</label>
          <input
            id="new-spec-title"
            data-testid="new-spec-title"
            placeholder="New spec title"
            value={title()}
            onInput={(e) => setTitle(e.currentTarget.value)}
            aria-invalid={error() ? 'true' : undefined}
            aria-describedby="new-spec-error"
          />
          <button type="submit" data-testid="create-spec" disabled={creating()} aria-busy={creating() ? 'true' : undefined}>
            {creating() ? 'Creating…' : 'Create'}
          </button>
        </form>
        <Show when={error()}>
          <p class="field-error" id="new-spec-error" role="alert">{error()}</p>
        </Show>
        <Show when={list().length === 0}>
          <p class="empty">No specs yet. A spec is a live Markdown document: tasks, bets and evidence tokens. Create one above.</p>
        </Show>
        <Show when={list().length > FILTER_FROM}>
          <div class="spec-filter">
            <label class="sr-only" for="spec-filter">Filter specs by title</label>
            <input id="spec-filter" type="search" data-testid="spec-filter" placeholder={`Filter ${list().length} specs`} value={filter()} onInput={(e) => setFilter(e.currentTarget.value)} />
            <Show when={filter().trim()}>
              <p class="muted small" role="status" data-testid="spec-filter-count">{shown().length} of {list().length} specs</p>
            </Show>
          </div>
        </Show>
        <ul class="items">
          <For each={shown()}>
            {(spec) => <SpecItem spec={spec} link={linkOf(spec.id)} sharedVia={sharedVia(spec.id)} active={spec.id === params.id} onDelete={() => void remove(spec)} />}
          </For>
        </ul>
        <SpecFiles specs={list()} />
        <FolderLine onError={setError} />
        <Show when={trash().length > 0}>
          <details class="trash">
            <summary>Recently deleted ({trash().length})</summary>
            <ul class="items">
              <For each={trash()}>
                {(spec) => (
                  <li>
                    <span>{spec.title}</span>
                    <button class="ghost" onClick={() => void restoreSpec(spec.id)}>Restore</button>
                  </li>
                )}
              </For>
            </ul>
          </details>
        </Show>
      </aside>
      <div class="spec-main">
        <JoinBanner />
        {/* Keyed on the id, not the row: a rename or a touch elsewhere must not remount the editor. */}
        <Show
          when={current()?.id}
          keyed
          fallback={
            <div class="empty-state">
              <p>{params.id ? 'This spec does not exist or was deleted.' : 'Choose a spec from the list, or create one.'}</p>
            </div>
          }
        >
          {(id) => (
            <>
              <div class="spec-heading">
                <h2 class="spec-title" data-testid="spec-title">{current()?.title}</h2>
                <Show when={linkOf(id)}>{(l) => <LinkBadge row={l()} withName />}</Show>
              </div>
              <SpecWorkspace spec={current() ?? { id, title: '', createdAt: 0, updatedAt: 0 }} />
            </>
          )}
        </Show>
      </div>
      <Toast state={toast()} onClose={() => setToast(undefined)} />
    </section>
  );
}

function SpecItem(props: { spec: SpecMeta; link: LinkedFileRow | undefined; sharedVia: 'webrtc' | 'websocket' | undefined; active: boolean; onDelete: () => void }) {
  const [editing, setEditing] = createSignal(false);
  const [draft, setDraft] = createSignal('');
  const [error, setError] = createSignal('');
  const save = async (e: Event) => {
    e.preventDefault();
    try {
      await renameSpec(props.spec.id, draft());
      setEditing(false);
      setError('');
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <li classList={{ active: props.active }} data-testid="spec-item">
      <Show
        when={editing()}
        fallback={
          <>
            <A href={`/specs/${props.spec.id}`} class="item-link" title={props.spec.title}>{props.spec.title}</A>
            <Show when={props.link}>{(l) => <LinkBadge row={l()} compact />}</Show>
            <Show when={props.sharedVia}>
              {(via) => (
                <span class="badge shared-badge" data-testid="spec-shared" title={`Shared with other devices over ${via() === 'webrtc' ? 'WebRTC' : 'a y-websocket server'}; it reconnects whenever the app is open`}>
                  Shared
                </span>
              )}
            </Show>
            <span class="item-actions">
              <button class="ghost small icon" onClick={() => { setDraft(props.spec.title); setEditing(true); }} aria-label={`Rename ${props.spec.title}`} title="Rename">✎</button>
              <button class="ghost small danger icon" onClick={() => props.onDelete()} aria-label={`Delete ${props.spec.title}`} title="Delete (undo right after, or restore from Recently deleted)">✕</button>
            </span>
          </>
        }
      >
        <form class="inline-form" onSubmit={save}>
          <input value={draft()} onInput={(e) => setDraft(e.currentTarget.value)} aria-label="New title" ref={(el) => setTimeout(() => el.focus())} onKeyDown={(e) => e.key === 'Escape' && setEditing(false)} />
          <button type="submit" class="small">Save</button>
        </form>
        <Show when={error()}><p class="field-error" role="alert">{error()}</p></Show>
      </Show>
    </li>
  );
}
