import { emptyRoot, largestPowerOfTwoBelow, nodeHash } from './sha256';
import type { Hash } from './bytes';

const HASH = 32;

/**
 * The log's RFC 9162 Merkle tree, kept between start-ups so that a proof never rebuilds 100k
 * leaves. Only *complete* nodes are held (a node of level L covers 2^L leaves): once complete a
 * node never changes however the log grows, so it can be stored once and appended to. Level L
 * holds floor(size / 2^L) of them, packed 32 bytes each. The nodes on the right edge of a
 * tree of some size n (covering fewer than 2^L leaves) are folded from complete ones when a
 * root or proof asks for them: O(log n) hashes.
 * That layout is the RFC's left-balanced tree: every subtree D[lo:hi] of its recursion starts at
 * a multiple of 2^L with L = ceil(log2(hi - lo)) and is either complete or ends at n.
 *
 * A tree may hold only the tail of each level (fromTails): from some node on to the level's
 * last complete node. The last complete nodes are its frontier, which is all that its root,
 * appending to it and a consistency proof from its size need (they never ask for an older
 * node); an inclusion proof of an older leaf does, and throws a RangeError rather than hashing
 * with a node it does not hold. The few older nodes one proof needs (missingForInclusion) can
 * be handed to such a tree one by one (adopt): a proof then reads O(log n) stored nodes, not
 * the whole tree.
 */
export class KeptTree {
  private levels: Uint8Array[] = [];
  /** Per level, the index of the first node held in `levels` (0 for a whole tree). */
  private firsts: number[] = [];
  private _size = 0;
  /** Complete nodes before a level's tail, adopted for proofs: per level, by index. */
  private loose: Map<number, Hash>[] = [];

  get size(): number {
    return this._size;
  }

  /** Whether every complete node is held (not just the tails of fromTails). */
  get whole(): boolean {
    return this.firsts.every((f) => f === 0);
  }

