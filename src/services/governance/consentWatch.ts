import { attachShared } from './sharedProposals';
import { watchSharedSpecIds, type ShareSource } from './sharedSpecs';

const held = new Map<string, () => void>();
let watching = false;

/**
 * Keeps the consent channel of every spec this page shares attached (read, logged, acted on)
 * while it is shared, once per page. Started by the spec workspace, where sharing starts: it
 * loads spec documents (Yjs), which the start-up of every page does not.
 */
export function watchSharedConsent(source: ShareSource): void {
  if (watching) return;
  watching = true;
  watchSharedSpecIds(source, (ids) => {
    for (const id of ids) if (!held.has(id)) held.set(id, attachShared(id));
    for (const [id, release] of held) {
      if (ids.has(id)) continue;
      release();
      held.delete(id);
    }
  });
}
