import { observePairingState } from '../../store/pairingsRepo';

const DECIDED = 'metacompiler:device-exchange-decided';

/**
 * Starts the exchange with paired devices from the first moment this browser has a pairing (or
 * an unpairing still to tell the other device): the exchange's code (Yjs, y-webrtc, the devices
 * worker) loads then, never in a browser that was never paired. A pairing made later, in this
 * tab or another, starts it the same way.
 */
export function exchangeWhenPaired(): void {
  const sub = observePairingState().subscribe({
    next: ({ pairings, ended }) => {
      const paired = pairings.length > 0 || ended.some((e) => e.pending);
      // The bench and the e2e read this to know the start-up decision was made, either way.
      if (performance.getEntriesByName(DECIDED).length === 0) performance.mark(DECIDED, { detail: { paired } });
      if (!paired) return;
      queueMicrotask(() => sub.unsubscribe());
      void import('./exchangeRunner').then((m) => m.startDeviceExchange());
    },
    error: (e) => console.error(e),
  });
}
