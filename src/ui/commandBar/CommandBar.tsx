import { For, Show, createEffect, createSignal, on, onCleanup } from 'solid-js';
import { useLocation, useNavigate } from '@solidjs/router';
import type { Completions } from '../../services/commands';
import { tryResolvePath } from '../../services/agentese';
import { errorMessage } from '../components/errorMessage';
import { notify } from '../components/notify';
import './commandBar.css';

const EXAMPLES = [
  'work bet "Implement FailureCorpus" --hours 4 --confidence 0.75 --principle "depth over breadth"',
  'work resolve --actual 3.5',
  'work status',
  'run record "Lexer" --failed --nudge "add type hints" --error "KeyError: \'x\'"',
  'priors copy',
  'time.trace.metacompiler.calibration',
];

/** The spec open at this address (/specs/<id> or world.specs.<id>), for `priors inject`. */
function openSpecIdAt(pathname: string): string | undefined {
  const m = /^\/specs\/([^/]+)$/.exec(pathname);
  if (m?.[1]) return decodeURIComponent(m[1]);
  const r = tryResolvePath(pathname);
  return r.ok ? r.value.params.specId : undefined;
}

type Commands = typeof import('../../services/commands');
let commandsModule: Promise<Commands> | undefined;
/** The command grammar and services load on the bar's first opening, not with every page. */
const loadCommands = (): Promise<Commands> => (commandsModule ??= import('../../services/commands'));

/**
 * The keyboard way into every command: Ctrl/Cmd+K opens it anywhere. It opens at once as a
 * plain input and upgrades (live checking, completion) when the command grammar has loaded.
 */
