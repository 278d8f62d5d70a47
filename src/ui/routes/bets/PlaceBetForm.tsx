import { Show, createMemo, createSignal, type JSX } from 'solid-js';
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
import { useFieldSubmit } from '../../components/useFieldSubmit';
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
  let formEl!: HTMLFormElement;
  const { errors, setErrors, busy, submit } = useFieldSubmit<FieldErrors & { form?: string }>({
    action: async () => {
      const placed = await placeBet(draft());
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
      return '';
    },
    failed: (err) => (err instanceof BetDraftError ? err.errors : { form: errorMessage(err) }),
    // To the first field that needs fixing (or the form's message).
    onFailed: () => queueMicrotask(() => formEl.querySelector<HTMLElement>('[aria-invalid="true"], [data-form-error]')?.focus()),
  });
  /** An edited field's old message no longer describes it: drop it until the next submit. */
  const edit = (field: keyof FieldErrors, set: (v: string) => void) => (e: { currentTarget: HTMLInputElement }) => {
    set(e.currentTarget.value);
    if (errors()[field]) setErrors({ ...errors(), [field]: undefined });
  };
  /** One typed field: its label, the input (its id doubles as test id) and its error beside it. */
  const Field = (p: { id: string; field: keyof FieldErrors; value: string; set: (v: string) => void; placeholder?: string; decimal?: boolean; describedBy?: string; children: JSX.Element }) => (
    <>
      <label>
        {p.children}
        <input id={p.id} data-testid={p.id} inputmode={p.decimal ? 'decimal' : undefined} value={p.value} onInput={edit(p.field, p.set)} placeholder={p.placeholder} aria-invalid={errors()[p.field] ? 'true' : undefined} aria-describedby={p.describedBy ?? `${p.id}-error`} />
      </label>
      <FieldError id={p.id} message={errors()[p.field]} />
    </>
  );

  return (
    <form ref={formEl} class="form card place-bet" onSubmit={submit} novalidate aria-label="Place a bet" data-testid="place-bet-form">
      <h2>Place a bet</h2>
      <Field id="bet-task" field="task" value={task()} set={setTask} placeholder="e.g. Implement FailureCorpus">Task</Field>
      <div class="field-row">
        <div>
          <Field id="bet-hours" field="estimatedHours" value={estimate()} set={setEstimate} placeholder="4h" decimal>
            Estimate <span class="hint">hours: 4, 4h, 90m</span>
          </Field>
        </div>
        <div>
          <Field id="bet-confidence" field="confidence" value={confidence()} set={setConfidence} placeholder="75%" decimal describedBy="bet-confidence-understood bet-confidence-error">
            Confidence <span class="hint">75, 75% or 0.75</span>
          </Field>
        </div>
        <div>
          <Field id="bet-stake" field="stake" value={stake()} set={setStake} decimal>
            Stake <span class="hint">of {num(props.available)} free</span>
          </Field>
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
        <Field id="bet-range" field="quantiles" value={range()} set={setRange} placeholder="4h @ 50%, 6h @ 80%, 9h @ 95%">
          Points of your own distribution <span class="hint">each is scored for calibration</span>
        </Field>
      </details>
      <StakesPreview preview={preview()} credibility={props.credibility} rules={props.rules} />
      <Show when={errors().form}><p class="field-error" role="alert" tabindex="-1" data-form-error>{errors().form}</p></Show>
      <div>
        <button type="submit" disabled={busy()} data-testid="place-bet">Place bet</button>
      </div>
    </form>
  );
}

