import { Show, createMemo, createSignal } from 'solid-js';
import {
  type BettingRules,
  BetDraftError,
  knownPrinciples,
  placeBet,
  previewDraft,
  suggestPrinciples,
  understoodConfidence,
  type BetDraft,
  type FieldErrors,
} from '../../../services/bets';
import { useLive } from '../../components/useLive';
import { TagInput } from '../../components/TagInput';
import { errorMessage } from '../../components/errorMessage';
import { StakesPreview } from './StakesPreview';
import { num } from './betFormat';

function FieldError(props: { id: string; message: string | undefined }) {
  return (
    <Show when={props.message}>
      <p class="field-error" id={`${props.id}-error`} role="alert" data-testid={`error-${props.id}`}>{props.message}</p>
    </Show>
  );
}

/** Placing a bet: typed text is read by the domain, and the stakes show before anything is risked. */
export function PlaceBetForm(props: { credibility: number; rules: BettingRules; available: number; onPlaced: (message: string) => void }) {
  const usage = useLive(knownPrinciples(), new Map<string, number>());
  const [task, setTask] = createSignal('');
  const [estimate, setEstimate] = createSignal('');
  const [confidence, setConfidence] = createSignal('');
  const [stake, setStake] = createSignal('10');
  const [principles, setPrinciples] = createSignal<string[]>([]);
  const [principleDraft, setPrincipleDraft] = createSignal('');
  const [context, setContext] = createSignal<string[]>([]);
  const [contextDraft, setContextDraft] = createSignal('');
  const [range, setRange] = createSignal('');
  const [errors, setErrors] = createSignal<FieldErrors & { form?: string }>({});
  const [busy, setBusy] = createSignal(false);

  const draft = (): BetDraft => ({
    task: task(),
    estimatedHours: estimate(),
    confidence: confidence(),
    stake: stake(),
    // Text left in a tag box counts: people press "Place bet" without pressing Enter first.
    principles: principleDraft().trim() ? [...principles(), principleDraft()] : principles(),
    context: contextDraft().trim() ? [...context(), contextDraft()] : context(),
    quantiles: range(),
  });
  const preview = createMemo(() => previewDraft(draft(), props.credibility, props.rules));
  const understood = createMemo(() => understoodConfidence(confidence()));
  const suggestions = createMemo(() => suggestPrinciples(principleDraft(), usage(), 12));
  const invalid = (f: keyof FieldErrors) => (errors()[f] ? 'true' : undefined);
  /** An edited field's old message no longer describes it: drop it until the next submit. */
  const edit = (field: keyof FieldErrors, set: (v: string) => void) => (e: { currentTarget: HTMLInputElement }) => {
    set(e.currentTarget.value);
    if (errors()[field]) setErrors({ ...errors(), [field]: undefined });
  };

  let formEl!: HTMLFormElement;
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const placed = await placeBet(draft());
      setErrors({});
      setTask('');
      setEstimate('');
      setConfidence('');
      setPrinciples([]);
      setPrincipleDraft('');
      setContext([]);
      setContextDraft('');
      setRange('');
      // Ready for the next bet: the button was disabled while placing, which dropped focus to the page.
      queueMicrotask(() => document.getElementById('bet-task')?.focus());
      props.onPlaced(`Placed “${placed.bet.task}”: ${num(placed.bet.estimatedHours)}h at ${Math.round(placed.bet.confidence * 100)}%, ${num(placed.bet.stake)} tokens at stake.`);
    } catch (err) {
      setErrors(err instanceof BetDraftError ? err.errors : { form: errorMessage(err) });
      // To the first field that needs fixing (or the form's message).
      queueMicrotask(() => formEl.querySelector<HTMLElement>('[aria-invalid="true"], [data-form-error]')?.focus());
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formEl} class="form card place-bet" onSubmit={submit} novalidate aria-label="Place a bet" data-testid="place-bet-form">
      <h2>Place a bet</h2>
      <label>
        Task
        <input id="bet-task" data-testid="bet-task" value={task()} onInput={edit('task', setTask)} placeholder="e.g. Implement FailureCorpus" aria-invalid={invalid('task')} aria-describedby="bet-task-error" />
      </label>
      <FieldError id="bet-task" message={errors().task} />
      <div class="field-row">
        <div>
          <label>
            Estimate <span class="hint">hours: 4, 4h, 90m</span>
            <input id="bet-hours" data-testid="bet-hours" inputmode="decimal" value={estimate()} onInput={edit('estimatedHours', setEstimate)} placeholder="4h" aria-invalid={invalid('estimatedHours')} aria-describedby="bet-hours-error" />
          </label>
          <FieldError id="bet-hours" message={errors().estimatedHours} />
        </div>
        <div>
          <label>
            Confidence <span class="hint">75, 75% or 0.75</span>
            <input id="bet-confidence" data-testid="bet-confidence" inputmode="decimal" value={confidence()} onInput={edit('confidence', setConfidence)} placeholder="75%" aria-invalid={invalid('confidence')} aria-describedby="bet-confidence-understood bet-confidence-error" />
          </label>
          <FieldError id="bet-confidence" message={errors().confidence} />
        </div>
        <div>
          <label>
            Stake <span class="hint">of {num(props.available)} free</span>
            <input id="bet-stake" data-testid="bet-stake" inputmode="decimal" value={stake()} onInput={edit('stake', setStake)} aria-invalid={invalid('stake')} aria-describedby="bet-stake-error" />
          </label>
          <FieldError id="bet-stake" message={errors().stake} />
        </div>
      </div>
      <Show when={understood()}>
        <p class="understood small" id="bet-confidence-understood" data-testid="confidence-understood">Confidence understood as {understood()}</p>
      </Show>
      <label for="bet-principles">
        Principles cited <span class="hint">what makes you this sure; Enter or comma adds one</span>
      </label>
      <TagInput id="bet-principles" tags={principles()} onChange={setPrinciples} onDraft={setPrincipleDraft} suggestions={suggestions()} placeholder="e.g. depth over breadth" />
      <label for="bet-context">
        Context <span class="hint">optional: circumstances worth remembering</span>
      </label>
      <TagInput id="bet-context" tags={context()} onChange={setContext} onDraft={setContextDraft} placeholder="e.g. unfamiliar codebase" />
      <details class="range-bet" open={range() !== '' || !!errors().quantiles}>
        <summary>Range bet (optional)</summary>
        <label>
          Points of your own distribution <span class="hint">each is scored for calibration</span>
          <input id="bet-range" data-testid="bet-range" value={range()} onInput={edit('quantiles', setRange)} placeholder="4h @ 50%, 6h @ 80%, 9h @ 95%" aria-invalid={invalid('quantiles')} aria-describedby="bet-range-error" />
        </label>
        <FieldError id="bet-range" message={errors().quantiles} />
      </details>
      <StakesPreview preview={preview()} credibility={props.credibility} rules={props.rules} />
      <Show when={errors().form}><p class="field-error" role="alert" tabindex="-1" data-form-error>{errors().form}</p></Show>
      <div>
        <button type="submit" disabled={busy()} data-testid="place-bet">Place bet</button>
      </div>
    </form>
  );
}

