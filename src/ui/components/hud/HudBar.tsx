import { A } from '@solidjs/router';
import { Show, onMount } from 'solid-js';
import { hud, startGovernance, type HudView } from '../../../services/governance';
import { useLive } from '../useLive';
import { ChapelOverlay } from './ChapelOverlay';
import { TONE_WORDS, proofTone, shortRoot, trustTone, vetoTone } from './tones';
import './hud.css';

/** The compact HUD under the header on every page; the full one is on the Governance page. */
export function HudBar() {
  onMount(() => void startGovernance().catch((err: unknown) => console.error('governance start-up failed', err)));
  const view = useLive<HudView | undefined>(hud(), undefined);
  return (
    <>
      <Show when={view()}>
        {(v) => (
          <A href="/governance" class="hud-bar" data-testid="hud" aria-label="Governance HUD: open the Governance page">
            <span class="hud-chip" data-tone={vetoTone(v().veto)} data-testid="hud-veto">
              <span class="dot" aria-hidden="true" />Veto <strong>{v().veto.fuse}</strong> · E {v().veto.eExt}/{v().veto.eExtMax}
            </span>
            <span class="hud-chip" data-tone={trustTone(v().trust)} data-testid="hud-trust">
              <span class="dot" aria-hidden="true" />Trust <strong>L{v().trust.level}</strong>
              <Show when={v().trust.tone}>{(t) => <> · {TONE_WORDS[t()]}</>}</Show>
            </span>
            <span class="hud-chip" data-tone={proofTone(v().proof)} data-testid="hud-proof" data-state={v().proof.state}>
              <span class="dot" aria-hidden="true" />Proof <strong>{v().proof.size}</strong> · {shortRoot(v().proof.head?.root)}
              {v().proof.state === 'red' ? ' · mismatch' : v().proof.state === 'green' ? ' · verified' : ' · unverified'}
            </span>
            <span class="hud-chip hud-mode" data-testid="hud-mode">{v().mode.mode}</span>
          </A>
        )}
      </Show>
      <ChapelOverlay />
    </>
  );
}
