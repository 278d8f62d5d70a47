import { KeptTree } from '../domain/ledger/keptTree';
import { appDbName } from './dbName';
import { inTransaction, openOwn, request } from './rawIdb';

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

let open: { name: string; db: Promise<IDBDatabase> } | undefined;

/** The tree's database, named after the app database in use (tests switch it with useDatabase). */
function treeDb(): Promise<IDBDatabase> {
  const name = `${appDbName()}-ledger-tree`;
  if (open?.name !== name) {
    void open?.db.then((d) => d.close(), () => undefined);
    open = { name, db: openOwn(name, ['blocks', 'meta']) };
  }
  return open.db;
}

async function withTree<T>(mode: IDBTransactionMode, body: (blocks: IDBObjectStore, meta: IDBObjectStore) => Promise<T>): Promise<T> {
  const d = await treeDb();
  return inTransaction(d, ['blocks', 'meta'], mode, (tx) => body(tx.objectStore('blocks'), tx.objectStore('meta')));
}

function checkpointOf(row: unknown): TreeCheckpoint | null {
  if (!row) return null;
  const { key: _key, ...checkpoint } = row as TreeCheckpoint & { key: string };
  return checkpoint;
}

export async function readCheckpoint(): Promise<TreeCheckpoint | null> {
  return withTree('readonly', async (_blocks, meta) => checkpointOf(await request(meta.get(META))));
}

/** The kept tree with its checkpoint, or null when there is none or its blocks do not add up. */
export async function loadKeptTree(): Promise<{ checkpoint: TreeCheckpoint; tree: KeptTree } | null> {
  const read = await withTree('readonly', async (blocks, meta) => {
    const checkpoint = checkpointOf(await request(meta.get(META)));
    if (!checkpoint) return null;
    const levels: Uint8Array[] = [];
    for (let level = 0; Math.floor(checkpoint.size / 2 ** level) > 0; level++) {
      const nodes = Math.floor(checkpoint.size / 2 ** level);
      const rows = (await request(blocks.getAll(IDBKeyRange.bound(`${level}:`, `${level}:\uffff`)))) as BlockRow[];
      const byIndex = new Map(rows.map((r) => [Number(r.key.slice(r.key.indexOf(':') + 1)), r.bytes]));
      const bytes = new Uint8Array(nodes * HASH);
      for (let b = 0; b * BLOCK < nodes; b++) {
        const want = Math.min(BLOCK, nodes - b * BLOCK) * HASH;
        const part = byIndex.get(b);
        if (!part || part.length < want) return null;
        bytes.set(part.subarray(0, want), b * BLOCK * HASH);
      }
      levels.push(bytes);
    }
    return { checkpoint, levels };
  });
  return read && { checkpoint: read.checkpoint, tree: KeptTree.fromLevels(read.checkpoint.size, read.levels) };
}

/**
 * Saves `tree` (truncated to the checkpoint's size) and its checkpoint in one transaction.
 * `since`: the size of the saved tree it extends (only blocks past it are written), or null
 * to replace everything stored.
 */
export async function saveKeptTree(tree: KeptTree, checkpoint: TreeCheckpoint, since: number | null): Promise<void> {
  if (tree.size < checkpoint.size) throw new RangeError(`a tree of ${tree.size} leaves cannot cover ${checkpoint.size}`);
  const rows: BlockRow[] = [];
  tree.completeNodes().forEach((bytes, level) => {
    const nodes = Math.floor(checkpoint.size / 2 ** level);
    const had = since === null ? 0 : Math.floor(since / 2 ** level);
    if (since !== null && had >= nodes) return; // nothing new on this level: its blocks stand
    const first = Math.floor(had / BLOCK);
    for (let b = first; b * BLOCK < nodes; b++) {
      rows.push({ key: `${level}:${b}`, bytes: bytes.slice(b * BLOCK * HASH, Math.min((b + 1) * BLOCK, nodes) * HASH) });
    }
  });
  await withTree('readwrite', async (blocks, meta) => {
    if (since === null) await request(blocks.clear());
    for (const row of rows) blocks.put(row);
    await request(meta.put({ key: META, ...checkpoint }));
  });
}

/** Forgets the checkpoint (after a failed check: nothing may be skipped until a full check passes). */
export async function dropCheckpoint(): Promise<void> {
  await withTree('readwrite', async (_blocks, meta) => void (await request(meta.delete(META))));
}
