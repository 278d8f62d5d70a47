import { Show, createEffect, createMemo, createSignal, onCleanup } from 'solid-js';
import { analyseSpec, bindSpecView, type BetToken, type SpecAnalysis, type Task } from '../../services/specs/view';
import { setTaskChecked } from '../../services/specs/tasks';
import { errorMessage } from '../components/errorMessage';
import { Blocks } from './Blocks';
import type { RenderCtx } from './context';
import { blockAt, revealIn, sourceOffsetAt } from './pick';
import { TaskBetDialog, type TaskBetRequest } from './TaskBetDialog';
import './specView.css';

/**
 * The interactive surface of a spec: its Y.Text rendered from a Markdown tree with positions.
 * It keeps no copy of the text: it re-renders from the Y.Text after every change, and every
 * action (a checkbox, a bet, an updated pass rate) is an edit written back to the Y.Text.
 */
export function RenderedSpec(props: { specId: string; cursor?: number | undefined; onPick?: (offset: number) => void }) {
  const binding = bindSpecView(props.specId);
  const [text, setText] = createSignal<string | undefined>();
  const [error, setError] = createSignal('');
  const [betRequest, setBetRequest] = createSignal<TaskBetRequest | undefined>();
  let pane!: HTMLDivElement;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let lastCost = 0;
  let lastEnd = 0;
  const render = () => {
    pending = undefined;
    const started = performance.now();
    setText(binding.text());
    lastEnd = performance.now();
    lastCost = lastEnd - started;
  };
  void binding.whenLoaded.then(render);
  // Several transactions in one burst (typing, a remote batch) render once. A long spec takes
  // long to parse and draw: redrawn after every key, it would hold the main thread while a
  // person types, and the editor and the save indicator would wait behind it. So the page gets
  // at least twice the last drawing's time to itself between two drawings.
  const stop = binding.onChange(() => {
    if (pending === undefined) pending = setTimeout(render, Math.max(0, lastEnd + 2 * lastCost - performance.now()));
  });
  onCleanup(() => {
    clearTimeout(pending);
    stop();
    binding.release();
  });

  const doc = createMemo<SpecAnalysis | Error | undefined>(() => {
    const t = text();
    if (t === undefined) return undefined;
    try {
      return analyseSpec(t);
    } catch (e) {
      return e instanceof Error ? e : new Error(String(e));
    }
  });

  const toggle = async (task: Task, checked: boolean) => {
    setError('');
    try {
      const result = await setTaskChecked(props.specId, { line: task.line, text: task.text }, checked);
      const bet: BetToken | undefined = result.bet;
      if (checked && bet?.id && !bet.outcome) setBetRequest({ mode: 'resolve', betId: bet.id, title: result.title, token: bet });
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const ctx = (d: SpecAnalysis): RenderCtx => ({
    specId: props.specId,
    doc: d,
    onTaskToggle: (task, checked) => void toggle(task, checked),
    onTaskMenu: (task) => setBetRequest({ mode: 'place', task, text: d.text }),
  });

  // The block holding the editor's cursor is highlighted, and kept in sight.
  createEffect(() => {
    doc();
    const pos = props.cursor;
    pane.querySelectorAll('.cursor-block').forEach((el) => el.classList.remove('cursor-block'));
    if (pos === undefined) return;
    const el = blockAt(pane, pos);
    if (!el) return;
    el.classList.add('cursor-block');
    revealIn(pane, el);
  });

  const click = (e: MouseEvent) => {
    if (window.getSelection()?.toString()) return; // the person is selecting text to copy
    const at = sourceOffsetAt(e);
    if (at !== undefined) props.onPick?.(at);
  };

  return (
    <div class="rendered-spec" ref={pane} data-testid="rendered-spec" onClick={click} aria-label="Rendered spec">
      <Show when={error()}>
        <p class="field-error" role="alert">{error()}</p>
      </Show>
      {/* Keyed: every new version of the text renders afresh from its new tree. */}
      <Show when={doc()} keyed fallback={<p class="muted">Loading…</p>}>
        {(v) =>
          v instanceof Error ? (
            <pre class="render-failed" title={`Could not render: ${v.message}`}>{text()}</pre>
          ) : (
            <Blocks nodes={v.root.children} ctx={ctx(v)} />
          )
        }
      </Show>
      <Show when={betRequest()}>{(r) => <TaskBetDialog specId={props.specId} request={r()} onClose={() => setBetRequest(undefined)} />}</Show>
    </div>
  );
}
