import { For, Show, createSignal } from 'solid-js';
import { ACTIONS, personOnly, proposeAmendment, type ActionKind, type Constitution, type TrustLevel } from '../../../services/governance';
import { useFormSubmit } from '../../components/useFormSubmit';
import { AmendBettingRules, rulesOf, rulesText } from './AmendBettingRules';

type Kernel = Constitution['forgivenessKernel'];

function kernelParams(k: Kernel): [string, string] {
  switch (k.kind) {
    case 'exponential':
      return [String(k.halfLifeDays), ''];
    case 'weibull':
      return [String(k.k), String(k.lambdaDays)];
    case 'gamma':
      return [String(k.k), String(k.thetaDays)];
  }
}

function kernelOf(kind: string, a: string, b: string): Kernel {
  if (kind === 'weibull') return { kind, k: Number(a), lambdaDays: Number(b) };
  if (kind === 'gamma') return { kind, k: Number(a), thetaDays: Number(b) };
  return { kind: 'exponential', halfLifeDays: Number(a) };
}

/**
 * Amending the constitution: the draft becomes a new constitution naming the current one, and
 * it takes effect only after the chapel's pause (with a veto) and leaves a governance scar.
 * Every parameter offered here is enforced somewhere (decide, the chapel, slices, scars,
 * consent, settlement, principle health, the forecast); the slice and the secondary stewards
 * are not offered.
 */
