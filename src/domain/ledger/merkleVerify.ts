import { bytesEqual } from './bytes';
import { emptyRoot, nodeHash } from './sha256';
import type { Hash } from './bytes';

/*
 * The verifiers follow RFC 9162 2.1.3.2 and 2.1.4.2 step by step (the numbered comments are
 * the RFC's steps). fn/sn are plain numbers, not 32-bit ints, so halving uses Math.floor:
 * a log may one day pass 2^31 entries and `>>` would silently wrap.
 */

const isOdd = (x: number): boolean => x % 2 === 1;
const half = (x: number): number => Math.floor(x / 2);
const validSize = (x: number): boolean => Number.isSafeInteger(x) && x >= 0;

/** RFC 9162 2.1.3.2: does `path` prove that `leaf` is leaf `index` of the tree (`size`, `root`)? */
export async function verifyInclusion(
  leaf: Hash,
  index: number,
  size: number,
  path: readonly Hash[],
  root: Hash,
): Promise<boolean> {
  if (!validSize(index) || !validSize(size)) return false;
  // 1. leaf_index must be inside the tree.
  if (index >= size) return false;
  // 2.-3.
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  // 4.
  for (const p of path) {
    // a. More path than tree.
    if (sn === 0) return false;
    // b.
    if (isOdd(fn) || fn === sn) {
      r = await nodeHash(p, r);
      // ii. Only runs when fn was even (fn === sn): climb past levels with no right sibling.
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = await nodeHash(r, p);
    }
    // c.
    fn = half(fn);
    sn = half(sn);
  }
  // 5.
  return sn === 0 && bytesEqual(r, root);
}

/**
 * RFC 9162 2.1.4.2: does `proof` show that the tree (`first`, `firstRoot`) is a prefix of
 * (`second`, `secondRoot`)? The RFC covers 0 < first < second; for first = second the proof
 * must be empty and the roots equal, and for first = 0 the proof must be empty and
 * `firstRoot` the empty-tree hash (every log extends the empty one).
 */
export async function verifyConsistency(
  first: number,
  second: number,
  proof: readonly Hash[],
  firstRoot: Hash,
  secondRoot: Hash,
): Promise<boolean> {
  if (!validSize(first) || !validSize(second) || first > second) return false;
  if (first === second) return proof.length === 0 && bytesEqual(firstRoot, secondRoot);
  if (first === 0) return proof.length === 0 && bytesEqual(firstRoot, await emptyRoot());
  // 1.
  if (proof.length === 0) return false;
  // 2. A power-of-two first tree is itself a node of the second one; the RFC omits it from the proof.
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  // 3.
  let fn = first - 1;
  let sn = second - 1;
  // 4.
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5.
  let fr = path[0] as Hash;
  let sr = fr;
  // 6.
  for (const c of path.slice(1)) {
    // a.
    if (sn === 0) return false;
    // b.
    if (isOdd(fn) || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      // ii. Only runs when fn was even (fn === sn): climb past levels with no right sibling.
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = await nodeHash(sr, c);
    }
    // c.
    fn = half(fn);
    sn = half(sn);
  }
  // 7.
  return bytesEqual(fr, firstRoot) && bytesEqual(sr, secondRoot) && sn === 0;
}

function isPowerOfTwo(x: number): boolean {
  let v = x;
  while (v > 1 && v % 2 === 0) v /= 2;
  return v === 1;
}
