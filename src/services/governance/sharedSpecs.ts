import { observeSpecs } from '../../store/specsRepo';

/**
 * Which specs this page shares with other devices now. Sharing lives in services/specs/share.ts,
 * which loads the peer providers; it is handed in by the spec workspace that starts sharing
 * (ConsentPanel), so governance never loads the providers itself. Until then nothing is shared
 * in this page: sharing starts from a spec's workspace.
 */
export interface ShareSource {
  shareState(specId: string): unknown;
  onShareChange(listener: () => void): () => void;
}

const shared = new Set<string>();

export function watchSharedSpecIds(source: ShareSource, listener: (ids: Set<string>) => void): () => void {
  let known: string[] = [];
  let last = '';
  const emit = () => {
    const ids = new Set(known.filter((id) => source.shareState(id) !== undefined));
    const key = [...ids].sort().join();
    if (key === last) return;
    last = key;
    shared.clear();
    ids.forEach((id) => shared.add(id));
    listener(ids);
  };
  const sub = observeSpecs().subscribe({ next: (rows) => ((known = rows.map((r) => r.id)), emit()) });
  const off = source.onShareChange(emit);
  return () => {
    sub.unsubscribe();
    off();
  };
}

export function isShared(specId: string): boolean {
  return shared.has(specId);
}
