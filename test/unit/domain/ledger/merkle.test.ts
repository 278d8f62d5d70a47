import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../../src/domain/ledger/bytes';
import { MerkleAccumulator } from '../../../../src/domain/ledger/merkleAccumulator';
import { MerkleTree, consistencyProof, inclusionProof, merkleRoot } from '../../../../src/domain/ledger/merkleTree';
import { verifyConsistency, verifyInclusion } from '../../../../src/domain/ledger/merkleVerify';
import { emptyRoot, leafHash } from '../../../../src/domain/ledger/sha256';
import { mulberry32 } from '../../../../src/domain/random';

// --- An independent reference, straight from RFC 9162 2.1.1 / 2.1.3.1 / 2.1.4.1 ----------
// It works on raw entries, recomputes every subtree from scratch and shares no code with
// src/domain/ledger beyond WebCrypto's SHA-256.
async function H(...parts: Uint8Array[]): Promise<Uint8Array> {
  const all = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', all));
}
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
async function MTH(d: Uint8Array[]): Promise<Uint8Array> {
  if (d.length === 0) return H();
  if (d.length === 1) return H(Uint8Array.of(0), d[0]!);
  const k = split(d.length);
  return H(Uint8Array.of(1), await MTH(d.slice(0, k)), await MTH(d.slice(k)));
}
/** PATH(m, D[n]) plus, per node, whether the sibling sits on the left (the proof's "shape"). */
async function PATH(m: number, d: Uint8Array[]): Promise<{ hash: Uint8Array; left: boolean }[]> {
  if (d.length <= 1) return [];
  const k = split(d.length);
  if (m < k) return [...(await PATH(m, d.slice(0, k))), { hash: await MTH(d.slice(k)), left: false }];
  return [...(await PATH(m - k, d.slice(k))), { hash: await MTH(d.slice(0, k)), left: true }];
}
async function SUBPROOF(m: number, d: Uint8Array[], b: boolean): Promise<Uint8Array[]> {
  if (m === d.length) return b ? [] : [await MTH(d)];
  const k = split(d.length);
  if (m <= k) return [...(await SUBPROOF(m, d.slice(0, k), b)), await MTH(d.slice(k))];
  return [...(await SUBPROOF(m - k, d.slice(k), false)), await MTH(d.slice(0, k))];
}
const PROOF = (m: number, d: Uint8Array[]) => (m === 0 || m === d.length ? Promise.resolve([]) : SUBPROOF(m, d, true));
// ------------------------------------------------------------------------------------------

// The Certificate Transparency test entries and their published roots for sizes 1..8.
const CT_ENTRIES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(fromHex);
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

const flip = (h: Uint8Array, byte = 0): Uint8Array => {
  const c = h.slice();
  c[byte % c.length]! ^= 0x01;
  return c;
};
const entriesOf = (n: number, seed = 1): Uint8Array[] => {
  const r = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => Uint8Array.from({ length: 1 + (i % 5) }, () => Math.floor(r() * 256)));
};

