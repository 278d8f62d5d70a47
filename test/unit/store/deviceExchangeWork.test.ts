import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { recordsInName } from '../../../src/domain/devices/sealedBatch';
import { db, useDatabase } from '../../../src/store/db';
import { deviceKey } from '../../../src/store/deviceKeyRepo';
import { ExchangeWork, type ExchangeSetup, type SealedOut } from '../../../src/store/deviceExchangeWork';
import { forgetAccumulator, scheduleHeadRefresh } from '../../../src/store/headsRepo';
import { appendGoverned } from '../../../src/store/logRepo';

/*
 * The worker half of the exchange, in-process over two databases (a laptop and a phone): what
 * the laptop seals is what the phone lacks, the phone stores each run once, and a later plan
 * finds only what is new (it does not read the runs it read before again).
 */
const names: string[] = [];
function fresh(): string {
  const name = `exchange-${Math.random().toString(36).slice(2)}`;
  names.push(name);
  use(name);
  return name;
}
function use(name: string): void {
  useDatabase(name);
  forgetAccumulator();
}
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});

const run = (i: number) => ({ id: `run_${i}`, specHash: `name:spec-${i % 7}`, nudges: i % 2 ? ['small steps'] : [], passed: i % 3 !== 0, errorMessages: [], testFailures: [], typeErrors: [], source: 'jsonl' as const, at: 1_000 + i });
const setup = (deviceId: string, peer: string, ledgerKey?: JsonWebKey): ExchangeSetup => ({ pairingId: 'pair-1', secret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I', deviceId, peer: { deviceId: peer, name: peer, ledgerKey } });
const recordsIn = (batches: SealedOut[]) => batches.reduce((n, b) => n + b.records, 0);

async function sealAll(work: ExchangeWork): Promise<SealedOut[]> {
  const out: SealedOut[] = [];
  for (let got = await work.seal(1); got.length > 0; got = await work.seal(1)) out.push(...got);
  return out;
}

describe('the exchange worker', () => {
  it('seals what the other device lacks, which stores it once; later plans find only what is new', async () => {
    const laptopDb = fresh();
    await appendGoverned({ kind: 'run_recorded', at: 1, payload: { runId: 'run_0' } });
    await scheduleHeadRefresh();
    await db().runs.bulkAdd(Array.from({ length: 4500 }, (_, i) => run(i)));
    const laptopKey = (await deviceKey()).publicKeyJwk;
    const laptop = await ExchangeWork.start(setup('laptop', 'phone'));

    // 4,500 runs and one statement about the laptop's log (first, so the phone can check it first).
    expect(await laptop.plan('Laptop', true)).toBe(4501);
    expect(laptop.state().toSeal).toBe(4501);
    const sealed = await sealAll(laptop);
    expect(sealed.map((b) => b.records)).toEqual([2000, 2000, 501]);
    expect(sealed.map((b) => recordsInName(b.name))).toEqual([2000, 2000, 501]);
    expect(laptop.state()).toMatchObject({ sent: 4501, toSeal: 0 });
    // Nothing new: nothing to send. One new run: that run only.
    expect(await laptop.plan('Laptop', false)).toBe(0);
    await db().runs.add(run(4500));
    expect(await laptop.plan('Laptop', false)).toBe(1);
    const more = await sealAll(laptop);
    expect(recordsIn(more)).toBe(1);

    const phoneDb = fresh();
    const phone = await ExchangeWork.start(setup('phone', 'laptop', laptopKey));
    const opened = await phone.open([...sealed, ...more].map(({ name, bytes }) => ({ name, bytes })));
    expect(opened).toMatchObject({ opened: 4502, received: 4502, heldBack: 0, own: [], refused: [] });
    expect(opened.log.state).toBe('verified');
    expect(await db().runs.count()).toBe(4501);
    // What the phone now holds came from the laptop: it has nothing of its own to send back.
    expect(await phone.plan('Phone', true)).toBe(0);
    // The same batches again add nothing; one changed on the way does not open.
    expect(await phone.open(sealed.slice(0, 1))).toMatchObject({ opened: 2000, received: 4502 });
    const changed = new Uint8Array(sealed[2]!.bytes);
    changed[40] = changed[40]! ^ 1;
    const refused = await phone.open([{ name: sealed[2]!.name, bytes: changed }]);
    expect(refused.refused).toHaveLength(1);
    expect(refused.refused[0]).toMatch(/does not open with this pairing's key/);
    expect(await db().runs.count()).toBe(4501);

    // The laptop, started again over its document, knows its own batches and sends nothing twice.
    use(laptopDb);
    const again = await ExchangeWork.start(setup('laptop', 'phone'));
    expect((await again.open([...sealed, ...more])).own).toHaveLength(4);
    expect(await again.plan('Laptop', true)).toBe(0);
    use(phoneDb);
    // 4,500 runs through two databases: over 20 s when the shared machine is loaded.
  }, 120_000);

  it('holds the other device\'s records back until a statement about its log verifies', async () => {
    fresh();
    await db().runs.bulkAdd([run(1), run(2)]);
    const laptop = await ExchangeWork.start(setup('laptop', 'phone'));
    // No signed head yet: no statement, only the runs.
    expect(await laptop.plan('Laptop', true)).toBe(2);
    const sealed = await sealAll(laptop);
    fresh();
    const phone = await ExchangeWork.start(setup('phone', 'laptop'));
    const out = await phone.open(sealed);
    expect(out).toMatchObject({ opened: 2, received: 2, heldBack: 2 });
    expect(out.log.state).toBe('waiting');
    expect(await db().runs.count()).toBe(0);
  });
});
