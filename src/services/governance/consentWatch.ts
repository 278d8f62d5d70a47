import { attachConsent } from './consentBoards';
import './sharedProposals'; // its hook publishes this device's roster record and applies consented proposals
import { watchSharedSpecIds } from './sharedSpecs';

const held = new Map<string, () => void>();

/** Keeps the consent channel of every spec this page shares attached (read, logged, acted on) while it is shared. */
export function watchSharedConsent(): () => void {
  return watchSharedSpecIds((ids) => {
    for (const id of ids) if (!held.has(id)) held.set(id, attachConsent(id));
    for (const [id, release] of held) {
      if (ids.has(id)) continue;
      release();
      held.delete(id);
    }
  });
}
