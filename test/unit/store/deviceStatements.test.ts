import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { db } from '../../../src/store/db';
import { deviceKey } from '../../../src/store/deviceKeyRepo';
import { ExchangeWork, type SealedOut } from '../../../src/store/deviceExchangeWork';
import { exchangeSetup, exchangeTestDbs } from './exchangeTestDbs';
import { scheduleHeadRefresh } from '../../../src/store/headsRepo';
import { appendGoverned } from '../../../src/store/logRepo';

/*
 * This device's statements about its log (logStatement.ts RecomputedLog): the first of an
 * exchange hashes every stored entry, later ones only the entries appended since. So an old
 * entry changed in storage during an exchange is named by the next exchange's first statement
 * (as the ledger's start-up check leaves it to the next full check), and removed entries at once.
 */
const { use, fresh, last } = exchangeTestDbs('statements');
const setup = exchangeSetup;
const event = (i: number) => ({ kind: 'run_recorded' as const, at: 1_000 + i, payload: { runId: `run_${i}` } });

async function sealAll(work: ExchangeWork): Promise<SealedOut[]> {
  const out: SealedOut[] = [];
  for (let got = await work.seal(1); got.length > 0; got = await work.seal(1)) out.push(...got);
  return out;
}

/** A laptop with `n` entries and a head over them, its first exchange's statement, and its key. */
async function laptopWithLog(n: number) {
  const laptopDb = fresh();
  await appendGoverned(...Array.from({ length: n }, (_, i) => event(i)));
  await scheduleHeadRefresh();
  const key = (await deviceKey()).publicKeyJwk;
  const work = await ExchangeWork.start(setup('laptop', 'phone'));
  expect(await work.plan('Laptop', true)).toBe(1);
  return { laptopDb, key, work, first: await sealAll(work) };
}

/** What a fresh phone makes of the laptop's log from these batches. */
async function phoneVerdict(batches: SealedOut[], key: JsonWebKey) {
  const back = last();
  fresh();
  const phone = await ExchangeWork.start(setup('phone', 'laptop', key));
  const out = await phone.open(batches);
  use(back);
  return out.log;
}

describe("this device's statements about its log", () => {
  it('hash only the entries appended since the last one; a changed old entry is named by the next exchange', async () => {
    const { laptopDb, key, work, first } = await laptopWithLog(6);
    // Entry 2 changed in storage after this exchange hashed it (its stored leaf hash kept).
    await db().log.update(2, { payload: { runId: 'run_forged' } });
    await appendGoverned(event(6));
    await scheduleHeadRefresh();
    expect(await work.plan('Laptop', true)).toBe(1);
    const second = await sealAll(work);
    // This exchange hashed only entry 6: what it stated still verifies (the limit it has).
    expect(await phoneVerdict([...first, ...second], key)).toMatchObject({ state: 'verified', size: 7, statements: 2 });

    // The next exchange (the app opened again) hashes every entry again and states what it holds.
    use(laptopDb);
    const next = await ExchangeWork.start(setup('laptop', 'phone'));
    expect((await next.open([...first, ...second])).own).toHaveLength(2);
    expect(await next.plan('Laptop', true)).toBe(1);
    const third = await sealAll(next);
    const verdict = await phoneVerdict([...first, ...second, ...third], key);
    expect(verdict).toMatchObject({ state: 'failed', size: 7 });
    expect(verdict.state === 'failed' && verdict.reason).toMatch(/stored entries no longer give the root it signed at size 7/);
  });

  it('name removed entries in the same exchange, and say nothing new for an unchanged log', async () => {
    const { key, work, first } = await laptopWithLog(5);
    expect(await work.plan('Laptop', true)).toBe(0);
    await db().log.delete(3);
    expect(await work.plan('Laptop', true)).toBe(1);
    const second = await sealAll(work);
    const verdict = await phoneVerdict([...first, ...second], key);
    expect(verdict).toMatchObject({ state: 'failed', size: 5 });
    expect(verdict.state === 'failed' && verdict.reason).toMatch(/log now holds 4: entries were removed/);
  });

  it('an intact log grown across statements verifies, each statement chaining to the one before', async () => {
    const { key, work, first } = await laptopWithLog(3);
    const later: SealedOut[] = [];
    for (let i = 3; i < 40; i += 9) {
      await appendGoverned(...Array.from({ length: 9 }, (_, k) => event(i + k)));
      await scheduleHeadRefresh();
      expect(await work.plan('Laptop', true)).toBe(1);
      later.push(...(await sealAll(work)));
    }
    expect(await phoneVerdict([...first, ...later], key)).toMatchObject({ state: 'verified', size: 48, statements: 6 });
  });
});
