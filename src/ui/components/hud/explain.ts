import type { HudView } from '../../../services/governance';

/** What automation may do on its own at each trust level (DOMAIN.md section 4). */
export const TRUST_LEVEL_WORDS = [
  'nothing on its own: every automated action waits for your approval',
  'read-only introspection on its own; anything that changes data waits for your approval',
  'pure data transforms on its own (refitting priors); changes to specs wait for your approval',
  'changes to specs on its own (injecting priors, closing tasks), each with one-click rollback',
  'everything on its own',
] as const;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The short words on the trust chip after the level: what the scars say, never alarm by colour alone. */
export function trustChipWords(t: HudView['trust']): string | null {
  if (t.unresolvedScars > 0) return `${plural(t.unresolvedScars, 'scar')} open`;
  if (t.tone === 'vigilance') return 'vigilance';
  if (t.tone === 'earned_forgiveness') return 'scars fading';
  return null;
}

/** Each HUD chip explained in words, from the same view the chip shows. */
export function explainHud(v: HudView): { veto: string; trust: string; proof: string; consent: string; mode: string } {
  const { veto, trust, proof, mode } = v;
  const fuse =
    veto.fuse === 'tripped'
      ? 'Veto fuse tripped: a veto fired, so high-hazard automation stays blocked until a person resets the fuse on the Governance page.'
      : veto.fuse === 'strained'
        ? 'Veto fuse strained: a veto fired in this slice, or automation has used more than 80% of its impact budget.'
        : 'Veto ok: no veto has fired in this slice, so automation may act within its bounds.';
  const budget = `E ${veto.eExt}/${veto.eExtMax}: automated actions have used ${veto.eExt} of the ${veto.eExtMax} units of external impact this slice allows; an action that would go past it first waits in the chapel, where you can veto it.`;
  const scars =
    trust.unresolvedScars > 0
      ? ` ${plural(trust.unresolvedScars, 'scar is', 'scars are')} not yet restored: a record of a harm, not an error. Record a restoration on the Scars page once it is repaired, and it starts to fade.`
      : trust.tone === 'vigilance'
        ? ' Restored scars still weigh enough to keep watch (vigilance).'
        : trust.tone === 'earned_forgiveness'
          ? ' Every scar is restored and fading.'
          : ' No scars.';
  const credibility = trust.credibility === null ? '' : ` Your credibility from resolved bets is ${Math.round(trust.credibility * 100)}%.`;
  const proofWords =
    proof.state === 'green'
      ? `Proof ${proof.size}: the log holds ${plural(proof.size, 'governed event')}. Its Merkle root begins ${proof.head?.root.slice(0, 8) ?? '—'}, signed on this device, and recomputing the whole log matched it (verified).`
      : proof.state === 'red'
        ? `Proof ${proof.size}: mismatch. Recomputing the log does not give the signed root, so an entry was changed or lost; the Log page names it.`
        : `Proof ${proof.size}: the log holds ${plural(proof.size, 'governed event')}; its check against the signed root has not finished yet.`;
  const consent =
    trust.consent.waitingFor.length > 0
      ? `${plural(trust.consent.open, 'automated change')} to a shared spec ${trust.consent.open === 1 ? 'waits' : 'wait'} for ${trust.consent.waitingFor.join(', ')} to consent. Silence never consents: each steward answers on the spec, signed by their own device.`
      : `${plural(trust.consent.open, 'automated change')} to a shared spec: every steward has consented; the proposer's device makes the change.`;
  return {
    veto: `${fuse} ${budget}`,
    consent,
    trust: `Trust L${trust.level}: automation may do ${TRUST_LEVEL_WORDS[trust.level]}.${scars}${credibility}`,
    proof: proofWords,
    mode: `${mode.mode}: what the app is doing now (${mode.reason}). It can move to ${mode.directions.join(', ') || 'nothing else'} from here.`,
  };
}
