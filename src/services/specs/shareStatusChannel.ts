import type { PeerStatus } from '../../sync/peers';

/**
 * The leader tab tells the other tabs of this browser how its sessions are doing, so every tab
 * shows the same status; a tab that opens asks, and the leader answers with all of them.
 */
type Message = { t: 'status'; specId: string; status: PeerStatus | null } | { t: 'ask' };

export interface StatusChannel {
  publish(specId: string, status: PeerStatus | undefined): void;
  close(): void;
}

export function openStatusChannel(onStatus: (specId: string, status: PeerStatus | undefined) => void, onAsk: () => void): StatusChannel {
  if (typeof BroadcastChannel === 'undefined') return { publish: () => undefined, close: () => undefined };
  const bc = new BroadcastChannel('metacompiler-peer-status');
  bc.onmessage = (e: MessageEvent<Message>) => {
    if (e.data.t === 'ask') onAsk();
    else onStatus(e.data.specId, e.data.status ?? undefined);
  };
  bc.postMessage({ t: 'ask' } satisfies Message);
  return {
    publish: (specId, status) => bc.postMessage({ t: 'status', specId, status: status ?? null } satisfies Message),
    close: () => bc.close(),
  };
}
