import { createStore, reconcile } from 'solid-js/store';
import { onCleanup } from 'solid-js';
import type { Live } from '../../services/live';

/**
 * A live list whose items keep their identity by `id` across updates, so a `<For>` over it keeps
 * each row's own state (a rename being typed, a menu open) when another tab or a paired device
 * changes the list; `useLive` hands over new objects each time, which re-creates every row.
 */
export function useLiveKeyed<T extends { id: string }>(source: Live<T[]>): () => T[] {
  const [state, setState] = createStore<{ list: T[] }>({ list: [] });
  const sub = source.subscribe({ next: (v) => setState('list', reconcile(v, { key: 'id', merge: true })), error: (e) => console.error(e) });
  onCleanup(() => sub.unsubscribe());
  return () => state.list;
}
