import type { Live } from '../store/live';

/** The current value of a live query, read once (for commands that answer in a sentence). */
export function firstValue<T>(source: Live<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    let done = false;
    const sub = source.subscribe({
      next: (v) => {
        if (done) return;
        done = true;
        queueMicrotask(() => sub.unsubscribe());
        resolve(v);
      },
      error: reject,
    });
  });
}
