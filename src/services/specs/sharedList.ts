import { observePeerSessions } from '../../store/peerSessionsRepo';
import type { Live } from '../../store/live';

/**
 * Which specs this browser shares, live across tabs, without loading any peer code: the spec
 * list marks them, and start-up uses it to load the sessions only when there are some.
 */
export function sharedSpecList(): Live<{ specId: string; transport: 'webrtc' | 'websocket' }[]> {
  const source = observePeerSessions();
  return {
    subscribe: (o) =>
      source.subscribe({ next: (rows) => o.next?.(rows.map((r) => ({ specId: r.specId, transport: r.transport }))), error: (e) => o.error?.(e) }),
  };
}

/**
 * Reconnects every shared spec in the background, open or not, from the first moment this
 * browser has one: the peer code loads then, never in a browser that shares nothing.
 */
export function resumeSharedSessionsWhenAny(): void {
  const sub = sharedSpecList().subscribe({
    next: (list) => {
      if (list.length === 0) return;
      queueMicrotask(() => sub.unsubscribe());
      void import('./share').then((m) => m.startSharedSessions());
    },
    error: (e) => console.error(e),
  });
}
