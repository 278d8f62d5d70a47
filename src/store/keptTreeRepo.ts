import Dexie, { type Table } from 'dexie';
import { KeptTree } from '../domain/ledger/keptTree';
import { db } from './db';

/**
 * The log's Merkle tree as last verified, kept between start-ups (domain/ledger/keptTree.ts),
 * with the checkpoint that says what it covers: the signed head whose every entry was checked.
 * It lives in a database of its own, `<app database>-ledger-tree`: it is derived data (any
 * full check rebuilds it), so it needs no schema version of the app's database, no migration
 * and no place in a backup; and it is never trusted: a start-up check only uses it after its
 * root matched the signed head it names (store/logVerification.ts).
 * Complete nodes never change, so they are stored in blocks of BLOCK nodes per level and a
 * save rewrites only the blocks that grew.
 */

export interface TreeCheckpoint {
  /** Entries covered: the size of a signed head whose entries were all checked. */
  size: number;
  /** That head's root (hex). */
  root: string;
  /** The log epoch (store/logEpoch.ts) the tree was built under; a restore changes it. */
  epoch: string | null;
  /** When every entry was last re-hashed (a full check); epoch ms. */
  fullAt: number;
  /** When the checkpoint last moved (a full or a start-up check); epoch ms. */
  at: number;
}

const BLOCK = 4096;
const HASH = 32;
const META = 'checkpoint';

interface BlockRow {
  /** `<level>:<block>` */
  key: string;
  bytes: Uint8Array;
}

class KeptTreeDb extends Dexie {
  blocks!: Table<BlockRow, string>;
  meta!: Table<TreeCheckpoint & { key: string }, string>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({ blocks: 'key', meta: 'key' });
    this.on('versionchange', () => {
      this.close();
      return false;
    });
  }
}

let open: KeptTreeDb | undefined;

/** The tree's database, named after the app database in use (tests switch it with useDatabase). */
function treeDb(): KeptTreeDb {
  const name = `${db().name}-ledger-tree`;
  if (open?.name !== name) {
    open?.close();
    open = new KeptTreeDb(name);
  }
  return open;
}

export async function readCheckpoint(): Promise<TreeCheckpoint | null> {
  const row = await treeDb().meta.get(META);
  if (!row) return null;
  const { key: _key, ...checkpoint } = row;
  return checkpoint;
}

/** The kept tree with its checkpoint, or null when there is none or its blocks do not add up. */
export async function loadKeptTree(): Promise<{ checkpoint: TreeCheckpoint; tree: KeptTree } | null> {
  const t = treeDb();
  return t.transaction('r', t.blocks, t.meta, async () => {
    const checkpoint = await readCheckpoint();
    if (!checkpoint) return null;
    const levels: Uint8Array[] = [];
    for (let level = 0; Math.floor(checkpoint.size / 2 ** level) > 0; level++) {
      const nodes = Math.floor(checkpoint.size / 2 ** level);
      const bytes = new Uint8Array(nodes * HASH);
      const rows = await t.blocks.bulkGet(Array.from({ length: Math.ceil(nodes / BLOCK) }, (_, b) => `${level}:${b}`));
      for (let b = 0; b < rows.length; b++) {
        const part = rows[b]?.bytes.subarray(0, Math.min(BLOCK, nodes - b * BLOCK) * HASH);
        if (!part || part.length < Math.min(BLOCK, nodes - b * BLOCK) * HASH) return null;
        bytes.set(part, b * BLOCK * HASH);
      }
      levels.push(bytes);
    }
    return { checkpoint, tree: KeptTree.fromLevels(checkpoint.size, levels) };
  });
}

/**
 * Saves `tree` (truncated to the checkpoint's size) and its checkpoint in one transaction.
 * `since`: the size of the saved tree it extends (only blocks past it are written), or null
 * to replace everything stored.
 */
export async function saveKeptTree(tree: KeptTree, checkpoint: TreeCheckpoint, since: number | null): Promise<void> {
  if (tree.size < checkpoint.size) throw new RangeError(`a tree of ${tree.size} leaves cannot cover ${checkpoint.size}`);
  const levels = tree.completeNodes();
  const rows: BlockRow[] = [];
  levels.forEach((bytes, level) => {
    const nodes = Math.floor(checkpoint.size / 2 ** level);
    const first = since === null ? 0 : Math.floor(Math.floor(since / 2 ** level) / BLOCK);
    for (let b = first; b * BLOCK < nodes; b++) {
      rows.push({ key: `${level}:${b}`, bytes: bytes.slice(b * BLOCK * HASH, Math.min((b + 1) * BLOCK, nodes) * HASH) });
    }
  });
  const t = treeDb();
  await t.transaction('rw', t.blocks, t.meta, async () => {
    if (since === null) await t.blocks.clear();
    await t.blocks.bulkPut(rows);
    await t.meta.put({ key: META, ...checkpoint });
  });
}

/** Forgets the checkpoint (after a failed check: nothing may be skipped until a full check passes). */
export async function dropCheckpoint(): Promise<void> {
  await treeDb().meta.delete(META);
}
