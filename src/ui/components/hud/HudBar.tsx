import { A } from '@solidjs/router';
import { Show, createSignal, onMount, type JSX } from 'solid-js';
// Not the governance barrel: on every page, the HUD would bring everything it re-exports
// (spec documents, Markdown, consent) into the core every page loads.
import { hud, type HudView } from '../../../services/governance/hud';
import { startGovernance } from '../../../services/governance/startup';
import { useLive } from '../useLive';
import { ChapelOverlay } from './ChapelOverlay';
import { explainHud, trustChipWords } from './explain';
import { proofTone, shortRoot, trustTone, vetoTone } from './tones';
import './hud.css';

/**
 * One HUD chip: a link to the Governance page whose name is its visible text, and whose
 * explanation in words shows on hover and on keyboard focus (and is its description for
 * screen readers). Escape hides the explanation without moving focus.
 */
function HudChip(props: { id: string; href?: string; tone?: string; testid: string; state?: string; tip: string; class?: string; children: JSX.Element }) {
  const [dismissed, setDismissed] = createSignal(false);
  const tipId = `hud-tip-${props.id}`;
  return (
    <span class="hud-item" classList={{ dismissed: dismissed() }} onMouseLeave={() => setDismissed(false)}>
      <A
        href={props.href ?? '/governance'}
        class={`hud-chip ${props.class ?? ''}`}
        data-tone={props.tone}
        data-testid={props.testid}
        data-state={props.state}
        aria-describedby={tipId}
        onKeyDown={(e) => e.key === 'Escape' && setDismissed(true)}
        onBlur={() => setDismissed(false)}
      >
        {props.children}
      </A>
      <span role="tooltip" id={tipId} class="hud-tip" data-testid={`${props.testid}-tip`}>{props.tip}</span>
    </span>
  );
}

/** The compact HUD under the header on every page; the full one is on the Governance page. */
export function HudBar() {
  onMount(() => void startGovernance().catch((err: unknown) => console.error('governance start-up failed', err)));
  const view = useLive<HudView | undefined>(hud(), undefined);
  return (
    <>
      <Show when={view()}>
        {(v) => {
          const words = () => explainHud(v());
          return (
            <div class="hud-bar" role="region" aria-label="Governance status" data-testid="hud">
              <HudChip id="veto" tone={vetoTone(v().veto)} testid="hud-veto" tip={words().veto}>
                <span class="dot" aria-hidden="true" />Veto <strong>{v().veto.fuse}</strong> · E {v().veto.eExt}/{v().veto.eExtMax}
              </HudChip>
              <HudChip id="trust" tone={trustTone(v().trust)} testid="hud-trust" tip={words().trust}>
                <span class="dot" aria-hidden="true" />Trust <strong>L{v().trust.level}</strong>
                <Show when={trustChipWords(v().trust)}>{(w) => <> · {w()}</>}</Show>
              </HudChip>
              <HudChip id="proof" tone={proofTone(v().proof)} testid="hud-proof" state={v().proof.state} tip={words().proof}>
                <span class="dot" aria-hidden="true" />Proof <strong>{v().proof.size}</strong> · {shortRoot(v().proof.head?.root)}
                {v().proof.state === 'red' ? ' · mismatch' : v().proof.state === 'green' ? ' · verified' : ' · unverified'}
              </HudChip>
              <Show when={v().trust.consent.open > 0}>
                <HudChip id="consent" tone={v().trust.consent.waitingFor.length ? 'warn' : 'good'} testid="hud-consent" tip={words().consent}
                  href={v().trust.consent.specId ? `/specs/${v().trust.consent.specId}` : '/governance'}>
                  <span class="dot" aria-hidden="true" />Consent <strong>{v().trust.consent.open}</strong>
                  {v().trust.consent.waitingFor.length ? ` · waiting for ${v().trust.consent.waitingFor.join(', ')}` : ' · all consent'}
                </HudChip>
              </Show>
              <HudChip id="mode" testid="hud-mode" class="hud-mode" tip={words().mode}>
                {v().mode.mode}
              </HudChip>
            </div>
          );
        }}
      </Show>
      <ChapelOverlay />
    </>
  );
}
