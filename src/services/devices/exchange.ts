import { raiseScarOnce } from '../scars';
import { defaultName } from './pairing';
import { endPairing, thisDevice, type PairedDevice } from '../../store/pairingsRepo';
import { openPairedDoc } from '../../sync/devices/pairedDoc';
import { openSpecMirror } from '../../sync/devices/specMirror';
import { allSpecIds } from '../../store/specsRepo';
import type { RoomConfig } from '../../sync/devices/room';
import type { ExchangeSetup } from '../../store/deviceExchangeWork';
import type { DevicesWork } from '../../devicesClient/client';
import { runExchangeLoop, type Exchange, type ExchangeStatus, type SpecPort } from './exchangeLoop';

export type { Exchange, ExchangeProgress, ExchangeStatus } from './exchangeLoop';

/**
 * Starts the exchange with one paired device (exchangeLoop.ts says how it goes). Over
 * y-websocket the whole exchange runs in the devices worker; over WebRTC the pairing's document
 * and connection stay on the page and the worker does the rest. What the page does either way:
 * show the status, leave a scar when the other device's log fails, and remove the pairing when
 * the other device unpaired.
 */
export interface ExchangeHosts {
  /** The heavy half beside a document on this thread (the devices worker in the app). */
  openWork(setup: ExchangeSetup): Promise<DevicesWork>;
  /** The whole exchange in a worker, or undefined to keep the document on this thread. */
  openWorkerExchange?(setup: ExchangeSetup, room: RoomConfig, paused: boolean, name: () => Promise<string>, specs: SpecPort, signal?: AbortSignal): Promise<Exchange>;
}

const inBrowser: ExchangeHosts = {
  async openWork(setup) {
    const { openDevicesWorker } = await import('../../devicesClient/client');
    return openDevicesWorker(setup);
  },
  async openWorkerExchange(setup, room, paused, name, specs, signal) {
    const { openDevicesWorkerExchange } = await import('../../devicesClient/client');
    const x = await openDevicesWorkerExchange(setup, room, paused, name, { absorb: (r) => specs.absorb(r), news: () => specs.news() }, signal);
    const offSpecs = specs.onLocalChange(() => x.specsChanged());
    return {
      ...x,
      stop: async (leave) => {
        offSpecs();
        await x.stop(leave);
        specs.destroy();
      },
    };
  },
};

/** `signal`: the runner gave up on this start (it took too long); what it opened is closed. */
export async function startExchange(pairing: PairedDevice, hosts: ExchangeHosts = typeof Worker === 'undefined' ? { openWork: inBrowser.openWork } : inBrowser, signal?: AbortSignal): Promise<Exchange> {
  const { deviceId } = await thisDevice();
  const setup: ExchangeSetup = { pairingId: pairing.id, secret: pairing.secret, deviceId, peer: { deviceId: pairing.peer.deviceId, name: pairing.peer.name, ledgerKey: pairing.peer.ledgerKey } };
  const room: RoomConfig = { transport: pairing.transport, server: pairing.server, room: pairing.id, password: pairing.secret };
  // Spec text travels as Yjs updates (specDoc records) between this page's specs and the records.
  const mirror = openSpecMirror();
  const specs: SpecPort = {
    absorb: (records) => mirror.absorb(records),
    news: async () => mirror.news(deviceId, await allSpecIds()),
    onLocalChange: (f) => mirror.onLocalChange(f),
    destroy: () => mirror.destroy(),
  };
  let exchange: Exchange;
  try {
    if (room.transport === 'websocket' && hosts.openWorkerExchange) exchange = await hosts.openWorkerExchange(setup, room, pairing.paused ?? false, defaultName, specs, signal);
    else exchange = await startOnPage(pairing, setup, room, hosts, specs, signal);
  } catch (e) {
    mirror.destroy();
    throw e;
  }
  let removing = false;
  const watch = async (s: ExchangeStatus) => {
    if (s.log.state === 'failed') {
      await raiseScarOnce({
        id: `device-log-${pairing.peer.deviceId}-${s.log.size}`,
        locus: { kind: 'area', ref: `device ${pairing.peer.name}` },
        trigger: 'ledger_verification_failed',
        severity: 0.8,
        description: `the log of paired device ${pairing.peer.name} does not verify: ${s.log.reason}; its new records are held back`,
      });
    }
    // The other device unpaired: this one stops too, and says so (Settings).
    if (s.peerLeft && !removing) {
      removing = true;
      await endPairing(pairing.id, 'there', Date.now());
    }
  };
  exchange.onStatus((s) => void watch(s));
  void watch(exchange.status());
  return exchange;
}

/** Over WebRTC: the document and its connection on this page, the heavy half in the worker. */
async function startOnPage(pairing: PairedDevice, setup: ExchangeSetup, room: RoomConfig, hosts: ExchangeHosts, specs: SpecPort, signal?: AbortSignal): Promise<Exchange> {
  const work = await hosts.openWork(setup);
  if (signal?.aborted) {
    work.close();
    throw signal.reason;
  }
  const paired = openPairedDoc(pairing.id, room);
  try {
    const x = await runExchangeLoop({ pairingId: pairing.id, peerDeviceId: pairing.peer.deviceId, deviceId: setup.deviceId, work, paired, name: defaultName, closeWork: () => work.close(), paused: pairing.paused, specs });
    // Its worker dying stops it (every step would fail): the runner starts it again.
    return { ...x, onFailed: (f) => work.onCrash(f) };
  } catch (e) {
    work.close();
    await paired.destroy(false).catch(() => undefined);
    throw e;
  }
}
