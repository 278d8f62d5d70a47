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

/** The first value of a live query that satisfies `ok` (for commands that must wait, e.g. for the learner to finish reading). */
export function firstValueWhere<T>(source: Live<T>, ok: (value: T) => boolean): Promise<T> {
  return new Promise((resolve, reject) => {
    let done = false;
    const sub = source.subscribe({
      next: (v) => {
        if (done || !ok(v)) return;
        done = true;
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
