import { For, Show, createSignal } from 'solid-js';
import { normaliseNudge, recordRun, nudges as liveNudges, type NudgeRow } from '../../../services/evidence';
import { specs, type SpecMeta } from '../../../services/specs';
import { useLive } from '../../components/useLive';
import { TagInput } from '../../components/TagInput';
import { errorMessage } from '../../components/errorMessage';
import { useFieldSubmit } from '../../components/useFieldSubmit';
import { ValidationError } from '../../../domain/errors';

type Field = 'spec' | 'nudges' | 'passed' | 'form';
type FieldErrors = Partial<Record<Field, string>>;

/** Maps a ValidationError's field ("nudges[2]", "spec") to the form field it belongs to. */
const OUTCOMES: readonly (readonly [boolean, string, string])[] = [
  [true, 'Passed', 'run-passed'],
  [false, 'Failed', 'run-failed'],
];

function fieldOf(err: unknown): keyof FieldErrors {
  const field = (err as { field?: string }).field ?? '';
  if (field.startsWith('nudge')) return 'nudges';
  if (field === 'spec' || field === 'specHash' || field === 'specId') return 'spec';
  if (field === 'passed') return 'passed';
  return 'form';
}

export function RecordRunForm() {
  const specList = useLive(specs(), [] as SpecMeta[]);
  const known = useLive(liveNudges(), [] as NudgeRow[]);
  const [spec, setSpec] = createSignal('');
  const [otherName, setOtherName] = createSignal('');
  const [tags, setTags] = createSignal<string[]>([]);
  const [draftTag, setDraftTag] = createSignal('');
  const [passed, setPassed] = createSignal<boolean | undefined>(undefined);
  const [errorText, setErrorText] = createSignal('');

  const pending = () => (draftTag() ? [...tags(), draftTag()] : tags());
  const specRef = () => (spec() === '__other' ? otherName() : spec());

  /**
   * Every required field that is missing or wrong, at once (recordRun stops at the first and
   * stays the backstop): the same ValidationError messages the service would give.
   */
  const check = (): FieldErrors => {
    const found: FieldErrors = {};
    if (!specRef().trim()) found.spec = new ValidationError('spec', 'choose the spec (or name the work) this run was for').message;
    const empty = pending().findIndex((label) => !normaliseNudge(label));
    if (empty >= 0) found.nudges = new ValidationError(`nudges[${empty + 1}]`, 'a nudge needs a name (this one is empty)').message;
    if (passed() === undefined) found.passed = new ValidationError('passed', 'say whether the run passed or failed').message;
    return found;
  };
  let formEl: HTMLFormElement | undefined;
  const focusFirstInvalid = () => formEl?.querySelector<HTMLElement>('[aria-invalid="true"] input, [aria-invalid="true"]:not(fieldset):not(.tag-input)')?.focus();
  // After a submit that showed errors, every change re-checks its field; before it, none nags.
  const [checked, setChecked] = createSignal(false);
  const { errors, setErrors, saved, busy, submit } = useFieldSubmit<FieldErrors>({
    check,
    onInvalid: () => {
      setChecked(true);
      queueMicrotask(focusFirstInvalid);
    },
    action: async () => {
      const run = await recordRun({
        spec: specRef(),
        nudges: pending(),
        passed: passed(),
        errorText: errorText(),
      });
      setChecked(false);
      setTags([]);
      setDraftTag('');
      setErrorText('');
      setPassed(undefined);
      return `Recorded a ${run.passed ? 'passing' : 'failing'} run with ${run.nudges.length} nudge${run.nudges.length === 1 ? '' : 's'}.`;
    },
    failed: (err) => ({ [fieldOf(err)]: errorMessage(err) }),
  });
  /** A field the person changed: checked again once a submit showed errors, never left stale. */
  const recheck = (field: Exclude<Field, 'form'>) => {
    if (!checked() && !errors()[field] && !errors().form) return;
    setErrors((prev) => ({ ...prev, form: undefined, [field]: check()[field] }));
  };

  return (
    <form ref={formEl} class="form card" onSubmit={submit} novalidate data-testid="record-run-form" aria-label="Record a run">
      <h2>Record a run</h2>
      <label>
        Spec
        <select
          data-testid="run-spec"
          value={spec()}
          onChange={(e) => {
            setSpec(e.currentTarget.value);
            recheck('spec');
          }}
          aria-invalid={errors().spec && spec() !== '__other' ? 'true' : undefined}
          aria-describedby="run-spec-error"
        >
          <option value="">Choose a spec…</option>
          <For each={specList()}>{(s) => <option value={s.id}>{s.title}</option>}</For>
          <option value="__other">Other work (type a name)…</option>
        </select>
      </label>
      <Show when={spec() === '__other'}>
        <label>
          Name of the work
          <input
            data-testid="run-spec-name"
            value={otherName()}
            onInput={(e) => {
              setOtherName(e.currentTarget.value);
              recheck('spec');
            }}
            placeholder="e.g. parser.py or TICKET-12"
            aria-invalid={errors().spec ? 'true' : undefined}
            aria-describedby="run-spec-error"
          />
        </label>
      </Show>
      <Show when={errors().spec}><p class="field-error" id="run-spec-error" role="alert" data-testid="error-spec">{errors().spec}</p></Show>

      <label for="run-nudges">
        Nudges applied <span class="hint">practices or prompt tweaks; Enter or comma adds one</span>
      </label>
      <TagInput
        id="run-nudges"
        tags={tags()}
        onChange={(next) => {
          setTags(next);
          recheck('nudges');
        }}
        onDraft={(text) => {
          setDraftTag(text);
          recheck('nudges');
        }}
        suggestions={known().map((n) => n.label)}
        placeholder="e.g. add type hints"
        invalid={!!errors().nudges}
        describedBy="run-nudges-error"
      />
      <Show when={errors().nudges}><p class="field-error" id="run-nudges-error" role="alert" data-testid="error-nudges">{errors().nudges}</p></Show>

      <fieldset class="radio-row" aria-invalid={errors().passed ? 'true' : undefined} aria-describedby="run-passed-error">
        <legend class="sr-only">Outcome</legend>
        <For each={OUTCOMES}>
          {([value, label, testId]) => (
            <label>
              <input
                type="radio"
                name="outcome"
                data-testid={testId}
                checked={passed() === value}
                onChange={() => {
                  setPassed(value);
                  recheck('passed');
                }}
                aria-invalid={errors().passed ? 'true' : undefined}
                aria-describedby="run-passed-error"
              />{' '}
              {label}
            </label>
          )}
        </For>
      </fieldset>
      <Show when={errors().passed}><p class="field-error" id="run-passed-error" role="alert" data-testid="error-passed">{errors().passed}</p></Show>

      <label>
        Errors <span class="hint">one message per line (optional)</span>
        <textarea rows="3" data-testid="run-errors" value={errorText()} onInput={(e) => setErrorText(e.currentTarget.value)} />
      </label>
      <Show when={errors().form}><p class="field-error" role="alert">{errors().form}</p></Show>
      <div>
        <button type="submit" disabled={busy()} data-testid="record-run">Record run</button>
      </div>
      <Show when={saved()}><p role="status" class="muted" data-testid="run-saved">{saved()}</p></Show>
    </form>
  );
}
