import { registerSW } from 'virtual:pwa-register';

export interface PwaStatus {
  /** Call to activate the waiting version and reload. */
  update: () => Promise<void>;
}

/**
 * Registers the service worker (offline app shell) and reports when a new version is waiting.
 * Nothing happens automatically: the person chooses when to reload into the new version.
 */
export function startPwa(onNeedRefresh: () => void, onOfflineReady: () => void): PwaStatus {
  if (!('serviceWorker' in navigator)) return { update: async () => undefined };
  const update = registerSW({ immediate: true, onNeedRefresh, onOfflineReady });
  return { update: () => update(true) };
}
