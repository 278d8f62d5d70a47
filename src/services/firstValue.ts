import type { Live } from '../store/live';

/** The current value of a live query, read once (for commands and actions that answer once). */
export function firstValue<T>(source: Live<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    let done = false;
    const sub = source.subscribe({
      next: (v) => {
        if (done) return;
        done = true;
        // The first value can arrive inside subscribe(), before `sub` is assigned: unsubscribe later.
        queueMicrotask(() => sub.unsubscribe());
        resolve(v);
      },
      error: (e) => {
        if (done) return;
        done = true;
        reject(e);
      },
    });
  });
}
