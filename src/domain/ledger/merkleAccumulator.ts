import { emptyRoot, nodeHash } from './sha256';
import type { Hash } from './bytes';

/**
 * Incremental RFC 9162 tree hash for a log that only grows (100k+ entries): it keeps the
 * compact range, i.e. the roots of the perfect subtrees given by the binary digits of the
 * size, largest (leftmost) first. Appending merges equal-sized neighbours (amortised O(1)
 * hashes); the root folds the O(log n) roots right to left, which is exactly the RFC's
 * "split at the largest power of two below n" applied recursively.
 * Immutable: `append` returns a new accumulator, so an older size's root stays available.
 */
export class MerkleAccumulator {
  readonly size: number;
  /** Subtree roots for the binary decomposition of `size`, biggest first. */
  readonly peaks: readonly Hash[];

  private constructor(size: number, peaks: readonly Hash[]) {
    this.size = size;
    this.peaks = peaks;
  }

  static empty(): MerkleAccumulator {
    return new MerkleAccumulator(0, []);
  }

  static async fromLeafHashes(leafHashes: readonly Hash[]): Promise<MerkleAccumulator> {
    let acc = MerkleAccumulator.empty();
    for (const h of leafHashes) acc = await acc.append(h);
    return acc;
  }

  /** Appends one leaf hash (already SHA-256(0x00 || entry)). */
  async append(leaf: Hash): Promise<MerkleAccumulator> {
    const peaks = this.peaks.slice();
    let carry = leaf;
    // Each trailing 1-bit of the old size is a peak the same size as `carry`: merge them.
    for (let s = this.size; s % 2 === 1; s = Math.floor(s / 2)) {
      const left = peaks.pop();
      if (left === undefined) throw new Error('compact range out of step with size');
      carry = await nodeHash(left, carry);
    }
    peaks.push(carry);
    return new MerkleAccumulator(this.size + 1, peaks);
  }

  /** MTH of all leaves appended so far. */
  async root(): Promise<Hash> {
    const last = this.peaks[this.peaks.length - 1];
    if (last === undefined) return emptyRoot();
    let r = last;
    for (let i = this.peaks.length - 2; i >= 0; i--) r = await nodeHash(this.peaks[i] as Hash, r);
    return r;
  }
}
