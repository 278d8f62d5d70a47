import type { Live } from '../store/live';

/**
 * A live view computed asynchronously (e.g. in a worker) from another live view. Results of
 * an older input that arrive after a newer one started are dropped, so the view never goes
 * back in time.
 */
export function mapLiveAsync<A, B>(source: Live<A>, f: (a: A) => Promise<B>): Live<B> {
  return {
    subscribe(observer) {
      let generation = 0;
      const sub = source.subscribe({
        next: (a) => {
          const mine = ++generation;
          f(a).then(
            (b) => mine === generation && observer.next?.(b),
            (e: unknown) => mine === generation && observer.error?.(e),
          );
        },
        error: (e) => observer.error?.(e),
      });
      return {
        unsubscribe() {
          generation = -1;
          sub.unsubscribe();
        },
      };
    },
  };
}
