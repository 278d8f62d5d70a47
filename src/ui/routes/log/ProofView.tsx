import { For, Show, createResource } from 'solid-js';
import { proveInclusion } from '../../../services/log';
import { errorMessage } from '../../components/errorMessage';

/** The RFC 9162 audit path of one entry against the latest signed head, checked in the worker. */
export function ProofView(props: { seq: number }) {
  const [proof] = createResource(() => props.seq, (seq) => proveInclusion(seq));
  return (
    <div class="proof" data-testid="inclusion-proof">
      <Show when={!proof.loading} fallback={<p class="muted small">Computing the proof…</p>}>
        <Show when={!proof.error} fallback={<p class="field-error small">{errorMessage(proof.error)}</p>}>
          <Show when={proof()}>
            {(p) => (
              <>
                <p class="small" data-testid="proof-result">
                  <span class={`badge ${p().verified ? 'good' : 'bad'}`}>{p().verified ? 'included' : 'NOT included'}</span>{' '}
                  Entry {p().seq} in the signed tree of {p().size} entries, root <code>{p().root.slice(0, 16)}…</code>
                </p>
                <p class="small muted">Leaf hash (recomputed from the entry): <code>{p().leafHash}</code></p>
                <Show when={p().path.length > 0} fallback={<p class="small muted">A one-entry tree: the leaf is the root.</p>}>
                  <ol class="audit-path small">
                    <For each={p().path}>{(h) => <li><code>{h}</code></li>}</For>
                  </ol>
                </Show>
              </>
            )}
          </Show>
        </Show>
      </Show>
    </div>
  );
}