export function AmendForm(props: { current: Constitution }) {
  const c = props.current;
  const [open, setOpen] = createSignal(false);
  const [trust, setTrust] = createSignal(String(c.trustLevel));
  const [eExtMax, setEExtMax] = createSignal(String(c.eExtMax));
  const [pause, setPause] = createSignal(String(c.minPauseMs));
  const [maxAuto, setMaxAuto] = createSignal(String(c.maxAutomatedPerSession));
  const [planDepth, setPlanDepth] = createSignal(String(c.maxPlanDepth));
  const [personal, setPersonal] = createSignal<readonly ActionKind[]>(personOnly(c));
  const [rules, setRules] = createSignal(rulesText(c.bettingRules));
  const [audit, setAudit] = createSignal(c.existentialAudit);
  const [auditSteps, setAuditSteps] = createSignal(String(c.auditMaxSteps));
  const [jitter, setJitter] = createSignal(String(c.jitterCorridor.maxPp));
  const [kind, setKind] = createSignal<string>(c.forgivenessKernel.kind);
  const [ka, setKa] = createSignal(kernelParams(c.forgivenessKernel)[0]);
  const [kb, setKb] = createSignal(kernelParams(c.forgivenessKernel)[1]);
  const [primary, setPrimary] = createSignal(c.answerableTo.primary.join(', '));
  const { error, saved: status, submit } = useFormSubmit(async (say) => {
    const changes: Partial<Constitution> = {
      trustLevel: Number(trust()) as TrustLevel,
      eExtMax: Number(eExtMax()),
      minPauseMs: Number(pause()),
      maxAutomatedPerSession: Number(maxAuto()),
      maxPlanDepth: Number(planDepth()),
      alwaysNeedsPerson: [...personal()],
      bettingRules: rulesOf(rules()),
      existentialAudit: audit(),
      auditMaxSteps: Number(auditSteps()),
      jitterCorridor: { maxPp: Number(jitter()) },
      forgivenessKernel: kernelOf(kind(), ka(), kb()),
      answerableTo: { ...c.answerableTo, primary: primary().split(',').map((s) => s.trim()).filter(Boolean) },
    };
    const amendment = await proposeAmendment(changes);
    say(`In the chapel: ${amendment.changed.join(', ')} will change after the pause unless vetoed.`);
    const outcome = await amendment.done;
    return outcome.ran ? `Adopted constitution ${amendment.next.id.slice(0, 12)}; a governance scar records the change.` : `Not adopted: ${outcome.reason}.`;
  });

  return (
    <div class="amend">
      <button class="ghost" aria-expanded={open()} data-testid="amend-toggle" onClick={() => setOpen(!open())}>
        {open() ? 'Close the amendment' : 'Propose an amendment'}
      </button>
      <Show when={open()}>
        <form class="form amend-form" onSubmit={submit} novalidate data-testid="amend-form">
          <label>
            Trust level <span class="hint">0 nothing · 1 read-only · 2 data transforms · 3 spec changes with rollback · 4 everything</span>
            <select data-testid="amend-trust" value={trust()} onChange={(e) => setTrust(e.currentTarget.value)}>
              {[0, 1, 2, 3, 4].map((n) => <option value={String(n)}>{n}</option>)}
            </select>
          </label>
          <div class="amend-grid">
            <label>Impact budget per slice<input inputmode="decimal" value={eExtMax()} onInput={(e) => setEExtMax(e.currentTarget.value)} /></label>
            <label>Chapel pause (ms)<input inputmode="numeric" data-testid="amend-pause" value={pause()} onInput={(e) => setPause(e.currentTarget.value)} /></label>
            <label>Automated per session<input inputmode="numeric" value={maxAuto()} onInput={(e) => setMaxAuto(e.currentTarget.value)} /></label>
            <label>Plan depth (automated steps in a row)<input inputmode="numeric" data-testid="amend-plan-depth" value={planDepth()} onInput={(e) => setPlanDepth(e.currentTarget.value)} /></label>
            <label>Jitter corridor (pp)<input inputmode="decimal" value={jitter()} onInput={(e) => setJitter(e.currentTarget.value)} /></label>
            <label>Audit steps per slice<input inputmode="numeric" value={auditSteps()} onInput={(e) => setAuditSteps(e.currentTarget.value)} /></label>
            <label>Primary stewards<input value={primary()} onInput={(e) => setPrimary(e.currentTarget.value)} /></label>
          </div>
          <label class="check"><input type="checkbox" checked={audit()} onChange={(e) => setAudit(e.currentTarget.checked)} /> Existential audit (no automated spec changes, few automated steps)</label>
          <fieldset class="amend-rules">
            <legend>Always needs a person, whatever the trust level</legend>
            <For each={Object.keys(ACTIONS) as ActionKind[]}>
              {(k) => (
                <label class="check">
                  <input
                    type="checkbox"
                    data-testid="amend-person-only"
                    data-action={k}
                    checked={personal().includes(k)}
                    onChange={(e) => setPersonal(e.currentTarget.checked ? [...personal(), k] : personal().filter((x) => x !== k))}
                  />{' '}
                  {k.replace(/_/g, ' ')}
                </label>
              )}
            </For>
          </fieldset>
          <AmendBettingRules values={rules()} set={(key, value) => setRules({ ...rules(), [key]: value })} />
          <div class="amend-grid">
            <label>
              Forgiveness kernel
              <select value={kind()} onChange={(e) => setKind(e.currentTarget.value)}>
                <option value="exponential">exponential</option>
                <option value="weibull">Weibull</option>
                <option value="gamma">Gamma</option>
              </select>
            </label>
            <label>{kind() === 'exponential' ? 'Half-life (days)' : 'Shape k'}<input inputmode="decimal" value={ka()} onInput={(e) => setKa(e.currentTarget.value)} /></label>
            <Show when={kind() !== 'exponential'}>
              <label>{kind() === 'weibull' ? 'Scale λ (days)' : 'Scale θ (days)'}<input inputmode="decimal" value={kb()} onInput={(e) => setKb(e.currentTarget.value)} /></label>
            </Show>
          </div>
          <Show when={error()}><p class="field-error" role="alert" data-testid="amend-error">{error()}</p></Show>
          <div><button type="submit" data-testid="amend-submit">Propose through the chapel</button></div>
        </form>
      </Show>
      <Show when={status()}><p role="status" class="small" data-testid="amend-status">{status()}</p></Show>
    </div>
  );
}
