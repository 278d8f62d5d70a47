import { onShareChange, shareState } from '../specs/share';
import { observeSpecs } from '../../store/specsRepo';

/**
 * The ids of the specs this page shares with other devices now, whenever that changes. The
 * one place the consent channel depends on how sharing works (services/specs/share.ts).
 */
export function watchSharedSpecIds(listener: (ids: Set<string>) => void): () => void {
  let known: string[] = [];
  let last = '';
  const emit = () => {
    const ids = new Set(known.filter((id) => shareState(id) !== undefined));
    const key = [...ids].sort().join();
    if (key === last) return;
    last = key;
    listener(ids);
  };
  const sub = observeSpecs().subscribe({ next: (rows) => ((known = rows.map((r) => r.id)), emit()) });
  const off = onShareChange(emit);
  return () => {
    sub.unsubscribe();
    off();
  };
}

export function isShared(specId: string): boolean {
  return shareState(specId) !== undefined;
}
