import { LOG_KINDS, type LogKind } from '../ledger/logEntry';

/**
 * How the Log page groups the kinds of entry, and which are housekeeping: entries that record
 * the app's own book-keeping rather than a governed event a person would look for (hidden by
 * default, one click away).
 */
export const HOUSEKEEPING_KINDS: readonly LogKind[] = ['session_started'];

export const KIND_GROUPS: readonly { readonly name: string; readonly kinds: readonly LogKind[] }[] = [
  {
    name: 'Automation and the chapel',
    kinds: ['action_queued', 'approval', 'rejection', 'chapel_entered', 'pause_elapsed', 'veto', 'veto_checked', 'chapel_aborted', 'action_applied', 'action_rolled_back', 'fuse_reset'],
  },
  { name: 'Consent', kinds: ['proposal_opened', 'consent', 'consent_refused', 'proposal_applied'] },
  { name: 'Constitution', kinds: ['constitution'] },
  { name: 'Scars', kinds: ['scar', 'restoration'] },
  { name: 'Bets', kinds: ['bet_placed', 'bet_resolved', 'bet_corrected'] },
  { name: 'Evidence and priors', kinds: ['run_recorded', 'import', 'refit_recorded'] },
  { name: 'Housekeeping', kinds: HOUSEKEEPING_KINDS },
];

/** Every kind but housekeeping: what the Log page shows until asked for more. */
export const DEFAULT_LOG_KINDS: readonly LogKind[] = LOG_KINDS.filter((k) => !HOUSEKEEPING_KINDS.includes(k));

/** Kinds named in a URL parameter (`kinds=consent,veto`), unknown names dropped; null when none is known. */
export function parseKinds(text: string | undefined): LogKind[] | null {
  if (text === undefined) return null;
  const kinds = text.split(',').map((k) => k.trim()).filter((k): k is LogKind => (LOG_KINDS as readonly string[]).includes(k));
  return kinds.length > 0 ? kinds : null;
}
