import { For, Show } from 'solid-js';
import type { RankedCandidate } from './CandidateTable';

/** One candidate's code and everything that went wrong with it. */
export function CandidateDetail(props: { candidate: RankedCandidate }) {
  const c = () => props.candidate;
  return (
    <section class="candidate-detail" data-testid="candidate-detail" aria-label={`Candidate ${c().index}`}>
      <h3>
        Candidate #{c().index} <span class={`badge ${c().passed ? 'good' : 'bad'}`}>{c().passed ? 'passed' : 'failed'}</span>
      </h3>
      <Show when={c().code} fallback={<p class="muted">The reply had no code.</p>}>
        <pre class="code-block" data-testid="candidate-code">{c().code}</pre>
      </Show>
      <Show when={c().errors.length + c().testFailures.length + c().typeErrors.length > 0}>
        <ul class="problems" data-testid="candidate-problems">
          <For each={c().errors}>{(e) => <li>{e}</li>}</For>
          <For each={c().testFailures}>
            {(f) => (
              <li>
                <strong>{f.name}</strong>: {f.message}
              </li>
            )}
          </For>
          <For each={c().typeErrors}>{(t) => <li>{t.line ? `line ${t.line}: ` : ''}{t.message}</li>}</For>
        </ul>
      </Show>
    </section>
  );
}
