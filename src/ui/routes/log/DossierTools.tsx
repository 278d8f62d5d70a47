import { Show, createSignal } from 'solid-js';
import { DOSSIER_WINDOW, checkDossier, exportDossier, type DossierVerdict } from '../../../services/log';
import { download } from '../../components/download';
import { errorMessage } from '../../components/errorMessage';

/** Export a 16-entry incident dossier; import one from any device and say valid or exactly why not. */
export function DossierTools(props: { from: string; setFrom: (v: string) => void; scarId?: string }) {
  const [note, setNote] = createSignal('');
  const [exported, setExported] = createSignal('');
  const [verdict, setVerdict] = createSignal<DossierVerdict | null>(null);
  const [error, setError] = createSignal('');
  const doExport = async (e: Event) => {
    e.preventDefault();
    setError('');
    try {
      const window = props.scarId && props.from === '' ? { scarId: props.scarId } : { from: Number(props.from) };
      const { json, filename, dossier } = await exportDossier(window, note());
      download({ name: filename, bytes: json, type: 'application/json' });
      setExported(`Exported ${dossier.entries.length} entries: ${dossier.summary}`);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const check = async (text: string) => {
    setVerdict(null);
    setError('');
    try {
      setVerdict(await checkDossier(text));
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const onFile = async (e: Event) => {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    if (file) await check(await file.text());
  };
  return (
    <section class="card dossier" aria-labelledby="dossier-title" data-testid="dossier-tools">
      <h2 id="dossier-title">Incident dossier</h2>
      <form onSubmit={doExport}>
        <div class="automation-row">
          <label class="inline-label">
            {DOSSIER_WINDOW} entries from #
            <input data-testid="dossier-from" inputmode="numeric" size="8" value={props.from} onInput={(e) => props.setFrom(e.currentTarget.value)} />
          </label>
          <input aria-label="Summary" placeholder="What happened (optional)" value={note()} onInput={(e) => setNote(e.currentTarget.value)} />
          <button type="submit" data-testid="export-dossier">Export dossier</button>
        </div>
      </form>
      <Show when={exported()}><p class="small" role="status" data-testid="dossier-exported">{exported()}</p></Show>
      <div class="dossier-import">
        <label class="inline-label">
          Verify a dossier
          <input type="file" accept="application/json,.json" data-testid="dossier-file" onChange={(e) => void onFile(e)} />
        </label>
      </div>
      <Show when={verdict()}>
        {(v) => (
          <p role="status" class={`verdict ${v().valid ? 'ok' : 'bad'}`} data-testid="dossier-verdict" data-valid={String(v().valid)}>
            {v().valid
              ? `Valid: ${(v() as { entries: number }).entries} entries are in a signed log of ${(v() as { size: number }).size}, under the key included in the dossier.`
              : `Not valid: ${(v() as { reason: string }).reason}${(v() as { path?: string }).path ? ` (at ${(v() as { path?: string }).path})` : ''}.`}
          </p>
        )}
      </Show>
      <Show when={error()}><p class="field-error" role="alert">{error()}</p></Show>
    </section>
  );
}
