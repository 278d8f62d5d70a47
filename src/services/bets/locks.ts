/**
 * The part of the Web Locks API the bet timers use, and a stand-in for where it is missing
 * (Node tests, very old browsers). A lock held by a tab is released by the browser when that tab
 * closes or reloads, which is what lets another tab take a running timer over safely.
 */
export interface LockLike {
  name: string;
}

export interface LockManagerLike {
  request(
    name: string,
    options: { ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: LockLike | null) => unknown,
  ): Promise<unknown>;
}

/**
 * Locks shared by whoever holds this object: first come, first served, waiters in order. Tests
 * give one instance to two "tabs"; the app falls back to a private one, which only orders
 * requests inside this tab.
 */
export function memoryLocks(): LockManagerLike {
  const held = new Set<string>();
  const queues = new Map<string, (() => void)[]>();
  const waitTurn = (name: string, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(new DOMException('The lock request was aborted', 'AbortError'));
        return;
      }
      const queue = queues.get(name) ?? [];
      queues.set(name, queue);
      const turn = (): void => {
        signal?.removeEventListener('abort', abort);
        resolve();
      };
      const abort = (): void => {
        queue.splice(queue.indexOf(turn), 1);
        reject(new DOMException('The lock request was aborted', 'AbortError'));
      };
      signal?.addEventListener('abort', abort, { once: true });
      queue.push(turn);
    });
  return {
    async request(name, options, callback) {
      if (held.has(name)) {
        if (options.ifAvailable) return callback(null);
        await waitTurn(name, options.signal);
      }
      held.add(name);
      try {
        return await callback({ name });
      } finally {
        // Hand the lock straight to the next waiter, so nobody can slip in between.
        const next = queues.get(name)?.shift();
        if (next) next();
        else held.delete(name);
      }
    },
  };
}
