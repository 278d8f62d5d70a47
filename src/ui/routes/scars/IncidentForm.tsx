import { Show, createSignal } from 'solid-js';
import { reportIncident, type ScarLocusKind } from '../../../services/scars';
import { useFormSubmit } from '../../components/useFormSubmit';

const KINDS: ScarLocusKind[] = ['area', 'principle', 'nudge', 'spec', 'bet', 'governance'];

/** A person reports a harm: it becomes a scar (manual-incident trigger) and a log entry. */
export function IncidentForm() {
  const [kind, setKind] = createSignal<ScarLocusKind>('area');
  const [ref, setRef] = createSignal('');
  const [severity, setSeverity] = createSignal('0.5');
  const [description, setDescription] = createSignal('');
  const { error, saved, submit } = useFormSubmit(async () => {
    const scar = await reportIncident({ kind: kind(), ref: ref(), severity: Number(severity()), description: description() });
    setRef('');
    setDescription('');
    return `Scar left at ${scar.locus.kind}: ${scar.locus.ref}. It stays until a restoration, and never vanishes.`;
  });
  return (
    <form class="form card" onSubmit={submit} novalidate data-testid="incident-form" aria-labelledby="incident-title">
      <h2 id="incident-title">Report an incident</h2>
      <div class="two">
        <label>
          Where
          <select value={kind()} onChange={(e) => setKind(e.currentTarget.value as ScarLocusKind)}>
            {KINDS.map((k) => <option value={k}>{k}</option>)}
          </select>
        </label>
        <label>
          Name <span class="hint">which {kind()}</span>
          <input data-testid="incident-ref" value={ref()} onInput={(e) => setRef(e.currentTarget.value)} placeholder="e.g. release process" />
        </label>
      </div>
      <label>
        Severity <span class="hint">{Number(severity()).toFixed(2)}: the weight while unresolved</span>
        <input type="range" min="0.05" max="1" step="0.05" value={severity()} onInput={(e) => setSeverity(e.currentTarget.value)} data-testid="incident-severity" />
      </label>
      <label>
        What happened
        <textarea rows="2" data-testid="incident-description" value={description()} onInput={(e) => setDescription(e.currentTarget.value)} />
      </label>
      <Show when={error()}><p class="field-error" role="alert">{error()}</p></Show>
      <div><button type="submit" data-testid="report-incident">Leave a scar</button></div>
      <Show when={saved()}><p role="status" class="muted small" data-testid="incident-saved">{saved()}</p></Show>
    </form>
  );
}
