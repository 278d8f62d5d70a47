import * as Comlink from 'comlink';
import { installWorkerErrors } from '../src/domain/workerErrors';
import { ExchangeWork, type ExchangeSetup, type NamedBatch } from '../src/store/deviceExchangeWork';
import { openPairedDoc } from '../src/sync/devices/pairedDoc';
import { mergeSpecRecords } from '../src/sync/devices/specCompaction';
import type { RoomConfig } from '../src/sync/devices/room';
import { runExchangeLoop, type Exchange, type ExchangeStatus, type NetworkEvents, type SpecPort } from '../src/services/devices/exchangeLoop';
import type { DeviceRecord } from '../src/domain/devices/records';

// Errors cross to the page as plain data with their fields and come back as the same class.
installWorkerErrors(Comlink.transferHandlers);

/**
 * The exchange with one paired device (one worker per pairing). Either its heavy half
 * (src/store/deviceExchangeWork.ts: `open`, `plan`, `seal`) beside a document the page keeps
 * (WebRTC), or, over y-websocket, the whole exchange (`exchange`): the pairing's document, its
 * y-indexeddb copy and its connection live here, and the page only hears the status.
 */
let work: ExchangeWork | undefined;
let running: Exchange | undefined;
/** The page's specs changed: the loop looks for spec news (the specs live on the page). */
const specsChanged = new Set<() => void>();

/**
 * The page's online and offline events, forwarded (`network`): the page's window surely hears
 * them, and the exchange here leaves its room while the browser is offline.
 */
const networkEvents = new EventTarget();
let onLine = true;
const network: NetworkEvents = {
  onLine: () => onLine,
  addEventListener: (t, f) => networkEvents.addEventListener(t, f),
  removeEventListener: (t, f) => networkEvents.removeEventListener(t, f),
};

const need = (): ExchangeWork => {
  if (!work) throw new Error('the devices worker was not started');
  return work;
};

const api = {
  async start(setup: ExchangeSetup): Promise<void> {
    work = await ExchangeWork.start(setup);
  },
  open(batches: NamedBatch[]) {
    return need().open(batches);
  },
  plan(name: string, logChanged: boolean) {
    return need().plan(name, logChanged);
  },
  offer(records: DeviceRecord[]) {
    return need().offer(records);
  },
  async seal(max: number) {
    const out = await need().seal(max);
    return Comlink.transfer(out, out.map((b) => b.bytes.buffer));
  },
  async compact(min: number) {
    const out = await need().compact(min, mergeSpecRecords);
    return Comlink.transfer(out, out.sealed.map((b) => b.bytes.buffer));
  },
  state() {
    return need().state();
  },

  /** The whole exchange here; `onStatus` hears every change. Resolves to the first status. */
  async exchange(
    setup: ExchangeSetup,
    room: RoomConfig,
    paused: boolean,
    name: () => Promise<string>,
    specs: Pick<SpecPort, 'absorb' | 'news'>,
    onStatus: (s: ExchangeStatus) => void,
    online = true,
  ): Promise<ExchangeStatus> {
    onLine = online;
    const w = await ExchangeWork.start(setup);
    work = w;
    running = await runExchangeLoop({
      pairingId: setup.pairingId,
      peerDeviceId: setup.peer.deviceId,
      deviceId: setup.deviceId,
      work: { open: (b) => w.open(b), plan: (n, l) => w.plan(n, l), offer: async (r) => w.offer(r), seal: (m) => w.seal(m), compact: (m) => w.compact(m, mergeSpecRecords), state: async () => w.state() },
      specs: {
        absorb: (r) => specs.absorb(r),
        news: () => specs.news(),
        onLocalChange: (f) => (specsChanged.add(f), () => specsChanged.delete(f)),
        destroy: () => specsChanged.clear(),
      },
      paired: openPairedDoc(setup.pairingId, room),
      name,
      closeWork: () => undefined,
      paused,
      network,
    });
    running.onStatus((s) => void onStatus(s));
    return running.status();
  },
  network(online: boolean) {
    if (online === onLine) return;
    onLine = online;
    networkEvents.dispatchEvent(new Event(online ? 'online' : 'offline'));
  },
  specsChanged() {
    specsChanged.forEach((f) => f());
  },
  pause() {
    running?.pause();
  },
  resume() {
    running?.resume();
  },
  async stop(leave: boolean) {
    await running?.stop(leave);
  },
};

export type DevicesApi = typeof api;

Comlink.expose(api);
