/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { ETHICS_PATH, ethicsHeaderJson } from './services/governance/ethics';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };

// The whole app is precached, so it opens offline; every page route is answered by index.html.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/\.well-known\//] }));

// The ethics header is computed here from IndexedDB at every request, not cached: it is live
// with no tab open and answers offline, because nothing in it comes from the network.
registerRoute(
  ({ url }) => url.origin === self.location.origin && url.pathname === ETHICS_PATH,
  async () => {
    try {
      return new Response(await ethicsHeaderJson(), {
        headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      });
    } catch (err) {
      const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      return new Response(JSON.stringify({ error: 'the ethics header could not be computed', message }), {
        status: 500,
        headers: { 'content-type': 'application/json; charset=utf-8' },
      });
    }
  },
);

// A new version waits until the person accepts the "update available" prompt.
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
