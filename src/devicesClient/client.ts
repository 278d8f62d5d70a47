import * as Comlink from 'comlink';
import { installWorkerErrors } from '../domain/workerErrors';
import type { DevicesApi } from '../../workers/devices.worker';

// Errors thrown in the worker come back as the same class, with their fields.
installWorkerErrors(Comlink.transferHandlers);

type Setup = Parameters<DevicesApi['start']>[0];
type Room = Parameters<DevicesApi['exchange']>[1];
type Status = Awaited<ReturnType<DevicesApi['exchange']>>;
type WorkApi = Pick<DevicesApi, 'open' | 'plan' | 'offer' | 'seal' | 'compact' | 'state'>;
type Specs = Parameters<DevicesApi['exchange']>[4];

/** What the exchange asks of its worker: every call resolves to plain values (and bytes). */
export type DevicesWork = { [K in keyof WorkApi]: (...args: Parameters<WorkApi[K]>) => Promise<Awaited<ReturnType<WorkApi[K]>>> } & {
  close(): void;
  /** Hears the worker die (a crash, out of memory), with the reason. */
  onCrash(f: (reason: string) => void): void;
};

/** The whole exchange in a worker, as the page sees it. */
export interface WorkerExchange {
  status(): Status;
  onStatus(f: (s: Status) => void): () => void;
  pause(): void;
  resume(): void;
  /** The page's specs changed: there may be spec text to send. */
  specsChanged(): void;
  stop(leave: boolean): Promise<void>;
  /** Hears the worker die after the exchange started, with the reason. */
  onFailed(f: (reason: string) => void): void;
}

function spawn(): { remote: Comlink.Remote<DevicesApi>; call: <T>(p: Promise<T>) => Promise<T>; close: () => void; onCrash: (f: (reason: string) => void) => void } {
  const worker = new Worker(new URL('../../workers/devices.worker.ts', import.meta.url), { type: 'module', name: 'devices' });
  const remote = Comlink.wrap<DevicesApi>(worker);
  // Comlink never settles a call whose worker died (a crash, running out of memory): do it here.
  const crashed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(`The devices worker stopped: ${e.message || 'unknown error'}`)));
  });
  crashed.catch(() => undefined);
  return {
    remote,
    call: (p) => Promise.race([p, crashed]),
    onCrash: (f) => void crashed.catch((e: Error) => f(e.message)),
    close: () => {
      remote[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}

/**
 * The heavy half of an exchange whose document stays on the page. Batches go to it and sealed
 * ones come back transferred, not copied: the loop hands it copies of the document's bytes
 * (recordDoc.batchBytes), which nothing else holds.
 */
export async function openDevicesWorker(setup: Setup): Promise<DevicesWork> {
  const { remote, call, close, onCrash } = spawn();
  await call(remote.start(setup));
  return {
    open: (batches) => call(remote.open(Comlink.transfer(batches, batches.map((b) => b.bytes.buffer)))),
    plan: (name, logChanged) => call(remote.plan(name, logChanged)),
    offer: (records) => call(remote.offer(records)),
    seal: (max) => call(remote.seal(max)),
    compact: (min) => call(remote.compact(min)),
    state: () => call(remote.state()),
    close,
    onCrash,
  };
}

/**
 * The whole exchange in a worker: the page gets its status and can pause, resume and stop it.
 * A start that fails or is aborted (`signal`: given up on) terminates its worker, and with it
 * whatever the worker opened (its connection, its IndexedDB connections).
 */
export async function openDevicesWorkerExchange(setup: Setup, room: Room, paused: boolean, name: () => Promise<string>, specs: Specs, signal?: AbortSignal): Promise<WorkerExchange> {
  const { remote, call, close, onCrash } = spawn();
  const aborted = new Promise<never>((_, reject) => {
    if (signal?.aborted) reject(signal.reason);
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  aborted.catch(() => undefined);
  const listeners = new Set<(s: Status) => void>();
  let last: Status | undefined;
  const heard = (s: Status) => {
    last = s;
    listeners.forEach((f) => f(s));
  };
  // The page's online and offline events go to the worker (exchangeLoop leaves the room offline).
  const wentOnline = () => void remote.network(true);
  const wentOffline = () => void remote.network(false);
  addEventListener('online', wentOnline);
  addEventListener('offline', wentOffline);
  const unlisten = () => {
    removeEventListener('online', wentOnline);
    removeEventListener('offline', wentOffline);
  };
  let first: Status;
  try {
    first = await Promise.race([call(remote.exchange(setup, room, paused, Comlink.proxy(name), Comlink.proxy({ absorb: specs.absorb, news: specs.news }), Comlink.proxy(heard), navigator.onLine !== false)), aborted]);
  } catch (e) {
    unlisten();
    close();
    throw e;
  }
  last ??= first;
  return {
    status: () => last!,
    onStatus: (f) => (listeners.add(f), () => listeners.delete(f)),
    pause: () => void remote.pause(),
    resume: () => void remote.resume(),
    specsChanged: () => void remote.specsChanged(),
    onFailed: (f) => onCrash((reason) => (unlisten(), f(reason))),
    stop: async (leave) => {
      unlisten();
      await call(remote.stop(leave)).catch(() => undefined);
      close();
    },
  };
}
