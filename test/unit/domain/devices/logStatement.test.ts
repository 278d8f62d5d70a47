import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../../src/domain/ledger/bytes';
import { sealEntries, type StoredLogEntry } from '../../../../src/domain/ledger/logEntry';
import { MerkleAccumulator } from '../../../../src/domain/ledger/merkleAccumulator';
import { generateDeviceKey, signTreeHead, type DeviceKey, type SignedTreeHead } from '../../../../src/domain/ledger/treeHead';
import { buildStatement, statementId, verifyStatements, type LogStatement } from '../../../../src/domain/devices/logStatement';
import { sampleEvents } from '../ledger/logFixture';

const T0 = Date.UTC(2025, 0, 1);

/** A device's log: entries, and a head signed after each size in `signAt`. */
async function device(n: number, signAt: number[], key?: DeviceKey) {
  const k = key ?? (await generateDeviceKey());
  const entries = await sealEntries(0, sampleEvents(n));
  const heads: SignedTreeHead[] = [];
  for (const size of signAt) {
    const acc = await MerkleAccumulator.fromLeafHashes(entries.slice(0, size).map((e) => fromHex(e.leafHash)));
    heads.push(await signTreeHead({ size, root: toHex(await acc.root()), at: T0 + size }, k.privateKey));
  }
  return { key: k, entries, heads };
}

const state = (heads: SignedTreeHead[], entries: StoredLogEntry[], key: DeviceKey, previous: LogStatement | null = null, at = T0) =>
  buildStatement({ device: 'device_c', name: 'Phone', publicKey: key.publicKeyJwk, heads, entries, previous: previous && { size: previous.head.size, root: previous.head.root }, at });

describe('log statements', () => {
  it('verify for an intact log, and chain from one statement to the next', async () => {
    const d = await device(40, [1, 5, 12]);
    const first = (await state(d.heads, d.entries.slice(0, 12), d.key))!;
    expect(first.head.size).toBe(12);
    expect(first.earliest.size).toBe(1);
    const later = await device(40, [1, 5, 12, 31], d.key);
    // Same key and events, so the same log grown further.
    const second = (await state(later.heads, later.entries.slice(0, 31), d.key, first, T0 + 1))!;
    expect(statementId(second)).not.toBe(statementId(first));
    await expect(verifyStatements([second, first], d.key.publicKeyJwk)).resolves.toMatchObject({ state: 'verified', size: 31, statements: 2 });
  });

  it('fail, in words, for an entry changed in storage after it was signed', async () => {
    const d = await device(20, [1, 8, 20]);
    const tampered = d.entries.map((e) => (e.seq === 5 ? { ...e, payload: { ...e.payload, confidence: 0.99 } } : e));
    const s = (await state(d.heads, tampered, d.key))!;
    const v = await verifyStatements([s], d.key.publicKeyJwk);
    expect(v).toMatchObject({ state: 'failed' });
    expect(v.state === 'failed' && v.reason).toMatch(/stored entries no longer give the root it signed at size 20/);
  });

  it('fail when its leaf hashes were rewritten with the entry (the proofs do not add up)', async () => {
    const d = await device(20, [1, 8, 20]);
    const rewritten = await sealEntries(0, sampleEvents(20).map((e, i) => (i === 3 ? { ...e, payload: { changed: true } } : e)));
    const s = (await state(d.heads, rewritten, d.key))!;
    const forged = { ...s, recomputedRoot: s.head.root };
    const v = await verifyStatements([forged], d.key.publicKeyJwk);
    expect(v.state === 'failed' && v.reason).toMatch(/not consistent with its earliest head/);
  });

  it('fail for removed entries, another key, and two logs of one size', async () => {
    const d = await device(20, [1, 20]);
    const short = (await state(d.heads, d.entries.slice(0, 15), d.key))!;
    expect(await verifyStatements([short], d.key.publicKeyJwk)).toMatchObject({ state: 'failed', reason: expect.stringMatching(/removed/) });

    const ok = (await state(d.heads, d.entries, d.key))!;
    const stranger = await generateDeviceKey();
    expect(await verifyStatements([ok], stranger.publicKeyJwk)).toMatchObject({ state: 'failed', reason: expect.stringMatching(/another signing key/) });

    const other = await device(20, [1, 20], d.key);
    const fork = await sealEntries(0, sampleEvents(20).map((e, i) => (i === 10 ? { ...e, at: e.at + 1 } : e)));
    const acc = await MerkleAccumulator.fromLeafHashes(fork.map((e) => fromHex(e.leafHash)));
    const forkHead = await signTreeHead({ size: 20, root: toHex(await acc.root()), at: T0 + 99 }, d.key.privateKey);
    const forked = (await state([other.heads[0]!, forkHead], fork, d.key, null, T0 + 5))!;
    expect(await verifyStatements([ok, forked], d.key.publicKeyJwk)).toMatchObject({ state: 'failed', reason: expect.stringMatching(/two different logs of 20 entries/) });
  });

  it('wait for a statement it chains to, and say when nothing was stated', async () => {
    const d = await device(30, [1, 10, 30]);
    const first = (await state(d.heads.slice(0, 2), d.entries.slice(0, 10), d.key))!;
    const second = (await state(d.heads, d.entries, d.key, first))!;
    expect(await verifyStatements([second], d.key.publicKeyJwk)).toMatchObject({ state: 'waiting' });
    expect(await verifyStatements([])).toMatchObject({ state: 'waiting' });
    expect(await state([], [], d.key)).toBeNull();
  });
});
