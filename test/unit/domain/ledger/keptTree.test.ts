import { describe, expect, it } from 'vitest';
import { toHex } from '../../../../src/domain/ledger/bytes';
import { KeptTree } from '../../../../src/domain/ledger/keptTree';
import { MerkleTree } from '../../../../src/domain/ledger/merkleTree';
import { verifyConsistency, verifyInclusion } from '../../../../src/domain/ledger/merkleVerify';
import { leafHash } from '../../../../src/domain/ledger/sha256';
import { mulberry32 } from '../../../../src/domain/random';

// MerkleTree is checked against an independent RFC 9162 reference and the CT test vectors in
// merkle.test.ts; KeptTree must agree with it on every root and proof, at every size.
const leaves = (n: number) => Promise.all(Array.from({ length: n }, (_, i) => leafHash(new TextEncoder().encode(`entry ${i}`))));
const hex = (hs: readonly Uint8Array[]) => hs.map(toHex);

async function grown(all: Uint8Array[], steps: number[]): Promise<KeptTree> {
  const tree = new KeptTree();
  let at = 0;
  for (const step of steps) {
    await tree.append(all.slice(at, at + step));
    at += step;
  }
  return tree;
}

describe('KeptTree', () => {
  it('gives the same roots, inclusion and consistency proofs as MerkleTree for every size up to 40', async () => {
    const all = await leaves(40);
    const tree = await grown(all, [1, 2, 3, 5, 8, 13, 8]);
    expect(tree.size).toBe(40);
    for (let n = 0; n <= 40; n++) {
      const ref = await MerkleTree.build(all.slice(0, n));
      expect(toHex(await tree.root(n)), `root of ${n}`).toBe(toHex(ref.root()));
      for (let i = 0; i < n; i++) expect(hex(await tree.inclusionProof(i, n)), `PATH(${i}, ${n})`).toEqual(hex(ref.inclusionProof(i)));
      for (let m = 0; m <= n; m++) expect(hex(await tree.consistencyProof(m, n)), `PROOF(${m}, ${n})`).toEqual(hex(ref.consistencyProof(m)));
    }
  });

  it('grows the same however the leaves arrive, and its proofs verify (random sizes, seeded)', async () => {
    const seed = Number(process.env.SEED ?? 15);
    const rand = mulberry32(seed);
    const all = await leaves(700);
    for (let round = 0; round < 6; round++) {
      const steps: number[] = [];
      for (let left = 700; left > 0; ) {
        const s = Math.min(left, 1 + Math.floor(rand() * 150));
        steps.push(s);
        left -= s;
      }
      const tree = await grown(all, steps);
      const n = 1 + Math.floor(rand() * 700);
      const m = Math.floor(rand() * (n + 1));
      const i = Math.floor(rand() * n);
      const root = await tree.root(n);
      const oldRoot = await tree.root(m);
      expect(toHex(root), `seed ${seed}, steps ${steps}`).toBe(toHex((await MerkleTree.build(all.slice(0, n))).root()));
      expect(await verifyInclusion(all[i]!, i, n, await tree.inclusionProof(i, n), root), `seed ${seed}`).toBe(true);
      expect(await verifyConsistency(m, n, await tree.consistencyProof(m, n), oldRoot, root), `seed ${seed}`).toBe(true);
    }
  });

  it('round-trips through its complete nodes, and refuses levels too short for the size', async () => {
    const all = await leaves(100);
    const tree = await grown(all, [37, 63]);
    const copy = KeptTree.fromLevels(77, tree.completeNodes());
    expect(toHex(await copy.root())).toBe(toHex(await tree.root(77)));
    await copy.append(all.slice(77));
    expect(toHex(await copy.root())).toBe(toHex(await tree.root()));
    const short = tree.completeNodes().map((l, level) => (level === 2 ? l.slice(0, 32) : l));
    expect(() => KeptTree.fromLevels(100, short)).toThrow(RangeError);
  });

  it('truncates to an earlier size and grows again from there', async () => {
    const all = await leaves(50);
    const other = await leaves(60);
    const tree = await grown(all, [50]);
    tree.truncate(21);
    await tree.append(other.slice(21, 60));
    const expected = (await MerkleTree.build([...all.slice(0, 21), ...other.slice(21, 60)])).root();
    expect(toHex(await tree.root())).toBe(toHex(expected));
  });

  it('refuses sizes and indices outside the tree', async () => {
    const tree = await grown(await leaves(5), [5]);
    await expect(tree.root(6)).rejects.toThrow(RangeError);
    await expect(tree.inclusionProof(5, 5)).rejects.toThrow(RangeError);
    await expect(tree.consistencyProof(4, 3)).rejects.toThrow(RangeError);
  });

  it('from the tails of its levels (its frontier) gives the same roots and consistency proofs, and refuses older nodes', async () => {
    const all = await leaves(120);
    const whole = await grown(all, [120]);
    for (const m of [1, 2, 63, 64, 77, 100]) {
      // Each level from its last complete node only: the least a tail may hold.
      const source = await grown(all, [m]);
      const tails = source.completeNodes().map((bytes) => ({ first: bytes.length / 32 - 1, bytes: bytes.slice(-32) }));
      const tail = KeptTree.fromTails(m, tails);
      expect(tail.whole, `tail of ${m}`).toBe(m === 1);
      expect(toHex(await tail.root()), `root of ${m}`).toBe(toHex(await whole.root(m)));
      await tail.append(all.slice(m));
      for (const n of [m, m + 1, 119, 120]) {
        if (n > 120) continue;
        expect(toHex(await tail.root(n)), `root of ${n} grown from ${m}`).toBe(toHex(await whole.root(n)));
        expect(hex(await tail.consistencyProof(m, n)), `PROOF(${m}, ${n})`).toEqual(hex(await whole.consistencyProof(m, n)));
      }
      // The newest leaf's path needs only new nodes and the frontier; the first leaf's does not.
      if (m >= 4) await expect(tail.inclusionProof(0)).rejects.toThrow(RangeError);
      expect(hex(await tail.inclusionProof(119)), `PATH(119) grown from ${m}`).toEqual(hex(await whole.inclusionProof(119)));
      const held = tail.heldNodes();
      expect(held.every(({ first, bytes }, level) => first + bytes.length / 32 === Math.floor(120 / 2 ** level)), `held nodes grown from ${m}`).toBe(true);
    }
    const short = (await grown(all, [77])).completeNodes().map((bytes) => ({ first: bytes.length / 32 - 1, bytes: bytes.slice(-32) }));
    expect(() => KeptTree.fromTails(78, short)).toThrow(RangeError);
    expect(() => KeptTree.fromTails(77, short.map((t, level) => (level === 1 ? { ...t, first: t.first + 1 } : t)))).toThrow(RangeError);
    expect(() => KeptTree.fromTails(77, short).completeNodes()).toThrow(RangeError);
    expect(() => KeptTree.fromTails(77, short).truncate(40)).toThrow(RangeError);
  });

  it('from its frontier and the few older nodes each proof names (adopt), gives every proof of the whole tree', async () => {
    const all = await leaves(120);
    const whole = await grown(all, [120]);
    const nodes = whole.completeNodes();
    const nodeOf = (level: number, index: number) => (nodes[level] as Uint8Array).slice(index * 32, (index + 1) * 32);
    for (const m of [5, 64, 77, 100]) {
      const source = await grown(all, [m]);
      const tails = source.completeNodes().map((bytes) => ({ first: bytes.length / 32 - 1, bytes: bytes.slice(-32) }));
      const tail = KeptTree.fromTails(m, tails);
      await tail.append(all.slice(m));
      for (const n of [m, 101, 120]) {
        if (n < m) continue;
        for (let i = 0; i < n; i++) {
          const missing = tail.missingForInclusion(i, n);
          // O(log n) at most: one node per level of the path.
          expect(missing.length, `PATH(${i}, ${n}) from ${m}`).toBeLessThanOrEqual(8);
          for (const { level, index } of missing) tail.adopt(level, index, nodeOf(level, index));
          expect(tail.missingForInclusion(i, n)).toEqual([]);
          expect(hex(await tail.inclusionProof(i, n)), `PATH(${i}, ${n}) from ${m}`).toEqual(hex(await whole.inclusionProof(i, n)));
        }
        for (const { level, index } of tail.missingForRoot(n)) tail.adopt(level, index, nodeOf(level, index));
        expect(toHex(await tail.root(n)), `root of ${n} from ${m}`).toBe(toHex(await whole.root(n)));
      }
    }
  });

  it('forgets adopted nodes past a truncation and refuses nodes that are not complete', async () => {
    const all = await leaves(100);
    const whole = await grown(all, [100]);
    const nodes = whole.completeNodes();
    const tails = nodes.map((bytes) => ({ first: Math.max(0, bytes.length / 32 - 2), bytes: bytes.slice(-64) }));
    const tail = KeptTree.fromTails(100, tails);
    const [first] = tail.missingForInclusion(0);
    expect(first).toEqual({ level: 0, index: 1 });
    tail.adopt(0, 1, (nodes[0] as Uint8Array).slice(32, 64));
    expect(tail.missingForInclusion(0).some((n) => n.level === 0)).toBe(false);
    expect(() => tail.adopt(0, 100, new Uint8Array(32))).toThrow(RangeError);
    expect(() => tail.adopt(0, 2, new Uint8Array(31))).toThrow(RangeError);
    expect(() => tail.adopt(9, 0, new Uint8Array(32))).toThrow(RangeError);
    // An adopted node is not stored by a save (heldNodes holds the tails only).
    expect(tail.heldNodes()[0]?.first).toBe(98);
  });
});
