/**
 * Takes away from a worker's global scope everything a candidate could use to reach the
 * network, storage shared with the app, other contexts, or code built from strings (which
 * could call import()). Run after the candidate and its tests are compiled and before they run.
 *
 * Web IDL puts these on the global object or its prototypes; each is deleted everywhere on the
 * chain, or overwritten when it cannot be deleted. The caller checks `remaining` and refuses to
 * run anything when a name is still reachable: the sandbox fails closed.
 */
export const BLOCKED_GLOBALS: readonly string[] = [
  // network
  'fetch', 'XMLHttpRequest', 'WebSocket', 'WebSocketStream', 'EventSource', 'WebTransport', 'importScripts',
  'navigator', 'Request',
  // storage and caches shared with the app (Cache.add fetches)
  'indexedDB', 'IDBFactory', 'caches', 'CacheStorage',
  // other contexts: a nested worker would have a fresh, unlocked scope; messages could fake a result
  'BroadcastChannel', 'Worker', 'SharedWorker', 'postMessage', 'close',
  // code from strings
  'eval', 'Function',
];

function removeEverywhere(name: string): void {
  for (let o: object | null = globalThis; o; o = Object.getPrototypeOf(o)) {
    if (!Object.prototype.hasOwnProperty.call(o, name)) continue;
    if (Reflect.deleteProperty(o, name)) continue;
    try {
      Object.defineProperty(o, name, { value: undefined, writable: false, configurable: false });
    } catch {
      // non-configurable and not writable: reported by `remaining` below
    }
  }
}

function refuse(what: string): () => never {
  return () => {
    throw new Error(`${what} is not available to a candidate`);
  };
}

/** Every function kind's constructor builds code from a string, like eval. */
function blockConstructors(): void {
  const kinds = [function () {}, async function () {}, function* () {}, async function* () {}];
  for (const f of kinds) {
    Object.defineProperty(Object.getPrototypeOf(f), 'constructor', { value: refuse('building code from a string'), writable: false, configurable: false });
  }
}

/** setTimeout("code") evaluates a string; only functions are let through. */
function functionTimersOnly(): void {
  for (const name of ['setTimeout', 'setInterval'] as const) {
    const original = globalThis[name] as (handler: unknown, ...rest: unknown[]) => number;
    const guarded = (handler: unknown, ...rest: unknown[]) => {
      if (typeof handler !== 'function') throw new TypeError(`${name} takes a function in the sandbox`);
      return original.call(globalThis, handler, ...rest);
    };
    Object.defineProperty(globalThis, name, { value: guarded, writable: false, configurable: false });
  }
}

export function lockDown(): { remaining: string[] } {
  for (const name of BLOCKED_GLOBALS) removeEverywhere(name);
  blockConstructors();
  functionTimersOnly();
  const g = globalThis as unknown as Record<string, unknown>;
  return { remaining: BLOCKED_GLOBALS.filter((name) => g[name] !== undefined) };
}
