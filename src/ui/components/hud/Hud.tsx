import { Show } from 'solid-js';
import type { HudView } from '../../../services/governance';
import { formatTime, pct } from '../format';
import { Dial } from './Dial';
import { ModeMachine } from './ModeMachine';
import { TONE_WORDS, proofTone, shortRoot, trustTone, vetoTone } from './tones';
import './hud.css';

/** The full HUD: veto, trust and proof dials with every number spelled out, and the mode machine. */
export function Hud(props: { view: HudView }) {
  const v = () => props.view;
  const verified = () => v().proof.verification;
  return (
    <div class="hud-full" data-testid="hud-full">
      <Dial label="Veto" testid="dial-veto" tone={vetoTone(v().veto)} value={v().veto.eExt / v().veto.eExtMax} center={v().veto.fuse}>
        <p>Fuse <strong data-testid="fuse-state">{v().veto.fuse}</strong></p>
        <p>Budget used {v().veto.eExt} of {v().veto.eExtMax} (slice {v().veto.sliceIndex})</p>
        <p>Automated this session {v().veto.automatedThisSession} of {v().veto.maxAutomatedPerSession}</p>
        <Show when={v().veto.existentialAudit}><p class="warn-text">Existential audit: stricter bounds</p></Show>
      </Dial>
      <Dial label="Trust" testid="dial-trust" tone={trustTone(v().trust)} value={v().trust.level / 4} center={`L${v().trust.level}`}>
        <p>Trust level <strong>{v().trust.level}</strong> of 4</p>
        <p>Credibility {v().trust.credibility === null ? 'no bets yet' : pct(v().trust.credibility ?? 0)}</p>
        <p>
          Consent {v().trust.consent.open === 0 ? 'no shared proposals' : v().trust.consent.waitingFor.length === 0
            ? `${v().trust.consent.open} open, all stewards consent`
            : `waiting for ${v().trust.consent.waitingFor.join(', ')}`}
        </p>
        <p>Scar tone {v().trust.tone ? TONE_WORDS[v().trust.tone ?? ''] : 'no scars'}{v().trust.unresolvedScars ? ` (${v().trust.unresolvedScars} unresolved)` : ''}</p>
      </Dial>
      <Dial
        label="Proof"
        testid="dial-proof"
        tone={proofTone(v().proof)}
        value={v().proof.state === 'unverified' ? 0 : 1}
        center={v().proof.state === 'red' ? 'mismatch' : v().proof.state === 'green' ? 'verified' : '…'}
      >
        <p>Log size <strong>{v().proof.size}</strong>, signed {v().proof.head?.size ?? 0}</p>
        <p>Root <code>{shortRoot(v().proof.head?.root)}</code></p>
        <p data-testid="proof-verification">
          {verified() ? `${verified()?.ok ? 'Verified' : 'FAILED'} ${formatTime(verified()?.at ?? 0)}: ${verified()?.reason}` : 'Not verified yet'}
        </p>
      </Dial>
      <ModeMachine view={v().mode} />
    </div>
  );
}
