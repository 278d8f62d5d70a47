import { Show, createEffect, createSignal, on } from 'solid-js';
import { compile, compileOptions, saveOptions, DEFAULT_OPTIONS, type CompileOptions, type CompileProgress } from '../../../services/compile';
import { nudges as liveNudges, type NudgeRow } from '../../../services/evidence';
import { errorMessage } from '../../components/errorMessage';
import { TagInput } from '../../components/TagInput';
import { useLive } from '../../components/useLive';

type NumberField = 'variations' | 'concurrency' | 'maxTokensPerVariation' | 'tokenBudget' | 'timeLimitMs';

const FIELDS: { key: NumberField; label: string; hint: string; min: number; max: number }[] = [
  { key: 'variations', label: 'Variations', hint: '1–100', min: 1, max: 100 },
  { key: 'concurrency', label: 'At once', hint: 'requests in flight', min: 1, max: 16 },
  { key: 'maxTokensPerVariation', label: 'Tokens per variation', hint: 'max_tokens', min: 16, max: 32768 },
  { key: 'tokenBudget', label: 'Token budget', hint: '0 = no limit', min: 0, max: 10_000_000 },
  { key: 'timeLimitMs', label: 'Time limit (ms)', hint: 'per candidate run', min: 100, max: 60_000 },
];

/** N variations of the spec's target with the nudges the learner chooses; cancel. Progress goes to the page. */
export function CompileCard(props: { specId: string; onProgress: (p: CompileProgress | undefined) => void }) {
  const stored = useLive<CompileOptions | undefined>(compileOptions(props.specId), undefined);
  const known = useLive(liveNudges(), [] as NudgeRow[]);
  const [values, setValues] = createSignal<CompileOptions>(DEFAULT_OPTIONS);
  const [draftNudge, setDraftNudge] = createSignal('');
  const setProgress = (p: CompileProgress | undefined) => props.onProgress(p);
  const [error, setError] = createSignal('');
  const [running, setRunning] = createSignal<AbortController | undefined>();
  // The stored options fill the form once, when they arrive, unless the person already typed.
  let dirty = false;
  let loaded = false;
  createEffect(
    on(stored, (s) => {
      if (!s || loaded) return;
      loaded = true;
      if (!dirty) setValues(s);
    }),
  );
  const update = (change: (v: CompileOptions) => CompileOptions) => {
    dirty = true;
    setValues(change);
  };
  const set = (key: NumberField, raw: string) => update((v) => ({ ...v, [key]: raw === '' ? NaN : Number(raw) }));

  const start = async (e: Event) => {
    e.preventDefault();
    setError('');
    setProgress(undefined);
    const controller = new AbortController();
    try {
      const pending = draftNudge().trim() ? [...values().nudges, draftNudge()] : values().nudges;
      setValues(await saveOptions(props.specId, { ...values(), nudges: pending }));
      setDraftNudge('');
      setRunning(controller);
      await compile(props.specId, { signal: controller.signal, onProgress: setProgress });
    } catch (err) {
      setError(errorMessage(err));
      setProgress(undefined);
    } finally {
      setRunning(undefined);
    }
  };

  return (
    <form class="form card" aria-labelledby="compile-title" data-testid="compile-form" novalidate onSubmit={(e) => void start(e)}>
      <h2 id="compile-title">Compile</h2>
      <div class="number-grid">
        {FIELDS.map((f) => (
          <label>
            {f.label} <span class="hint">{f.hint}</span>
            <input
              type="number"
              data-testid={`option-${f.key}`}
              min={f.min}
              max={f.max}
              value={Number.isNaN(values()[f.key]) ? '' : values()[f.key]}
              disabled={!!running()}
              onInput={(e) => set(f.key, e.currentTarget.value)}
            />
          </label>
        ))}
      </div>
      <label for="compile-nudges">
        Nudges to try <span class="hint">each variation's prompt carries those the learner draws for it</span>
      </label>
      <TagInput
        id="compile-nudges"
        tags={values().nudges}
        onChange={(nudges) => update((v) => ({ ...v, nudges }))}
        onDraft={setDraftNudge}
        suggestions={known().map((n) => n.label)}
        placeholder="e.g. Handle the empty input first"
      />
      <div class="button-row">
        <Show
          when={running()}
          fallback={
            <button type="submit" data-testid="start-compile">
              Compile {Number.isFinite(values().variations) ? values().variations : ''} variations
            </button>
          }
        >
          {(c) => (
            <button type="button" class="danger ghost" data-testid="cancel-compile" onClick={() => c().abort()}>
              Cancel
            </button>
          )}
        </Show>
      </div>
      <Show when={error()}>
        <p class="field-error" role="alert" data-testid="compile-error">{error()}</p>
      </Show>
    </form>
  );
}