describe('RFC 9162 tree hash', () => {
  it('knows the fixed values: empty tree = SHA-256(""), empty entry leaf = SHA-256(0x00)', async () => {
    expect(toHex(await emptyRoot())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(await leafHash(new Uint8Array(0)))).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    expect(toHex(await merkleRoot([]))).toBe(CT_ROOTS[0]);
  });

  it('matches the reference MTH and the published CT roots for 0..8 leaves', async () => {
    const leaves = await Promise.all(CT_ENTRIES.map(leafHash));
    for (let n = 0; n <= 8; n++) {
      const want = toHex(await MTH(CT_ENTRIES.slice(0, n)));
      expect(want, `reference, size ${n}`).toBe(CT_ROOTS[n]);
      expect(toHex(await merkleRoot(leaves.slice(0, n))), `tree, size ${n}`).toBe(want);
      const acc = await MerkleAccumulator.fromLeafHashes(leaves.slice(0, n));
      expect(toHex(await acc.root()), `accumulator, size ${n}`).toBe(want);
    }
  });

  it('produces the published CT inclusion and consistency proofs', async () => {
    const tree = await MerkleTree.build(await Promise.all(CT_ENTRIES.map(leafHash)));
    expect(tree.inclusionProof(0).map(toHex)).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(tree.inclusionProof(5).map(toHex)).toEqual([
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(tree.consistencyProof(2).map(toHex)).toEqual([
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(tree.consistencyProof(6).map(toHex)).toEqual([
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
  });

  it('agrees with the reference on random trees up to 1000 leaves, including every earlier size', async () => {
    const r = mulberry32(2024);
    for (const n of [9, 10 + Math.floor(r() * 90), 100 + Math.floor(r() * 400), 1000]) {
      const entries = entriesOf(n, n);
      const leaves = await Promise.all(entries.map(leafHash));
      const tree = await MerkleTree.build(leaves);
      expect(toHex(tree.root()), `size ${n}`).toBe(toHex(await MTH(entries)));
      let acc = MerkleAccumulator.empty();
      for (let m = 0; m <= n; m++) {
        if (m > 0) acc = await acc.append(leaves[m - 1]!);
        if (m % 125 === 0 || m === n || m < 9) {
          const want = toHex(await MTH(entries.slice(0, m)));
          expect(toHex(await acc.root()), `accumulator ${m}/${n}`).toBe(want);
          expect(toHex(await tree.prefixRoot(m)), `prefix ${m}/${n}`).toBe(want);
        }
      }
    }
  });

  it('refuses sizes and indices outside the tree', async () => {
    const leaves = await Promise.all(CT_ENTRIES.map(leafHash));
    await expect(inclusionProof(leaves, 8)).rejects.toThrow(RangeError);
    await expect(inclusionProof(leaves, -1)).rejects.toThrow(RangeError);
    await expect(consistencyProof(leaves, 9)).rejects.toThrow(RangeError);
  });
});

describe('inclusion proofs (RFC 9162 2.1.3)', () => {
  it('for every leaf of every tree of 1..8 leaves: matches PATH, verifies, and rejects tampering', async () => {
    for (let n = 1; n <= 8; n++) {
      const entries = CT_ENTRIES.slice(0, n);
      const leaves = await Promise.all(entries.map(leafHash));
      const tree = await MerkleTree.build(leaves);
      const root = tree.root();
      for (let i = 0; i < n; i++) {
        const ref = await PATH(i, entries);
        const proof = tree.inclusionProof(i);
        const at = `leaf ${i} of ${n}`;
        expect(proof.map(toHex), at).toEqual(ref.map((p) => toHex(p.hash)));
        expect(await verifyInclusion(leaves[i]!, i, n, proof, root), at).toBe(true);
        expect(await verifyInclusion(flip(leaves[i]!), i, n, proof, root), `${at}: other leaf`).toBe(false);
        expect(await verifyInclusion(leaves[i]!, i, n, proof, flip(root, 31)), `${at}: other root`).toBe(false);
        for (let j = 0; j < proof.length; j++) {
          const bad = proof.map((h, x) => (x === j ? flip(h, 7 * j) : h));
          expect(await verifyInclusion(leaves[i]!, i, n, bad, root), `${at}: node ${j} flipped`).toBe(false);
        }
        for (let j = 0; j < n; j++) {
          if (j !== i) expect(await verifyInclusion(leaves[i]!, j, n, proof, root), `${at}: as index ${j}`).toBe(false);
        }
        expect(await verifyInclusion(leaves[i]!, i, n, [...proof, root], root), `${at}: extra node`).toBe(false);
        if (proof.length > 0) {
          expect(await verifyInclusion(leaves[i]!, i, n, proof.slice(1), root), `${at}: first node missing`).toBe(false);
          expect(await verifyInclusion(leaves[i]!, i, n, proof.slice(0, -1), root), `${at}: last node missing`).toBe(false);
        }
        // A wrong size only goes unnoticed when it gives the very same left/right shape
        // (the signature binds size and root, so a log cannot exploit that); otherwise it must fail.
        for (let size = 0; size <= 10; size++) {
          if (size === n) continue;
          const sameShape =
            i < size && JSON.stringify((await PATH(i, entriesOf(size))).map((p) => p.left)) === JSON.stringify(ref.map((p) => p.left));
          expect(await verifyInclusion(leaves[i]!, i, size, proof, root), `${at}: claimed size ${size}`).toBe(sameShape);
        }
      }
    }
  });

  it('verifies every leaf of random trees up to 1000 leaves, and rejects a flipped byte', async () => {
    const r = mulberry32(99);
    for (const n of [33, 200 + Math.floor(r() * 300), 1000]) {
      const leaves = await Promise.all(entriesOf(n, 7 * n).map(leafHash));
      const tree = await MerkleTree.build(leaves);
      const root = tree.root();
      const ok = await Promise.all(leaves.map((l, i) => verifyInclusion(l, i, n, tree.inclusionProof(i), root)));
      expect(ok.every(Boolean), `size ${n}`).toBe(true);
      const i = Math.floor(r() * n);
      const proof = tree.inclusionProof(i);
      const j = Math.floor(r() * proof.length);
      const bad = proof.map((h, x) => (x === j ? flip(h, 13) : h));
      expect(await verifyInclusion(leaves[i]!, i, n, bad, root)).toBe(false);
      expect(await verifyInclusion(leaves[i]!, i, n + 1, [...proof, root], root)).toBe(false);
    }
  });
});

describe('growing a tree (the ledger worker keeps one per signed head)', () => {
  it('extends to exactly the tree built from scratch, by any steps, from any size', async () => {
    const r = mulberry32(77);
    for (const n of [1, 2, 3, 17, 64, 65, 300 + Math.floor(r() * 200)]) {
      const leaves = await Promise.all(entriesOf(n, 3 * n).map(leafHash));
      let tree = await MerkleTree.build([]);
      for (let m = 0; m < n; ) {
        const step = Math.min(n - m, 1 + Math.floor(r() * (r() < 0.3 ? 40 : 4)));
        tree = await tree.extend(leaves.slice(m, m + step));
        m += step;
        const built = await MerkleTree.build(leaves.slice(0, m));
        expect(tree.size).toBe(m);
        expect(toHex(tree.root()), `${m}/${n}`).toBe(toHex(built.root()));
        for (let i = 0; i < m; i += 1 + Math.floor(m / 20)) expect(tree.inclusionProof(i).map(toHex), `leaf ${i} of ${m}`).toEqual(built.inclusionProof(i).map(toHex));
        const old = Math.floor(r() * (m + 1));
        expect(tree.consistencyProof(old).map(toHex), `${old} -> ${m}`).toEqual(built.consistencyProof(old).map(toHex));
      }
      expect(toHex(tree.root())).toBe(toHex(await MTH(entriesOf(n, 3 * n))));
      expect(await tree.extend([])).toBe(tree);
    }
  });
});

describe('consistency proofs (RFC 9162 2.1.4)', () => {
  it('for every 0 <= m <= n <= 8: matches PROOF, verifies, and rejects tampering', async () => {
    const leaves = await Promise.all(CT_ENTRIES.map(leafHash));
    const roots = CT_ROOTS.map(fromHex);
    for (let n = 0; n <= 8; n++) {
      const tree = await MerkleTree.build(leaves.slice(0, n));
      for (let m = 0; m <= n; m++) {
        const at = `${m} -> ${n}`;
        const proof = tree.consistencyProof(m);
        expect(proof.map(toHex), at).toEqual((await PROOF(m, CT_ENTRIES.slice(0, n))).map(toHex));
        expect(await verifyConsistency(m, n, proof, roots[m]!, roots[n]!), at).toBe(true);
        expect(await verifyConsistency(m, n, proof, flip(roots[m]!), roots[n]!), `${at}: other old root`).toBe(false);
        // Every tree extends the empty one, so only a non-empty old tree pins the new root.
        if (m > 0) expect(await verifyConsistency(m, n, proof, roots[m]!, flip(roots[n]!, 9)), `${at}: other new root`).toBe(false);
        for (let j = 0; j < proof.length; j++) {
          const bad = proof.map((h, x) => (x === j ? flip(h, 5 + j) : h));
          expect(await verifyConsistency(m, n, bad, roots[m]!, roots[n]!), `${at}: node ${j} flipped`).toBe(false);
        }
        expect(await verifyConsistency(m, n, [...proof, roots[0]!], roots[m]!, roots[n]!), `${at}: extra node`).toBe(false);
        if (proof.length > 0) {
          expect(await verifyConsistency(m, n, proof.slice(1), roots[m]!, roots[n]!), `${at}: first missing`).toBe(false);
          expect(await verifyConsistency(m, n, proof.slice(0, -1), roots[m]!, roots[n]!), `${at}: last missing`).toBe(false);
        }
        if (m < n) expect(await verifyConsistency(n, m, proof, roots[n]!, roots[m]!), `${at}: sizes swapped`).toBe(false);
        // Claimed sizes whose proof has another length can never be satisfied by this proof.
        for (let m2 = 0; m2 <= 8; m2++) {
          for (let n2 = m2; n2 <= 8; n2++) {
            if ((m2 === m && n2 === n) || (await PROOF(m2, entriesOf(n2))).length === proof.length) continue;
            expect(await verifyConsistency(m2, n2, proof, roots[m]!, roots[n]!), `${at}: claimed ${m2} -> ${n2}`).toBe(false);
          }
        }
      }
    }
  });

  it('verifies every earlier size of random trees up to 1000 leaves', async () => {
    for (const n of [64, 317, 1000]) {
      const leaves = await Promise.all(entriesOf(n, n + 5).map(leafHash));
      const tree = await MerkleTree.build(leaves);
      const sizes = Array.from({ length: n + 1 }, (_, m) => m);
      const oldRoots = await Promise.all(sizes.map((m) => tree.prefixRoot(m)));
      const ok = await Promise.all(
        sizes.map((m) => verifyConsistency(m, n, tree.consistencyProof(m), oldRoots[m]!, tree.root())),
      );
      expect(ok.every(Boolean), `size ${n}`).toBe(true);
      const other = await Promise.all(
        sizes.slice(1, -1).map((m) => verifyConsistency(m, n, tree.consistencyProof(m), flip(oldRoots[m]!), tree.root())),
      );
      expect(other.some(Boolean), `size ${n}: a changed old root passed`).toBe(false);
    }
  });
});
