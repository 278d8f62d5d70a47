import { emptyRoot, largestPowerOfTwoBelow, nodeHash } from './sha256';
import type { Hash } from './bytes';

/**
 * A whole RFC 9162 tree over a fixed array of leaf hashes, kept level by level so that any
 * subtree hash the RFC's recursive definitions ask for is a lookup, not a recomputation.
 * Level 0 is the leaves; a node of level L+1 hashes two neighbours of level L, and an odd
 * last node is carried up unchanged. That layout equals the RFC's left-balanced tree: every
 * RFC subtree D[lo:hi] starts at a multiple of 2^L with L = ceil(log2(hi - lo)) and is either
 * complete or reaches the right edge, so it is node lo / 2^L of level L.
 * Building costs n - 1 node hashes, computed a level at a time in parallel because WebCrypto
 * digests are asynchronous and a sequential await per hash would dominate on 100k leaves.
 */
export class MerkleTree {
  readonly size: number;
  private readonly levels: readonly (readonly Hash[])[];
  private readonly rootHash: Hash;

  private constructor(levels: readonly (readonly Hash[])[], rootHash: Hash) {
    this.levels = levels;
    this.size = levels[0]?.length ?? 0;
    this.rootHash = rootHash;
  }

  static async build(leafHashes: readonly Hash[]): Promise<MerkleTree> {
    if (leafHashes.length === 0) return new MerkleTree([[]], await emptyRoot());
    const levels: Hash[][] = [leafHashes.slice()];
    let level = levels[0] as Hash[];
    while (level.length > 1) {
      level = await parentLevel(level);
      levels.push(level);
    }
    return new MerkleTree(levels, level[0] as Hash);
  }

  root(): Hash {
    return this.rootHash;
  }

  /**
   * The tree over these leaves followed by `more`, recomputing only what the new leaves
   * change: every node over leaves that were all present before is kept, so growing a tree of
   * n leaves by k costs about k + log2(n) hashes instead of n + k.
   */
  async extend(more: readonly Hash[]): Promise<MerkleTree> {
    if (more.length === 0) return this;
    const m = this.size;
    if (m === 0) return MerkleTree.build(more);
    const levels: Hash[][] = [(this.levels[0] as readonly Hash[]).concat(more)];
    let below = levels[0] as Hash[];
    for (let level = 1; below.length > 1; level++) {
      // Nodes of this level that covered 2^level leaves already there are final.
      const keep = Math.floor(m / 2 ** level);
      const next = (this.levels[level] ?? []).slice(0, keep);
      const pending: Promise<Hash>[] = [];
      for (let i = keep; 2 * i + 1 < below.length; i++) pending.push(nodeHash(below[2 * i] as Hash, below[2 * i + 1] as Hash));
      next.push(...(await Promise.all(pending)));
      if (below.length % 2 === 1) next.push(below[below.length - 1] as Hash);
      levels.push(next);
      below = next;
    }
    return new MerkleTree(levels, below[0] as Hash);
  }

  /**
   * MTH(D[0:m]) of an earlier size, from the perfect subtrees of m's binary digits (all
   * nodes of this tree): O(log n) hashes instead of rebuilding.
   */
  async prefixRoot(m: number): Promise<Hash> {
    if (!Number.isSafeInteger(m) || m < 0 || m > this.size) {
      throw new RangeError(`prefix ${m} outside 0..${this.size}`);
    }
    if (m === this.size) return this.rootHash;
    if (m === 0) return emptyRoot();
    const peaks: Hash[] = [];
    let lo = 0;
    for (let bit = 2 ** Math.floor(Math.log2(m)); bit >= 1; bit /= 2) {
      if (m - lo >= bit) {
        peaks.push(this.subtree(lo, lo + bit));
        lo += bit;
      }
    }
    let r = peaks.pop() as Hash;
    for (let p = peaks.pop(); p !== undefined; p = peaks.pop()) r = await nodeHash(p, r);
    return r;
  }

  /** MTH(D[lo:hi]) for a subtree of the RFC recursion. */
  private subtree(lo: number, hi: number): Hash {
    let level = 0;
    while (2 ** level < hi - lo) level++;
    const node = this.levels[level]?.[lo / 2 ** level];
    const isRfcSubtree = lo % 2 ** level === 0 && (hi - lo === 2 ** level || hi === this.size);
    if (node === undefined || !isRfcSubtree) throw new Error(`[${lo}, ${hi}) is not a subtree`);
    return node;
  }

  /** RFC 9162 2.1.3.1 PATH(m, D[n]): audit path for leaf `index`, leaf-most sibling first. */
  inclusionProof(index: number): Hash[] {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.size) {
      throw new RangeError(`leaf index ${index} outside a tree of ${this.size}`);
    }
    const path: Hash[] = [];
    const walk = (m: number, lo: number, hi: number): void => {
      if (hi - lo <= 1) return;
      const k = largestPowerOfTwoBelow(hi - lo);
      if (m < k) {
        walk(m, lo, lo + k);
        path.push(this.subtree(lo + k, hi));
      } else {
        walk(m - k, lo + k, hi);
        path.push(this.subtree(lo, lo + k));
      }
    };
    walk(index, 0, this.size);
    return path;
  }

  /**
   * RFC 9162 2.1.4.1 PROOF(m, D[n]) that the first m leaves are a prefix of this tree.
   * m = n and m = 0 give an empty proof (nothing to prove beyond comparing roots).
   */
  consistencyProof(m: number): Hash[] {
    if (!Number.isSafeInteger(m) || m < 0 || m > this.size) {
      throw new RangeError(`old size ${m} outside 0..${this.size}`);
    }
    const proof: Hash[] = [];
    if (m === 0 || m === this.size) return proof;
    const sub = (m: number, lo: number, hi: number, complete: boolean): void => {
      if (m === hi - lo) {
        if (!complete) proof.push(this.subtree(lo, hi));
        return;
      }
      const k = largestPowerOfTwoBelow(hi - lo);
      if (m <= k) {
        sub(m, lo, lo + k, complete);
        proof.push(this.subtree(lo + k, hi));
      } else {
        sub(m - k, lo + k, hi, false);
        proof.push(this.subtree(lo, lo + k));
      }
    };
    sub(m, 0, this.size, true);
    return proof;
  }
}

async function parentLevel(level: readonly Hash[]): Promise<Hash[]> {
  const pending: Promise<Hash>[] = [];
  for (let i = 0; i + 1 < level.length; i += 2) {
    pending.push(nodeHash(level[i] as Hash, level[i + 1] as Hash));
  }
  const parents = await Promise.all(pending);
  if (level.length % 2 === 1) parents.push(level[level.length - 1] as Hash);
  return parents;
}

/** MTH(D[n]) from leaf hashes. */
export async function merkleRoot(leafHashes: readonly Hash[]): Promise<Hash> {
  return (await MerkleTree.build(leafHashes)).root();
}

/** PATH(index, D[n]) from leaf hashes (build a MerkleTree once when you need many proofs). */
export async function inclusionProof(leafHashes: readonly Hash[], index: number): Promise<Hash[]> {
  return (await MerkleTree.build(leafHashes)).inclusionProof(index);
}

/** PROOF(m, D[n]) from the leaf hashes of the newer tree. */
export async function consistencyProof(leafHashes: readonly Hash[], m: number): Promise<Hash[]> {
  return (await MerkleTree.build(leafHashes)).consistencyProof(m);
}
