import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { toHex } from '../../../src/domain/ledger/bytes';
import { KeptTree } from '../../../src/domain/ledger/keptTree';
import { leafHash } from '../../../src/domain/ledger/sha256';
import { useDatabase } from '../../../src/store/db';
import { loadKeptTree, saveKeptTree, type TreeCheckpoint } from '../../../src/store/keptTreeRepo';

let name = '';
beforeEach(() => {
  name = `kept-${Math.random().toString(36).slice(2)}`;
  useDatabase(name);
});
afterEach(async () => {
  await Promise.all([Dexie.delete(name), Dexie.delete(`${name}-ledger-tree`)]);
});

const leaves = (from: number, to: number) =>
  Promise.all(Array.from({ length: to - from }, (_, i) => leafHash(new TextEncoder().encode(`entry ${from + i}`))));

const checkpoint = async (tree: KeptTree, size: number): Promise<TreeCheckpoint> => ({ size, root: toHex(await tree.root(size)), epoch: null, fullAt: 1, at: 2 });

describe('the kept tree in IndexedDB', () => {
  // Sizes past the 4096-node blocks: the frontier is then a strict part of the first levels.
  it('loads only its frontier for a start-up check, grows from it and saves the blocks that grew', async () => {
    const all = await leaves(0, 12_345);
    const reference = new KeptTree();
    await reference.append(all);
    const first = new KeptTree();
    await first.append(all.slice(0, 9_000));
    await saveKeptTree(first, await checkpoint(first, 9_000), null);

    const frontier = await loadKeptTree('frontier');
    expect(frontier?.checkpoint.size).toBe(9_000);
    expect(frontier?.tree.whole).toBe(false);
    expect(toHex(await frontier!.tree.root())).toBe(toHex(await reference.root(9_000)));
    await frontier!.tree.append(all.slice(9_000));
    expect(toHex(await frontier!.tree.root())).toBe(toHex(await reference.root()));
    await saveKeptTree(frontier!.tree, await checkpoint(reference, 12_345), 9_000);

    const whole = await loadKeptTree('whole');
    expect(whole?.tree.whole).toBe(true);
    expect(whole?.checkpoint.size).toBe(12_345);
    expect(toHex(await whole!.tree.root())).toBe(toHex(await reference.root()));
    for (const i of [0, 4_095, 4_096, 8_999, 9_000, 12_344]) {
      expect((await whole!.tree.inclusionProof(i)).map(toHex), `PATH(${i})`).toEqual((await reference.inclusionProof(i)).map(toHex));
    }
    // Saved again from that frontier at a block boundary, nothing before it is needed.
    const again = await loadKeptTree('frontier');
    expect(toHex(await again!.tree.root())).toBe(toHex(await reference.root()));
  });

  it('refuses to replace every block from a tree holding only its frontier', async () => {
    const tree = new KeptTree();
    await tree.append(await leaves(0, 5_000));
    await saveKeptTree(tree, await checkpoint(tree, 5_000), null);
    const frontier = await loadKeptTree('frontier');
    await expect(saveKeptTree(frontier!.tree, frontier!.checkpoint, null)).rejects.toThrow(RangeError);
  });
});
