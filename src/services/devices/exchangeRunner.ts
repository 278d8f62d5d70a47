import { observePairingState, setPairingPaused, thisDevice, type EndedPairing, type PairedDevice } from '../../store/pairingsRepo';
import { startExchange, type Exchange } from './exchange';
import { setExchangeStartTrouble, setExchangeStatus } from './exchangeStatuses';
import { keepStarting, type KeepStarting } from './keepStarting';
import { tellUnpaired } from './tellUnpaired';

/**
 * Runs the exchange with every paired device while the app is open. One tab of this browser
 * does it (a Web Lock): two tabs would publish the same records twice. When a pairing ends
 * (unpaired here, in any tab, or by the other device) its exchange stops; one unpaired here is
 * then told to the other device by this tab, whichever tab unpaired it (tellUnpaired.ts).
 * A start that fails or hangs is tried again, and Settings says why meanwhile (keepStarting.ts).
 */
const running = new Map<string, KeepStarting>();
/** Pairings unpaired here that this tab is telling the other device about. */
const telling = new Map<string, () => void>();

function reconcile(pairings: readonly PairedDevice[], ended: readonly EndedPairing[], deviceId: string): void {
  const ids = new Set(pairings.map((p) => p.id));
  for (const p of pairings) {
    if (running.has(p.id)) continue;
    /** The exchange that runs now: one that stopped by itself says nothing more. */
    let current: Exchange | undefined;
    running.set(
      p.id,
      keepStarting({
        start: (signal) => startExchange(p, undefined, signal),
        failed: (t) => {
          if (!running.has(p.id)) return;
          current = undefined;
          // Stopped after it ran (its worker crashed): its last status no longer holds.
          if (t.afterStart) setExchangeStatus(p.id, undefined);
          setExchangeStartTrouble(p.id, t);
        },
        started: (x) => {
          current = x;
          const control = (paused: boolean) => () => {
            if (paused) x.pause();
            else x.resume();
            void setPairingPaused(p.id, paused);
          };
          setExchangeStatus(p.id, x.status(), { pause: control(true), resume: control(false) });
          x.onStatus((s) => running.has(p.id) && current === x && setExchangeStatus(p.id, s));
        },
      }),
    );
  }
  const stopped = new Map<string, Promise<void>>();
  for (const [id, starting] of running) {
    if (ids.has(id)) continue;
    running.delete(id);
    setExchangeStatus(id, undefined);
    // Unpaired by the other device: say it back (the answer it waits for) and forget the document.
    // Unpaired here: keep the document for tellUnpaired.
    const there = ended.find((e) => e.id === id)?.by === 'there';
    stopped.set(id, starting.stop(there));
  }
  const pending = new Set(ended.filter((e) => e.by === 'here' && e.pending).map((e) => e.id));
  for (const e of ended) {
    if (!pending.has(e.id) || telling.has(e.id)) continue;
    let stop: (() => void) | undefined;
    let cancelled = false;
    telling.set(e.id, () => ((cancelled = true), stop?.()));
    void (stopped.get(e.id) ?? Promise.resolve()).then(() => {
      if (!cancelled) stop = tellUnpaired(e, deviceId);
    });
  }
  for (const [id, cancel] of telling) {
    if (pending.has(id)) continue;
    telling.delete(id);
    cancel();
  }
}

let begun = false;

export function startDeviceExchange(): void {
  if (begun) return;
  begun = true;
  const run = async () => {
    const { deviceId } = await thisDevice();
    await new Promise<void>(() => observePairingState().subscribe({ next: ({ pairings, ended }) => reconcile(pairings, ended, deviceId) }));
  };
  if (typeof navigator !== 'undefined' && navigator.locks) void navigator.locks.request('metacompiler-device-exchange', run);
  else void run();
}
