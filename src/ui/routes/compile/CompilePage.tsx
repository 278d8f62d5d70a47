import { For, Match, Show, Switch, createSignal } from 'solid-js';
import { A, useNavigate, useParams } from '@solidjs/router';
import { compileTarget, createExampleSpec, type CompileProgress, type TargetView } from '../../../services/compile';
import { specs, type SpecMeta } from '../../../services/specs';
import { errorMessage } from '../../components/errorMessage';
import { useLive } from '../../components/useLive';
import { CompileCard } from './CompileCard';
import { EndpointCard } from './EndpointCard';
import { ProgressView } from './ProgressView';
import { ResultsCard } from './ResultsCard';
import './compile.css';

/** The compile loop for one spec: generator settings, N variations, ranked results, accept. */
export default function CompilePage() {
  const params = useParams<{ specId?: string }>();
  const navigate = useNavigate();
  const list = useLive(specs(), [] as SpecMeta[]);
  const [error, setError] = createSignal('');
  const spec = () => list().find((s) => s.id === params.specId);

  const example = async () => {
    setError('');
    try {
      const created = await createExampleSpec();
      navigate(`/compile/${created.id}`);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <section class="page compile-page">
      <div class="compile-head">
        <h1>Compile</h1>
        <A href="/time.trace.metacompiler.generations" data-testid="generations-link">Generations history</A>
      </div>
      <p class="muted">
        A spec with a <code>```ts target</code> block and <code>```ts test</code> blocks compiles into many variations; each runs against the
        tests in a sandbox without network, and every result becomes evidence for the learner.
      </p>
      <div class="compile-pick">
        <label class="inline-label">
          Spec
          <select data-testid="compile-spec" value={params.specId ?? ''} onChange={(e) => navigate(e.currentTarget.value ? `/compile/${e.currentTarget.value}` : '/compile')}>
            <option value="">Choose a spec…</option>
            <For each={list()}>{(s) => <option value={s.id}>{s.title}</option>}</For>
          </select>
        </label>
        <button type="button" class="ghost" data-testid="create-example" onClick={() => void example()}>
          New example: slugify
        </button>
        <Show when={error()}><p class="field-error" role="alert">{error()}</p></Show>
      </div>
      <Show when={spec()?.id} keyed fallback={<p class="empty-state">Choose a spec to compile, or start from the slugify example.</p>}>
        {(id) => {
          const [progress, setProgress] = createSignal<CompileProgress | undefined>();
          return (
            <>
              <TargetLine specId={id} />
              <div class="compile-grid">
                <div class="compile-col">
                  <EndpointCard />
                  <CompileCard specId={id} onProgress={setProgress} />
                </div>
                <div class="compile-col">
                  <Show when={progress()}>
                    {(p) => (
                      <section class="card" aria-label="Progress">
                        <ProgressView progress={p()} />
                      </section>
                    )}
                  </Show>
                  <ResultsCard specId={id} />
                </div>
              </div>
            </>
          );
        }}
      </Show>
    </section>
  );
}

function TargetLine(props: { specId: string }) {
  const view = useLive<TargetView>(compileTarget(props.specId), { ok: undefined });
  return (
    <p class="target-line" data-testid="target-line">
      <Switch>
        <Match when={view().ok === true && view()}>
          {(v) => {
            const t = v() as Extract<TargetView, { ok: true }>;
            return (
              <>
                Target <code>{t.functionName}()</code>, checked by {t.tests.length} test{t.tests.length === 1 ? '' : 's'}.{' '}
                <A href={`/specs/${props.specId}`}>Open the spec</A>
              </>
            );
          }}
        </Match>
        <Match when={view().ok === false && view()}>
          {(v) => (
            <span class="field-error">
              {(v() as Extract<TargetView, { ok: false }>).error}. <A href={`/specs/${props.specId}`}>Open the spec</A>
            </span>
          )}
        </Match>
      </Switch>
    </p>
  );
}