export function CommandBar() {
  const navigate = useNavigate();
  const location = useLocation();
  const [open, setOpen] = createSignal(false);
  const [text, setText] = createSignal('');
  const [cursor, setCursor] = createSignal(0);
  const [completions, setCompletions] = createSignal<Completions | undefined>();
  const [selected, setSelected] = createSignal(0);
  const [failure, setFailure] = createSignal<{ message: string; from: number; to: number } | undefined>();
  const [busy, setBusy] = createSignal(false);
  const [commands, setCommands] = createSignal<Commands | undefined>();
  let input!: HTMLInputElement;
  // Where focus was when the bar opened: it goes back there when the bar closes.
  let opener: Element | null = null;

  const onKey = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
      e.preventDefault();
      setOpen((o) => !o);
    } else if (e.key === 'Escape' && open() && !e.defaultPrevented) {
      // Focus may have left the bar (a click on its text): Escape still closes it.
      setOpen(false);
    }
  };
  addEventListener('keydown', onKey);
  addEventListener('metacompiler:open-command-bar', () => setOpen(true));
  onCleanup(() => removeEventListener('keydown', onKey));

  createEffect(
    on(open, (isOpen, wasOpen) => {
      if (isOpen) {
        opener = document.activeElement;
        queueMicrotask(() => input?.focus());
        void loadCommands().then(setCommands, (err: unknown) => setFailure({ message: errorMessage(err), from: 0, to: text().length }));
      } else if (wasOpen) {
        // Back where the person was; if that is gone (the command changed page), the page's main.
        const back = opener instanceof HTMLElement && opener.isConnected && opener !== document.body ? opener : document.getElementById('main');
        queueMicrotask(() => back?.focus());
      }
    }),
  );

  // Live feedback while typing: what is wrong and where, before anything runs.
  const parsed = () => (text().trim() ? commands()?.parse(text()) : undefined);
  const problem = () => {
    if (failure()) return failure();
    const p = parsed();
    if (!p || p.ok) return undefined;
    // A word still being typed that completion can finish is not yet an error.
    const typingLastWord = p.error.to >= text().trimEnd().length && cursor() >= text().length;
    if (typingLastWord && (completions()?.candidates.length ?? 0) > 0) return undefined;
    return p.error;
  };
  const understood = () => {
    const p = parsed();
    if (!p?.ok || !('understood' in p.command)) return [];
    return Object.entries(p.command.understood).map(([k, v]) => `${k}: ${v}`);
  };

  createEffect(
    on([text, cursor, commands], async ([t, c, cmds]) => {
      setFailure(undefined);
      if (!cmds) return;
      const result = await cmds.completionsAt(t, c);
      if (t === text()) {
        setCompletions(result);
        setSelected(0);
      }
    }),
  );

  const accept = (i: number) => {
    const comp = completions();
    const cand = comp?.candidates[i];
    if (!comp || !cand) return;
    const next = text().slice(0, comp.from) + cand.insert + ' ' + text().slice(comp.to).replace(/^\s+/, '');
    setText(next);
    const at = comp.from + cand.insert.length + 1;
    queueMicrotask(() => {
      input.value = next;
      input.setSelectionRange(at, at);
      setCursor(at);
    });
  };

  const run = async () => {
    setBusy(true);
    let cmds: Commands | undefined;
    try {
      cmds = await loadCommands();
      const outcome = await cmds.runCommand(text(), { openSpecId: openSpecIdAt(location.pathname) });
      notify(outcome.message);
      setText('');
      // A command that opens a page leaves the person on that page's main, not on the old opener.
      if (outcome.route) opener = null;
      setOpen(false);
      if (outcome.route) navigate(outcome.route);
    } catch (err) {
      if (cmds && err instanceof cmds.CommandFailedError) setFailure({ message: err.message, from: err.from, to: err.to });
      else setFailure({ message: errorMessage(err), from: 0, to: text().length });
      // Refused: the person fixes the line where it is (focus stays in the input).
      queueMicrotask(() => input?.focus());
    } finally {
      setBusy(false);
    }
  };

  const onInputKey = (e: KeyboardEvent) => {
    const n = completions()?.candidates.length ?? 0;
    if (e.key === 'ArrowDown' && n) {
      e.preventDefault();
      setSelected((s) => (s + 1) % n);
    } else if (e.key === 'ArrowUp' && n) {
      e.preventDefault();
      setSelected((s) => (s - 1 + n) % n);
    } else if (e.key === 'Tab' && n) {
      e.preventDefault();
      accept(selected());
    } else if (e.key === 'Enter') {
      e.preventDefault();
      void run();
    }
  };

  return (
    <Show when={open()}>
      <div class="cmd-backdrop" onClick={(e) => e.target === e.currentTarget && setOpen(false)}>
        <div
          class="cmd"
          role="dialog"
          aria-modal="true"
          aria-label="Command bar"
          data-testid="command-bar"
          onKeyDown={(e) => {
            // Escape closes the bar from anywhere inside it, whatever happened before.
            if (e.key === 'Escape') {
              e.preventDefault();
              setOpen(false);
            }
          }}
        >
          <input
            ref={input}
            aria-label="Command"
            class="cmd-input"
            data-testid="command-input"
            value={text()}
            placeholder="Type a command: work bet, run record, priors copy, or an AGENTESE path…"
            role="combobox"
            aria-expanded={(completions()?.candidates.length ?? 0) > 0}
            aria-controls="cmd-list"
            aria-autocomplete="list"
            aria-invalid={problem() ? 'true' : undefined}
            aria-describedby="cmd-problem"
            spellcheck={false}
            autocomplete="off"
            onInput={(e) => {
              setText(e.currentTarget.value);
              setCursor(e.currentTarget.selectionStart ?? e.currentTarget.value.length);
            }}
            onKeyUp={(e) => setCursor(e.currentTarget.selectionStart ?? 0)}
            onKeyDown={onInputKey}
            readOnly={busy()}
            aria-busy={busy() ? 'true' : undefined}
          />
          <Show when={problem()}>
            {(p) => (
              <div class="cmd-problem" id="cmd-problem" role="alert" data-testid="command-error">
                <code class="cmd-echo">
                  {text().slice(0, p().from)}
                  <mark>{text().slice(p().from, Math.max(p().to, p().from + 1)) || ' '}</mark>
                  {text().slice(Math.max(p().to, p().from + 1))}
                </code>
                <span>{p().message}</span>
              </div>
            )}
          </Show>
          <Show when={!problem() && understood().length}>
            <div class="cmd-understood" data-testid="command-understood">Understood: {understood().join(' · ')}</div>
          </Show>
          <ul class="cmd-list" id="cmd-list" role="listbox">
            <For each={completions()?.candidates.slice(0, 8) ?? []}>
              {(c, i) => (
                <li role="option" aria-selected={i() === selected()} classList={{ selected: i() === selected() }} onMouseDown={(e) => { e.preventDefault(); accept(i()); }}>
                  <span class="cmd-label">{c.label}</span>
                  <Show when={c.detail}><span class="cmd-detail">{c.detail}</span></Show>
                  <span class="cmd-kind">{c.kind}</span>
                </li>
              )}
            </For>
          </ul>
          <Show when={!text()}>
            <div class="cmd-help">
              <p>Examples</p>
              <For each={EXAMPLES}>{(ex) => <button class="ghost small cmd-example" onClick={() => { setText(ex); input.focus(); }}>{ex}</button>}</For>
            </div>
          </Show>
          <div class="cmd-footer">Tab completes · Enter runs · Esc closes</div>
        </div>
      </div>
    </Show>
  );
}
