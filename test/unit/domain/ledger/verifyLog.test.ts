import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../src/domain/errors';
import { entryLeafHash, sealEntries, sealEntry } from '../../../../src/domain/ledger/logEntry';
import { fromHex, toHex } from '../../../../src/domain/ledger/bytes';
import { MerkleTree } from '../../../../src/domain/ledger/merkleTree';
import { signTreeHead } from '../../../../src/domain/ledger/treeHead';
import { verifyLog, verifyLogAndTree } from '../../../../src/domain/ledger/verifyLog';
import type { StoredLogEntry } from '../../../../src/domain/ledger/logEntry';
import { sampleEvents, signedLog } from './logFixture';

describe('log entries', () => {
  it('seal the canonical JSON of {seq, kind, at, payload} only', async () => {
    const e = await sealEntry(3, { kind: 'consent', at: 5, payload: { to: 'CONSENT_GIVEN', b: 1, a: 2 } });
    expect(e.leafHash).toBe(toHex(await entryLeafHash({ seq: 3, kind: 'consent', at: 5, payload: { a: 2, b: 1, to: 'CONSENT_GIVEN' } })));
    expect(Object.isFrozen(e)).toBe(true);
  });

  it('refuse an unknown kind, a bad seq or a payload that is not JSON', async () => {
    await expect(sealEntry(0, { kind: 'mystery' as 'scar', at: 0, payload: {} })).rejects.toThrow(ValidationError);
    await expect(sealEntry(-1, { kind: 'scar', at: 0, payload: {} })).rejects.toThrow(/seq/);
    await expect(sealEntry(0, { kind: 'scar', at: 0, payload: { x: Number.NaN } })).rejects.toThrow(/\$\.payload\.x/);
  });
});

describe('verifyLog', () => {
  it('accepts an untouched log and reports its size and root', async () => {
    const { key, entries, sth } = await signedLog(40);
    const v = await verifyLog(entries, sth, key.publicKey);
    expect(v).toMatchObject({ ok: true, size: 40, root: sth.root });
    expect(v.firstBadSeq).toBeUndefined();
  });

  it('hands back the tree it checked: the log\'s own tree, proofs included', async () => {
    const { key, entries, sth } = await signedLog(40);
    const { verification, tree } = await verifyLogAndTree(entries, sth, key.publicKey);
    const stored = await MerkleTree.build(entries.map((e) => fromHex(e.leafHash)));
    expect(verification.ok).toBe(true);
    expect(toHex(tree.root())).toBe(sth.root);
    expect(tree.inclusionProof(17).map(toHex)).toEqual(stored.inclusionProof(17).map(toHex));
  });

  it('accepts the empty log signed as empty', async () => {
    const { key, entries, sth } = await signedLog(0);
    expect(await verifyLog(entries, sth, key.publicKey)).toMatchObject({ ok: true, size: 0 });
  });

  it('names the first entry whose content was edited', async () => {
    const { key, entries, sth } = await signedLog(40);
    const edited: StoredLogEntry[] = entries.map((e) =>
      e.seq === 17 || e.seq === 30 ? { ...e, payload: { ...e.payload, passed: true, forged: 1 } } : e,
    );
    const v = await verifyLog(edited, sth, key.publicKey);
    expect(v.ok).toBe(false);
    expect(v.firstBadSeq).toBe(17);
    expect(v.reason).toMatch(/entry 17 was changed/);
  });

  it('names a missing entry, and a log shorter than the signed head', async () => {
    const { key, entries, sth } = await signedLog(20);
    const gap = entries.filter((e) => e.seq !== 6);
    expect(await verifyLog(gap, sth, key.publicKey)).toMatchObject({ ok: false, firstBadSeq: 6 });
    const truncated = await verifyLog(entries.slice(0, 15), sth, key.publicKey);
    expect(truncated).toMatchObject({ ok: false, size: 15 });
    expect(truncated.reason).toMatch(/signed 20 entries but only 15/);
  });

  it('catches an edit whose stored leaf hash was rewritten too, through the root', async () => {
    const { key, entries, sth } = await signedLog(20);
    const forged = await sealEntry(4, { kind: 'bet_placed', at: entries[4]!.at, payload: { betId: 'b4', confidence: 0.5 } });
    const v = await verifyLog(entries.map((e) => (e.seq === 4 ? forged : e)), sth, key.publicKey);
    expect(v.ok).toBe(false);
    expect(v.reason).toMatch(/differs from the signed root/);
  });

  it('rejects a head with a bad signature or one signed by another key', async () => {
    const { key, entries, sth } = await signedLog(10);
    const other = await signedLog(1);
    expect((await verifyLog(entries, { ...sth, at: sth.at + 1 }, key.publicKey)).ok).toBe(false);
    const v = await verifyLog(entries, sth, other.key.publicKey);
    expect(v).toMatchObject({ ok: false });
    expect(v.reason).toMatch(/does not verify/);
  });

  it('accepts entries appended after the head was signed, and says they are not signed yet', async () => {
    const { key, entries, sth } = await signedLog(12);
    const more = [...entries, ...(await sealEntries(12, sampleEvents(3)))];
    const v = await verifyLog(more, sth, key.publicKey);
    expect(v).toMatchObject({ ok: true, size: 15 });
    expect(v.root).not.toBe(sth.root);
    expect(v.reason).toMatch(/3 newer entries are not signed yet/);
    const resigned = await signTreeHead({ size: 15, root: v.root, at: sth.at + 1 }, key.privateKey);
    expect((await verifyLog(more, resigned, key.publicKey)).ok).toBe(true);
  });
});
