import { from, type Accessor } from 'solid-js';
import type { Live } from '../../services/live';

/** Subscribes a component to a live query (it re-renders when any tab changes the data). */
export function useLive<T>(source: Live<T>, initial: T): Accessor<T> {
  const value = from<T>((set) => {
    const sub = source.subscribe({ next: (v) => set(() => v), error: (e) => console.error(e) });
    return () => sub.unsubscribe();
  });
  return () => value() ?? initial;
}
