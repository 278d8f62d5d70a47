import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Dexie from 'dexie';
import type { PairedDevice } from '../../../src/store/pairingsRepo';
import type { Exchange, ExchangeStatus } from '../../../src/services/devices/exchangeLoop';

// The runner starts exchanges through startExchange; here each start is what the test says.
const starts: { signal?: AbortSignal; resolve(x: Exchange): void; reject(e: Error): void }[] = [];
vi.mock('../../../src/services/devices/exchange', () => ({
  startExchange: (_p: unknown, _hosts: unknown, signal?: AbortSignal) =>
    new Promise<Exchange>((resolve, reject) => starts.push({ signal, resolve, reject })),
}));

const pairing: PairedDevice = { id: 'pair_1', secret: 's', transport: 'websocket', server: 'ws://127.0.0.1:1', pairedAt: 1, peer: { deviceId: 'dev_phone', name: 'Phone', ledgerKey: {} } };

function fakeExchange(): Exchange & { stopped: boolean[]; crash(reason: string): void } {
  const status: ExchangeStatus = {
    pairingId: pairing.id,
    connected: true,
    paused: false,
    offline: false,
    upToDate: true,
    sent: 0,
    received: 0,
    refused: [],
    waiting: 0,
    log: { state: 'waiting', reason: 'no statement yet' },
    heldBack: 0,
    progress: { received: 0, receiveTotal: 0, sent: 0, sendTotal: 0 },
    peerLeft: false,
  };
  const stopped: boolean[] = [];
  const failed: ((reason: string) => void)[] = [];
  return {
    stopped,
    crash: (reason) => failed.forEach((f) => f(reason)),
    onFailed: (f) => void failed.push(f),
    status: () => status,
    onStatus: () => () => undefined,
    pause: () => undefined,
    resume: () => undefined,
    stop: async (leave) => void stopped.push(leave),
  };
}

let dbName = '';
beforeEach(async () => {
  vi.resetModules();
  starts.length = 0;
  dbName = `runner-${Math.random().toString(36).slice(2)}`;
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(async () => {
  vi.useRealTimers();
  await Dexie.delete(dbName);
});

/** A fresh runner module (it starts once per page) over a database holding one pairing, and its status board. */
async function runner() {
  (await import('../../../src/store/db')).useDatabase(dbName);
  await (await import('../../../src/store/pairingsRepo')).savePairing(pairing);
  const statuses = await import('../../../src/services/devices/exchangeStatuses');
  const { startDeviceExchange } = await import('../../../src/services/devices/exchangeRunner');
  startDeviceExchange();
  await vi.waitFor(() => expect(starts).toHaveLength(1));
  return statuses;
}

describe('the exchange runner', () => {
  it('tries a start that failed again, saying why meanwhile, until the exchange runs', async () => {
    const { exchangeStatuses, exchangeStartTroubles } = await runner();
    starts[0]!.reject(new Error('The devices worker stopped: script not found'));
    await vi.waitFor(() => expect(exchangeStartTroubles().get(pairing.id)?.reason).toBe('The devices worker stopped: script not found'));
    expect(exchangeStartTroubles().get(pairing.id)?.attempt).toBe(1);
    expect(exchangeStatuses().has(pairing.id)).toBe(false);

    await vi.advanceTimersByTimeAsync(1000);
    expect(starts).toHaveLength(2);
    starts[1]!.resolve(fakeExchange());
    await vi.waitFor(() => expect(exchangeStatuses().get(pairing.id)?.connected).toBe(true));
    expect(exchangeStartTroubles().has(pairing.id)).toBe(false);
  });

  it('gives up on a start that hangs, tries again, and stops the late one should it still arrive', async () => {
    const { exchangeStatuses, exchangeStartTroubles } = await runner();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(starts[0]!.signal?.aborted).toBe(true);
    expect(exchangeStartTroubles().get(pairing.id)?.reason).toBe('it did not start within 60 s');

    await vi.advanceTimersByTimeAsync(1000);
    expect(starts).toHaveLength(2);
    const second = fakeExchange();
    starts[1]!.resolve(second);
    await vi.waitFor(() => expect(exchangeStatuses().has(pairing.id)).toBe(true));

    const late = fakeExchange();
    starts[0]!.resolve(late);
    await vi.waitFor(() => expect(late.stopped).toEqual([false]));
    expect(second.stopped).toEqual([]);
  });

  it('notices an exchange whose worker crashed after a good start: Settings says why, and it is started again', async () => {
    const { exchangeStatuses, exchangeStartTroubles } = await runner();
    const first = fakeExchange();
    starts[0]!.resolve(first);
    await vi.waitFor(() => expect(exchangeStatuses().get(pairing.id)?.connected).toBe(true));

    first.crash('The devices worker stopped: out of memory');
    await vi.waitFor(() => expect(exchangeStartTroubles().get(pairing.id)).toMatchObject({ reason: 'The devices worker stopped: out of memory', afterStart: true }));
    expect(exchangeStatuses().has(pairing.id)).toBe(false);
    expect(first.stopped).toEqual([false]);

    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(() => expect(starts).toHaveLength(2));
    starts[1]!.resolve(fakeExchange());
    await vi.waitFor(() => expect(exchangeStatuses().get(pairing.id)?.connected).toBe(true));
    expect(exchangeStartTroubles().has(pairing.id)).toBe(false);
  });
});
