import { afterEach } from 'vitest';
import Dexie from 'dexie';
import { useDatabase } from '../../../src/store/db';
import { forgetAccumulator } from '../../../src/store/headsRepo';
import type { ExchangeSetup } from '../../../src/store/deviceExchangeWork';

/**
 * One fake-IndexedDB database per device of a test, as the exchange tests switch between them:
 * `use` makes a device's database current (and forgets the head accumulator of the one before,
 * which belongs to that database), `fresh` makes a new one, `last` names the newest made; all are deleted after each test.
 * Call at the top of a test file (it registers the afterEach).
 */
export function exchangeTestDbs(prefix: string): { use(name: string): void; fresh(): string; last(): string } {
  const names: string[] = [];
  const use = (name: string) => {
    useDatabase(name);
    forgetAccumulator();
  };
  afterEach(async () => {
    for (const n of names.splice(0)) await Dexie.delete(n);
  });
  return {
    use,
    last: () => names[names.length - 1]!,
    fresh: () => {
      const name = `${prefix}-${Math.random().toString(36).slice(2)}`;
      names.push(name);
      use(name);
      return name;
    },
  };
}

/** A pairing between `deviceId` and `peer` under a fixed secret. */
export const exchangeSetup = (deviceId: string, peer: string, ledgerKey?: JsonWebKey): ExchangeSetup => ({
  pairingId: 'pair-1',
  secret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I',
  deviceId,
  peer: { deviceId: peer, name: peer, ledgerKey },
});
