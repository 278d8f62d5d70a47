import { For, Show, createResource } from 'solid-js';
import { ETHICS_PATH, ethicsHeaderText, logTail } from '../../../services/log';
import { useLive } from '../../components/useLive';

type Header = { proofs: Record<string, unknown>; invariants_wired: Record<string, boolean> };

/**
 * The live ethics header: the same JSON the service worker serves at /.well-known, computed
 * from the store, with its proof handles (Merkle commitments, not zero-knowledge proofs).
 */
export function EthicsCard() {
  const tail = useLive(logTail(), { count: 0, lastSeq: null, lastAt: null });
  const [json] = createResource(() => tail().count, () => ethicsHeaderText());
  const header = () => (json() ? (JSON.parse(json() as string) as Header) : undefined);
  const handles = () => Object.entries(header()?.proofs ?? {}).filter(([, v]) => typeof v === 'boolean') as [string, boolean][];
  const download = () => {
    const url = URL.createObjectURL(new Blob([json() ?? ''], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'compiler_ethics.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <section class="card" data-testid="ethics" aria-labelledby="ethics-title">
      <h2 id="ethics-title">Ethics header</h2>
      <p class="muted small">
        Served live by the service worker at <a href={ETHICS_PATH} target="_blank" rel="noopener"><code>{ETHICS_PATH}</code></a>, also offline.
        Each proof handle is recomputed from the log and published with its signed root: Merkle commitments, not zero-knowledge proofs.
      </p>
      <Show when={header()} fallback={<p class="muted">Computing…</p>}>
        <ul class="handles" data-testid="proof-handles">
          <For each={handles()}>
            {([name, ok]) => (
              <li><span class={`badge ${ok ? 'good' : 'bad'}`}>{ok ? 'holds' : 'broken'}</span> {name.replace(/_/g, ' ')}</li>
            )}
          </For>
        </ul>
        <details>
          <summary>Show the JSON</summary>
          <pre class="json" data-testid="ethics-json">{json()}</pre>
        </details>
        <button class="ghost" data-testid="download-ethics" onClick={download}>Download compiler_ethics.json</button>
      </Show>
    </section>
  );
}