  /**
   * A tree of `size` leaves from its complete nodes, level by level (as `completeNodes` gave
   * them, possibly longer: extra nodes are ignored). Refuses levels too short for `size`.
   */
  static fromLevels(size: number, levels: readonly Uint8Array[]): KeptTree {
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`tree size ${size}`);
    const tree = new KeptTree();
    for (let level = 0; Math.floor(size / 2 ** level) > 0; level++) {
      const need = Math.floor(size / 2 ** level) * HASH;
      const bytes = levels[level];
      if (!bytes || bytes.length < need) throw new RangeError(`level ${level} holds ${bytes?.length ?? 0} bytes, needs ${need}`);
      tree.levels.push(bytes.slice(0, need));
    }
    tree.firsts = tree.levels.map(() => 0);
    tree._size = size;
    return tree;
  }

  /**
   * A tree of `size` leaves from the tail of each level: `first` is the index of the first
   * node in `bytes`. Each tail must reach the level's last complete node (the frontier).
   */
  static fromTails(size: number, tails: readonly { first: number; bytes: Uint8Array }[]): KeptTree {
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`tree size ${size}`);
    const tree = new KeptTree();
    for (let level = 0; Math.floor(size / 2 ** level) > 0; level++) {
      const nodes = Math.floor(size / 2 ** level);
      const tail = tails[level];
      const first = tail?.first ?? -1;
      if (!tail || !Number.isSafeInteger(first) || first < 0 || first >= nodes) throw new RangeError(`level ${level}: no tail reaching node ${nodes - 1}`);
      const need = (nodes - first) * HASH;
      if (tail.bytes.length < need) throw new RangeError(`level ${level} holds ${tail.bytes.length} bytes from node ${first}, needs ${need}`);
      tree.levels.push(tail.bytes.slice(0, need));
      tree.firsts.push(first);
    }
    tree._size = size;
    return tree;
  }

  /** Complete nodes a level holds now. */
  private count(level: number): number {
    return Math.floor(this._size / 2 ** level);
  }

  private node(level: number, index: number): Hash {
    const bytes = this.levels[level] as Uint8Array;
    const at = index - (this.firsts[level] ?? 0);
    if (at < 0) {
      const adopted = this.loose[level]?.get(index);
      if (adopted) return adopted;
      throw new RangeError(`node ${index} of level ${level} is not held (only the tail from ${this.firsts[level]})`);
    }
    return bytes.subarray(at * HASH, (at + 1) * HASH);
  }

  /** Whether complete node `index` of `level` is held (in the level's tail or adopted). */
  private holds(level: number, index: number): boolean {
    return index >= (this.firsts[level] ?? 0) || this.loose[level]?.has(index) === true;
  }

  /**
   * Holds complete node `index` of `level` from elsewhere (a stored block), for a tree that
   * holds only the tails of its levels. It is not checked here: a proof made with it is
   * checked against a signed root by whoever asked for it.
   */
  adopt(level: number, index: number, hash: Hash): void {
    if (!Number.isSafeInteger(index) || index < 0 || level < 0 || level >= this.levels.length || index >= this.count(level)) {
      throw new RangeError(`node ${index} of level ${level} is not a complete node of a tree of ${this._size}`);
    }
    if (hash.length !== HASH) throw new RangeError(`node ${index} of level ${level} is ${hash.length} bytes, not ${HASH}`);
    if (index >= (this.firsts[level] ?? 0)) return; // in the tail already
    (this.loose[level] ??= new Map()).set(index, hash.slice());
  }

  /** The complete nodes PATH(index, D[n]) reads that this tree does not hold, as { level, index }. */
  missingForInclusion(index: number, n = this._size): { level: number; index: number }[] {
    this.checkSize(n);
    if (!Number.isSafeInteger(index) || index < 0 || index >= n) throw new RangeError(`leaf index ${index} outside a tree of ${n}`);
    const out: { level: number; index: number }[] = [];
    for (const [lo, hi] of pathSubtrees(index, n)) this.subtreeNodes(lo, hi, out);
    return out.filter((node) => !this.holds(node.level, node.index));
  }

  /** The complete nodes MTH(D[n]) reads that this tree does not hold. */
  missingForRoot(n = this._size): { level: number; index: number }[] {
    this.checkSize(n);
    const out: { level: number; index: number }[] = [];
    if (n > 0) this.subtreeNodes(0, n, out);
    return out.filter((node) => !this.holds(node.level, node.index));
  }

  /** The complete nodes MTH(D[lo:hi]) is folded from (see subtree). */
  private subtreeNodes(lo: number, hi: number, out: { level: number; index: number }[]): void {
    let level = 0;
    while (2 ** level < hi - lo) level++;
    if (hi - lo === 2 ** level) {
      out.push({ level, index: lo / 2 ** level });
      return;
    }
    const k = largestPowerOfTwoBelow(hi - lo);
    this.subtreeNodes(lo, lo + k, out);
    this.subtreeNodes(lo + k, hi, out);
  }

  private put(level: number, index: number, hash: Hash): void {
    let bytes = this.levels[level] ?? new Uint8Array(0);
    const first = (this.firsts[level] ??= 0);
    const at = index - first;
    if (at < 0) throw new RangeError(`node ${index} of level ${level} is before the tail held (from ${first})`);
    if (bytes.length < (at + 1) * HASH) {
      const grown = new Uint8Array(Math.max((at + 1) * HASH, bytes.length * 2, 64 * HASH));
      grown.set(bytes);
      bytes = grown;
    }
    bytes.set(hash, at * HASH);
    this.levels[level] = bytes;
  }

  /**
   * Appends leaf hashes. Each level's newly complete nodes are hashed together (WebCrypto
   * digests are asynchronous: awaiting one at a time would dominate a large append).
   */
  async append(leaves: readonly Hash[]): Promise<void> {
    if (leaves.length === 0) return;
    const before = this._size;
    leaves.forEach((leaf, i) => {
      if (leaf.length !== HASH) throw new RangeError(`leaf ${before + i} is ${leaf.length} bytes, not ${HASH}`);
      this.put(0, before + i, leaf);
    });
    const after = before + leaves.length;
    for (let level = 1; Math.floor(after / 2 ** level) > 0; level++) {
      const from = Math.floor(before / 2 ** level);
      const to = Math.floor(after / 2 ** level);
      const made = await Promise.all(
        Array.from({ length: to - from }, (_, k) => nodeHash(this.node(level - 1, 2 * (from + k)), this.node(level - 1, 2 * (from + k) + 1))),
      );
      made.forEach((h, k) => this.put(level, from + k, h));
    }
    this._size = after;
  }

  /** Forgets the leaves from `size` on (nodes over them are recomputed if appended again). */
  truncate(size: number): void {
    if (!Number.isSafeInteger(size) || size < 0 || size > this._size) throw new RangeError(`cannot truncate ${this._size} to ${size}`);
    const levels = levelsFor(size);
    for (let level = 0; level < levels; level++) {
      const first = this.firsts[level] ?? 0;
      if (first > 0 && Math.floor(size / 2 ** level) <= first) throw new RangeError(`cannot truncate to ${size}: level ${level} is held only from node ${first}`);
    }
    this._size = size;
    this.levels = this.levels.slice(0, levels);
    this.firsts = this.firsts.slice(0, levels);
    this.loose = this.loose.slice(0, levels);
    this.loose.forEach((nodes, level) => {
      for (const index of nodes.keys()) if (index >= Math.floor(size / 2 ** level)) nodes.delete(index);
    });
  }

  /** The complete nodes of every level (views, not copies), for storage; a whole tree only. */
  completeNodes(): Uint8Array[] {
    if (!this.whole) throw new RangeError('the tree holds only the tails of its levels');
    return this.levels.map((bytes, level) => bytes.subarray(0, this.count(level) * HASH));
  }

  /** The complete nodes held on every level (views, not copies), with the index of the first. */
  heldNodes(): { first: number; bytes: Uint8Array }[] {
    return this.levels.map((bytes, level) => {
      const first = this.firsts[level] ?? 0;
      return { first, bytes: bytes.subarray(0, Math.max(0, this.count(level) - first) * HASH) };
    });
  }

  /** MTH(D[lo:hi]) for a subtree of the RFC recursion of a tree of `n` leaves. */
  private async subtree(lo: number, hi: number, n: number): Promise<Hash> {
    let level = 0;
    while (2 ** level < hi - lo) level++;
    if (lo % 2 ** level !== 0 || (hi - lo !== 2 ** level && hi !== n)) throw new RangeError(`[${lo}, ${hi}) is not a subtree of ${n}`);
    if (hi - lo === 2 ** level) return this.node(level, lo / 2 ** level);
    // A right-edge subtree: its left part is complete, its right part is the right edge again.
    const k = largestPowerOfTwoBelow(hi - lo);
    return nodeHash(await this.subtree(lo, lo + k, n), await this.subtree(lo + k, hi, n));
  }

  private checkSize(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0 || n > this._size) throw new RangeError(`tree size ${n} outside 0..${this._size}`);
  }

  /** MTH(D[n]): the root of the first `n` leaves (default: all). */
  async root(n = this._size): Promise<Hash> {
    this.checkSize(n);
    return n === 0 ? emptyRoot() : this.subtree(0, n, n);
  }

  /** RFC 9162 2.1.3.1 PATH(index, D[n]), leaf-most sibling first. */
  async inclusionProof(index: number, n = this._size): Promise<Hash[]> {
    this.checkSize(n);
    if (!Number.isSafeInteger(index) || index < 0 || index >= n) throw new RangeError(`leaf index ${index} outside a tree of ${n}`);
    const path: Hash[] = [];
    for (const [a, b] of pathSubtrees(index, n)) path.push(await this.subtree(a, b, n));
    return path;
  }

  /** RFC 9162 2.1.4.1 PROOF(m, D[n]) that the first m leaves are a prefix of the first n. */
  async consistencyProof(m: number, n = this._size): Promise<Hash[]> {
    this.checkSize(n);
    if (!Number.isSafeInteger(m) || m < 0 || m > n) throw new RangeError(`old size ${m} outside 0..${n}`);
    if (m === 0 || m === n) return [];
    const nodes: [number, number][] = [];
    let lo = 0;
    let hi = n;
    let rest = m;
    let complete = true;
    // SUBPROOF(m, D[lo:hi], complete), unrolled: nodes come out root-most first, so reversed below.
    for (;;) {
      if (rest === hi - lo) {
        if (!complete) nodes.push([lo, hi]);
        break;
      }
      const k = largestPowerOfTwoBelow(hi - lo);
      if (rest <= k) {
        nodes.push([lo + k, hi]);
        hi = lo + k;
      } else {
        nodes.push([lo, lo + k]);
        lo += k;
        rest -= k;
        complete = false;
      }
    }
    const proof: Hash[] = [];
    for (const [a, b] of nodes.reverse()) proof.push(await this.subtree(a, b, n));
    return proof;
  }
}

/** The subtrees whose roots make PATH(index, D[n]), leaf-most first, as [lo, hi). */
function pathSubtrees(index: number, n: number): [number, number][] {
  let lo = 0;
  let hi = n;
  const siblings: [number, number][] = [];
  while (hi - lo > 1) {
    const k = largestPowerOfTwoBelow(hi - lo);
    if (index < lo + k) {
      siblings.push([lo + k, hi]);
      hi = lo + k;
    } else {
      siblings.push([lo, lo + k]);
      lo += k;
    }
  }
  return siblings.reverse();
}

function levelsFor(size: number): number {
  let levels = 0;
  while (Math.floor(size / 2 ** levels) > 0) levels++;
  return levels;
}
