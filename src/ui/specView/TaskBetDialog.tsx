import { Show, createSignal, onMount } from 'solid-js';
import { taskTitle } from '../../domain/spec/format';
import type { BetToken, Task } from '../../services/specs/view';
import { hoursOnTimer, placeBetOnTask, resolveTaskBet } from '../../services/specs/taskBets';
import { BetDraftError, type FieldErrors } from '../../services/bets';
import { closingWords } from '../../services/specs/closeTask';
import { errorMessage } from '../components/errorMessage';
import { Modal } from './Modal';

export type TaskBetRequest =
  | { mode: 'place'; task: Task; text: string }
  | { mode: 'resolve'; betId: string; title: string; token: BetToken };

/** Placing a bet from a task line, or resolving the task's bet once it is checked. */
export function TaskBetDialog(props: { specId: string; request: TaskBetRequest; onClose: () => void }) {
  return props.request.mode === 'place' ? (
    <PlaceBet specId={props.specId} task={props.request.task} text={props.request.text} onClose={props.onClose} />
  ) : (
    <ResolveBet specId={props.specId} betId={props.request.betId} title={props.request.title} onClose={props.onClose} />
  );
}

function Field(props: { label: string; name: string; value: string; onInput: (v: string) => void; error?: string | undefined; hint?: string }) {
  const id = `bet-${props.name}`;
  return (
    <label class="sv-field" for={id}>
      <span>{props.label}</span>
      <input id={id} name={props.name} value={props.value} onInput={(e) => props.onInput(e.currentTarget.value)} aria-invalid={props.error ? 'true' : undefined} />
      <Show when={props.error} fallback={props.hint ? <small class="muted">{props.hint}</small> : null}>
        <small class="field-error">{props.error}</small>
      </Show>
    </label>
  );
}

function PlaceBet(props: { specId: string; task: Task; text: string; onClose: () => void }) {
  const [hours, setHours] = createSignal('');
  const [confidence, setConfidence] = createSignal('75%');
  const [stake, setStake] = createSignal('10');
  const [principles, setPrinciples] = createSignal('');
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [error, setError] = createSignal('');
  const submit = async (e: Event) => {
    e.preventDefault();
    setErrors({});
    setError('');
    try {
      const cited = principles().split(',').map((p) => p.trim()).filter(Boolean);
      await placeBetOnTask(props.specId, { line: props.task.line, text: props.task.text }, { estimatedHours: hours(), confidence: confidence(), stake: stake(), principles: cited }, props.text);
      props.onClose();
    } catch (err) {
      if (err instanceof BetDraftError) setErrors(err.errors);
      else setError(errorMessage(err));
    }
  };
  return (
    <Modal title={`Bet on “${taskTitle(props.task) || props.task.text}”`} onClose={props.onClose} testId="place-bet-dialog">
      <form class="sv-stack" onSubmit={submit} novalidate>
        <Field label="Estimate" name="hours" value={hours()} onInput={setHours} error={errors().estimatedHours} hint="e.g. 4h, 90m, 1h 30m" />
        <Field label="Confidence it takes at most that" name="confidence" value={confidence()} onInput={setConfidence} error={errors().confidence} />
        <Field label="Stake (focus tokens)" name="stake" value={stake()} onInput={setStake} error={errors().stake} />
        <Field label="Principles you rely on (comma-separated)" name="principles" value={principles()} onInput={setPrinciples} />
        <Show when={error()}><p class="field-error" role="alert">{error()}</p></Show>
        <div class="sv-row-end">
          <button type="button" class="ghost" onClick={() => props.onClose()}>Cancel</button>
          <button type="submit">Place bet</button>
        </div>
      </form>
    </Modal>
  );
}

function ResolveBet(props: { specId: string; betId: string; title: string; onClose: () => void }) {
  const [actual, setActual] = createSignal('');
  const [completed, setCompleted] = createSignal(true);
  const [error, setError] = createSignal('');
  /** What became of closing the task, when resolving proposed it (the dialog stays to say so). */
  const [closing, setClosing] = createSignal('');
  onMount(async () => {
    try {
      const h = await hoursOnTimer(props.betId);
      if (h > 0 && !actual()) setActual(String(Math.round(h * 100) / 100));
    } catch {
      // no timer for this bet (or it runs in another tab): the person types the hours
    }
  });
  const submit = async (e: Event) => {
    e.preventDefault();
    setError('');
    try {
      const { closeTask } = await resolveTaskBet(props.specId, props.betId, { actualHours: actual(), completed: completed() });
      if (closeTask) setClosing(closingWords(closeTask));
      else props.onClose();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Modal title={`Resolve the bet on “${props.title}”`} onClose={props.onClose} testId="resolve-bet-dialog">
      <form class="sv-stack" onSubmit={submit} novalidate>
        <Field label="Actual hours" name="actual" value={actual()} onInput={setActual} hint="From the bet's timer when it ran; correct it if needed." />
        <label class="sv-check">
          <input type="checkbox" checked={completed()} onChange={(e) => setCompleted(e.currentTarget.checked)} /> Completed (untick if abandoned)
        </label>
        <Show when={error()}><p class="field-error" role="alert">{error()}</p></Show>
        <Show
          when={closing()}
          fallback={
            <div class="sv-row-end">
              <button type="button" class="ghost" onClick={() => props.onClose()}>Later</button>
              <button type="submit">Resolve</button>
            </div>
          }
        >
          <p role="status" data-testid="task-closing">Resolved. {closing()}</p>
          <div class="sv-row-end">
            <button type="button" onClick={() => props.onClose()}>Done</button>
          </div>
        </Show>
      </form>
    </Modal>
  );
}
