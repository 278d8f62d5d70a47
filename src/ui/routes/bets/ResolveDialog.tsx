import { Show, createMemo, createSignal, onMount } from 'solid-js';
import {
  type BettingRules,
  BetAlreadyResolvedError,
  correctBet,
  messageAtField,
  previewResolution,
  resolveBet,
  type Bet,
  type ResolvedBet,
} from '../../../services/bets';
import { closingWords } from '../../../services/specs/closeTask';
import { errorMessage } from '../../components/errorMessage';
import { hours, hoursInput, num, signed } from './betFormat';

export interface ResolveRequest {
  bet: Bet;
  /** Hours on the bet's timer, to prefill; 0 when it never ran. */
  hoursOnClock: number;
  /** A resolved bet is never edited: "correct" records a correction event instead. */
  mode: 'resolve' | 'correct';
}

/** Resolving (or correcting) one bet: actual hours, completed or abandoned, and what that will do. */
export function ResolveDialog(props: { request: ResolveRequest; credibility: number; rules: BettingRules | undefined; onClose: () => void; onDone: (message: string) => void }) {
  let dialog!: HTMLDialogElement;
  const bet = () => props.request.bet;
  const [actual, setActual] = createSignal(
    props.request.mode === 'correct' ? hoursInput(bet().actualHours ?? 0) : hoursInput(props.request.hoursOnClock),
  );
  const [completed, setCompleted] = createSignal(props.request.mode === 'correct' ? bet().completed !== false : true);
  const [fieldError, setFieldError] = createSignal('');
  const [formError, setFormError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  onMount(() => dialog.showModal());
  const preview = createMemo(() =>
    props.request.mode === 'resolve' ? previewResolution(bet(), { actualHours: actual(), completed: completed() }, props.credibility, props.rules) : undefined,
  );

  const submit = async (e: Event) => {
    e.preventDefault();
    setFieldError('');
    setFormError('');
    setBusy(true);
    try {
      const outcome = { actualHours: actual(), completed: completed() };
      const done: ResolvedBet = props.request.mode === 'resolve' ? await resolveBet(bet().id, outcome) : await correctBet(bet().id, outcome);
      const s = done.settlement;
      props.onDone(
        `${props.request.mode === 'resolve' ? 'Resolved' : 'Corrected'} “${bet().task}”: ${s.outcome}${s.bullshit ? ' (bullshit)' : ''}, ${signed(s.tokensDelta)} tokens, credibility ${num(s.credibilityBefore)} → ${num(s.credibilityAfter)}.` +
          (done.closeTask ? ` ${closingWords(done.closeTask)}` : ''),
      );
      dialog.close();
    } catch (err) {
      const field = (err as { field?: unknown }).field;
      if (field === 'actualHours') setFieldError(messageAtField({ field, message: errorMessage(err) }));
      else if (err instanceof BetAlreadyResolvedError) setFormError('This bet is already resolved (perhaps in another tab); nothing was changed. Use Correct on the resolved bet to fix its outcome.');
      else setFormError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} class="resolve-dialog" onClose={() => props.onClose()} aria-labelledby="resolve-title" data-testid="resolve-dialog">
      <form class="form" onSubmit={submit} novalidate>
        <h2 id="resolve-title">{props.request.mode === 'resolve' ? 'Resolve' : 'Correct'} “{bet().task}”</h2>
        <p class="muted small">
          Bet: {hours(bet().estimatedHours)} at {Math.round(bet().confidence * 1000) / 10}%, {num(bet().stake)} tokens at stake.
          <Show when={props.request.mode === 'correct'}> A correction is recorded as a new event; the original resolution stays in the record.</Show>
        </p>
        <label>
          Actual hours
          <span class="hint">
            <Show when={props.request.mode === 'resolve' && props.request.hoursOnClock > 0} fallback="e.g. 3.5h or 3h 30m">
              from the timer ({hours(props.request.hoursOnClock)}); change it if the clock missed something
            </Show>
          </span>
          <input data-testid="resolve-hours" value={actual()} onInput={(e) => setActual(e.currentTarget.value)} aria-invalid={fieldError() ? 'true' : undefined} aria-describedby="resolve-hours-error" autofocus />
        </label>
        <Show when={fieldError()}><p class="field-error" id="resolve-hours-error" role="alert" data-testid="error-resolve-hours">{fieldError()}</p></Show>
        <fieldset class="radio-row">
          <legend class="sr-only">Outcome</legend>
          <label><input type="radio" name="resolve-completed" checked={completed()} onChange={() => setCompleted(true)} data-testid="resolve-completed" /> Completed</label>
          <label><input type="radio" name="resolve-completed" checked={!completed()} onChange={() => setCompleted(false)} data-testid="resolve-abandoned" /> Abandoned</label>
        </fieldset>
        <Show when={preview()}>
          {(s) => (
            <p class="resolve-preview" data-testid="resolve-preview">
              That is a <strong class={s().hit ? 'pass' : 'fail'}>{s().outcome}</strong>
              <Show when={s().bullshit}> and <strong class="fail">bullshit</strong></Show>: {signed(s().tokensDelta)} tokens, credibility {num(s().credibilityBefore)} → {num(s().credibilityAfter)}.
            </p>
          )}
        </Show>
        <Show when={formError()}><p class="field-error" role="alert" data-testid="error-resolve">{formError()}</p></Show>
        <div class="dialog-actions">
          <button type="button" class="ghost" onClick={() => dialog.close()}>Cancel</button>
          <button type="submit" disabled={busy()} data-testid="resolve-submit">{props.request.mode === 'resolve' ? 'Resolve' : 'Record correction'}</button>
        </div>
      </form>
    </dialog>
  );
}
