import { describe, expect, it } from 'vitest';
import { buildDossier, verifyDossier } from '../../../../src/domain/ledger/dossier';
import type { Dossier } from '../../../../src/domain/ledger/dossierShape';
import { fromHex } from '../../../../src/domain/ledger/bytes';
import { MerkleTree } from '../../../../src/domain/ledger/merkleTree';
import { signedLog } from './logFixture';

async function dossierOf(n: number, from: number) {
  const { key, entries, sth } = await signedLog(n);
  const dossier = await buildDossier(entries, { from }, sth, key.publicKeyJwk, 'budget crossed at step 40');
  return { dossier, entries, sth, key };
}
const clone = (d: Dossier): Record<string, unknown> => JSON.parse(JSON.stringify(d)) as Record<string, unknown>;

describe('incident dossier', () => {
  it('holds a 16-step window with an inclusion proof for each entry, and verifies as JSON text', async () => {
    const { dossier } = await dossierOf(100, 40);
    expect(dossier.entries.map((e) => e.entry.seq)).toEqual(Array.from({ length: 16 }, (_, i) => 40 + i));
    expect(dossier.entries.every((e) => e.inclusionProof.length === 7)).toBe(true);
    expect(await verifyDossier(JSON.stringify(dossier))).toEqual({ valid: true, size: 100, entries: 16 });
  });

  it('is the same built from a tree the caller already has, and refuses one that is not the head\'s', async () => {
    const { dossier, entries, sth, key } = await dossierOf(100, 40);
    const tree = await MerkleTree.build(entries.slice(0, sth.size).map((e) => fromHex(e.leafHash)));
    expect(await buildDossier(entries, { from: 40 }, sth, key.publicKeyJwk, 'budget crossed at step 40', tree)).toEqual(dossier);
    // Same size, leaves in another order: not the signed tree.
    const other = await MerkleTree.build([...entries.slice(1, sth.size), entries[0]!].map((e) => fromHex(e.leafHash)));
    await expect(buildDossier(entries, { from: 40 }, sth, key.publicKeyJwk, 'x', other)).rejects.toThrow('does not match the signed head');
  });

  it('clips the window at the signed size', async () => {
    const { dossier } = await dossierOf(20, 10);
    expect(dossier.entries).toHaveLength(10);
    expect((await verifyDossier(dossier)).valid).toBe(true);
  });

  it('names the entry whose content was changed', async () => {
    const d = clone((await dossierOf(64, 16)).dossier);
    const entries = d.entries as { entry: { payload: Record<string, unknown> } }[];
    entries[5]!.entry.payload.confidence = 0.99;
    expect(await verifyDossier(d)).toMatchObject({ valid: false, seq: 21, path: 'entries[5]' });
  });

  it('names the entry whose proof was changed', async () => {
    const d = clone((await dossierOf(64, 0)).dossier);
    const proof = (d.entries as { inclusionProof: string[] }[])[3]!.inclusionProof;
    proof[2] = proof[2]!.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    const v = await verifyDossier(d);
    expect(v).toMatchObject({ valid: false, seq: 3 });
    expect(v.valid ? '' : v.reason).toMatch(/entry 3 is not in the signed log/);
  });

  it('says the signature is bad when the head was changed', async () => {
    const d = clone((await dossierOf(30, 0)).dossier);
    (d.signedTreeHead as { at: number }).at += 1;
    expect(await verifyDossier(d)).toMatchObject({ valid: false, path: 'signedTreeHead.signature' });
  });

  it('refuses a dossier that leaves an entry of the window out or reorders it', async () => {
    const base = clone((await dossierOf(30, 0)).dossier);
    const dropped = { ...base, entries: (base.entries as unknown[]).filter((_, i) => i !== 7) };
    expect(await verifyDossier(dropped)).toMatchObject({ valid: false, path: 'entries' });
    const swapped = (base.entries as unknown[]).slice();
    [swapped[1], swapped[2]] = [swapped[2], swapped[1]];
    expect(await verifyDossier({ ...base, entries: swapped })).toMatchObject({ valid: false, path: 'entries[1].entry.seq' });
  });

  it.each([
    ['entries[2].inclusionProof[1]', (d: Record<string, unknown>) => {
      (d.entries as { inclusionProof: unknown[] }[])[2]!.inclusionProof[1] = 'XYZ';
    }],
    ['signedTreeHead.root', (d: Record<string, unknown>) => {
      (d.signedTreeHead as Record<string, unknown>).root = 42;
    }],
    ['window.size', (d: Record<string, unknown>) => {
      (d.window as Record<string, unknown>).size = 0;
    }],
    ['publicKeyJwk.crv', (d: Record<string, unknown>) => {
      (d.publicKeyJwk as Record<string, unknown>).crv = 'P-384';
    }],
    ['entries[0].entry.kind', (d: Record<string, unknown>) => {
      (d.entries as { entry: Record<string, unknown> }[])[0]!.entry.kind = 'nonsense';
    }],
    ['schema', (d: Record<string, unknown>) => {
      d.schema = 'other';
    }],
  ])('names a malformed field by its path: %s', async (path, mutate) => {
    const d = clone((await dossierOf(20, 0)).dossier);
    mutate(d);
    expect(await verifyDossier(d)).toMatchObject({ valid: false, path });
  });

  it('says so when the text is not JSON, and when the key is unusable', async () => {
    expect(await verifyDossier('{"schema":')).toMatchObject({ valid: false, path: '$' });
    const d = clone((await dossierOf(20, 0)).dossier);
    (d.publicKeyJwk as Record<string, unknown>).x = 'AAAA';
    expect(await verifyDossier(d)).toMatchObject({ valid: false, path: 'publicKeyJwk' });
  });

  it('will not build from a log that no longer matches the head', async () => {
    const { key, entries, sth } = await signedLog(20);
    const edited = entries.map((e) => (e.seq === 3 ? { ...e, payload: { forged: true } } : e));
    await expect(buildDossier(edited, { from: 0 }, sth, key.publicKeyJwk, 'x')).rejects.toThrow(/entry 3 was changed/);
    await expect(buildDossier(entries, { from: 20 }, sth, key.publicKeyJwk, 'x')).rejects.toThrow(/window.from/);
  });
});
