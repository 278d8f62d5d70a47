import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { specDocId, type DeviceRecord, type SpecDocBody } from '../../../src/domain/devices/records';
import { deviceKey } from '../../../src/store/deviceKeyRepo';
import { ExchangeWork, type SealedOut } from '../../../src/store/deviceExchangeWork';
import { exchangeSetup, exchangeTestDbs } from './exchangeTestDbs';
import { scheduleHeadRefresh } from '../../../src/store/headsRepo';
import { appendGoverned } from '../../../src/store/logRepo';
import { batchBytes, batchNames, replaceBatches, writeBatches } from '../../../src/sync/devices/recordDoc';
import { mergeSpecRecords } from '../../../src/sync/devices/specCompaction';

/*
 * Spec text between paired devices (specDoc records, one Yjs update per push) is compacted: once
 * a device has enough batches of its own spec text in the pairing's document, they are replaced
 * by one snapshot per spec (Y.mergeUpdates). The text stays whole, the document gets smaller, and
 * a device that opened only some of the replaced batches, or none, ends with the same text.
 */
const { use, fresh } = exchangeTestDbs('compaction');
const setup = exchangeSetup;

async function sealAll(work: ExchangeWork): Promise<SealedOut[]> {
  const out: SealedOut[] = [];
  for (let got = await work.seal(1); got.length > 0; got = await work.seal(1)) out.push(...got);
  return out;
}

/** A device that reads the pairing's document: opens what it has not opened and applies the spec text it gets. */
async function reader(dbName: string, key: JsonWebKey) {
  use(dbName);
  const work = await ExchangeWork.start(setup('phone', 'laptop', key));
  const seen = new Set<string>();
  const texts = new Map<string, Y.Doc>();
  return {
    async read(pairing: Y.Doc) {
      use(dbName);
      const batches = batchNames(pairing).filter((n) => !seen.has(n)).map((name) => (seen.add(name), { name, bytes: batchBytes(pairing, name)! }));
      const out = await work.open(batches);
      for (const r of out.specDocs) {
        const { specId, update } = r.body as SpecDocBody;
        if (!texts.has(specId)) texts.set(specId, new Y.Doc());
        Y.applyUpdate(texts.get(specId)!, update);
      }
      return out;
    },
    text: (specId: string) => texts.get(specId)?.getText('body').toString(),
  };
}

describe('spec text between paired devices', () => {
  it('is merged into a snapshot per spec once there are enough batches of it; every reader ends with the same text', async () => {
    const laptopDb = fresh();
    await appendGoverned({ kind: 'run_recorded', at: 1, payload: { runId: 'run_0' } });
    await scheduleHeadRefresh();
    const key = (await deviceKey()).publicKeyJwk;
    const laptop = await ExchangeWork.start(setup('laptop', 'phone'));
    const pairing = new Y.Doc();
    expect(await laptop.plan('Laptop', true)).toBe(1);
    writeBatches(pairing, await sealAll(laptop));

    // Two specs edited on the laptop: 40 pushes of spec_a's text, 5 of spec_b's, a batch each.
    const specs = new Map([['spec_a', new Y.Doc()], ['spec_b', new Y.Doc()]]);
    const push = async (specId: string, edit: (t: Y.Text) => void) => {
      const doc = specs.get(specId)!;
      let update: Uint8Array | undefined;
      const take = (u: Uint8Array) => (update = u);
      doc.on('update', take);
      edit(doc.getText('body'));
      doc.off('update', take);
      const r: DeviceRecord = { kind: 'specDoc', id: specDocId(specId, update!), origin: 'laptop', body: { specId, update: update! } };
      expect(laptop.offer([r])).toBe(1);
      writeBatches(pairing, await sealAll(laptop));
    };
    for (let i = 0; i < 40; i++) await push('spec_a', (t) => (i % 7 === 6 ? t.delete(0, 3) : t.insert(t.length, `line ${i}\n`)));
    for (let i = 0; i < 5; i++) await push('spec_b', (t) => t.insert(0, `b${i} `));

    // The phone opened what the document held after 10 pushes of spec_a only.
    const phoneDb = fresh();
    const phone = await reader(phoneDb, key);
    const early = new Y.Doc();
    Y.applyUpdate(early, Y.encodeStateAsUpdate(pairing));
    const early10 = batchNames(early).slice(0, 11);
    for (const n of batchNames(early)) if (!early10.includes(n)) early.getMap('batches').delete(n);
    expect((await phone.read(early)).log.state).toBe('verified');
    expect(phone.text('spec_a')).toContain('line 9\n');
    expect(phone.text('spec_a')).not.toContain('line 10');

    use(laptopDb);
    expect(laptop.state().specBatches).toBe(45);
    const before = Y.encodeStateAsUpdate(pairing).length;
    // Below the threshold nothing changes.
    expect(await laptop.compact(46, mergeSpecRecords)).toEqual({ sealed: [], removed: [] });
    const { sealed, removed } = await laptop.compact(32, mergeSpecRecords);
    expect(removed).toHaveLength(45);
    expect(sealed.reduce((n, b) => n + b.records, 0)).toBe(2);
    replaceBatches(pairing, sealed, removed);
    expect(laptop.state().specBatches).toBe(sealed.length);
    expect(batchNames(pairing)).toHaveLength(1 + sealed.length);
    const after = Y.encodeStateAsUpdate(pairing).length;
    expect(after).toBeLessThan(before);

    const want = (id: string) => specs.get(id)!.getText('body').toString();
    expect(want('spec_a')).toContain('line 39');
    // The phone, which had spec_a's first pushes, and a device that opened nothing before: the same text.
    await phone.read(pairing);
    expect(phone.text('spec_a')).toBe(want('spec_a'));
    expect(phone.text('spec_b')).toBe(want('spec_b'));
    const late = await reader(fresh(), key);
    await late.read(pairing);
    expect(late.text('spec_a')).toBe(want('spec_a'));
    expect(late.text('spec_b')).toBe(want('spec_b'));
  });

  it('keeps an update Yjs cannot read as it is, and a single record as it is', () => {
    const good = new Y.Doc();
    let u: Uint8Array | undefined;
    good.on('update', (x: Uint8Array) => (u = x));
    good.getText('body').insert(0, 'x');
    const one: DeviceRecord = { kind: 'specDoc', id: 'spec_a@1', origin: 'laptop', body: { specId: 'spec_a', update: u! } };
    expect(mergeSpecRecords([one])).toEqual([one]);
    const bad: DeviceRecord[] = [1, 2].map((i) => ({ kind: 'specDoc', id: `spec_c@${i}`, origin: 'laptop', body: { specId: 'spec_c', update: new Uint8Array([255, 255, 255, i]) } }));
    expect(mergeSpecRecords(bad)).toEqual(bad);
  });
});
