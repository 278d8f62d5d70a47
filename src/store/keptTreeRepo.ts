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

/**
 * The kept tree with its checkpoint, or null when there is none or its blocks do not add up.
 * `frontier`: only the block holding each level's last complete node (a few hundred kB for a
 * 100k-entry log instead of all of it), which is all a start-up check needs (KeptTree.fromTails);
 * `whole`: every block, for inclusion proofs.
 */
export async function loadKeptTree(part: 'whole' | 'frontier' = 'whole'): Promise<{ checkpoint: TreeCheckpoint; tree: KeptTree } | null> {
  const read = await withTree('readonly', async (blocks, meta) => {
    const checkpoint = checkpointOf(await request(meta.get(META)));
    if (!checkpoint) return null;
    const counts: number[] = [];
    for (let level = 0; Math.floor(checkpoint.size / 2 ** level) > 0; level++) counts.push(Math.floor(checkpoint.size / 2 ** level));
    // Every level's reads are issued together: one round trip, not one per level.
    const levels = await Promise.all(
      counts.map(async (nodes, level) => {
        if (part === 'frontier') {
          const last = Math.floor((nodes - 1) / BLOCK);
          const row = (await request(blocks.get(`${level}:${last}`))) as BlockRow | undefined;
          return assemble(nodes, last, (b) => (b === last ? row?.bytes : undefined));
        }
        const rows = (await request(blocks.getAll(IDBKeyRange.bound(`${level}:`, `${level}:\uffff`)))) as BlockRow[];
        const byIndex = new Map(rows.map((r) => [Number(r.key.slice(r.key.indexOf(':') + 1)), r.bytes]));
        return assemble(nodes, 0, (b) => byIndex.get(b));
      }),
    );
    return levels.every((l) => l !== null) ? { checkpoint, levels } : null;
  });
  return read && { checkpoint: read.checkpoint, tree: KeptTree.fromTails(read.checkpoint.size, read.levels) };
}

/**
 * Stored complete nodes, by `<level>:<index>`, for a proof from a tree holding only its
 * frontier (KeptTree.adopt): only the blocks holding them are read, a few hundred kB instead
 * of the whole tree. Read only while the checkpoint is of `epoch` and covers the node (blocks
 * of another checkpoint may be stale); a node not found is left out.
 */
export async function readKeptNodes(epoch: string | null, nodes: readonly { level: number; index: number }[]): Promise<Map<string, Uint8Array>> {
  const found = new Map<string, Uint8Array>();
  if (nodes.length === 0) return found;
  await withTree('readonly', async (blocks, meta) => {
    const checkpoint = checkpointOf(await request(meta.get(META)));
    if (!checkpoint || checkpoint.epoch !== epoch) return;
    const stored = nodes.filter(({ level, index }) => index < Math.floor(checkpoint.size / 2 ** level));
    const keys = [...new Set(stored.map(({ level, index }) => `${level}:${Math.floor(index / BLOCK)}`))];
    // Every block's read is issued together: one round trip.
    const rows = await Promise.all(keys.map(async (key) => [key, (await request(blocks.get(key))) as BlockRow | undefined] as const));
    const byKey = new Map(rows);
    for (const { level, index } of stored) {
      const at = (index % BLOCK) * HASH;
      const bytes = byKey.get(`${level}:${Math.floor(index / BLOCK)}`)?.bytes;
      if (bytes && bytes.length >= at + HASH) found.set(`${level}:${index}`, bytes.slice(at, at + HASH));
    }
  });
  return found;
}

/** A level's nodes from block `firstBlock` on, or null when a block is missing or short. */
function assemble(nodes: number, firstBlock: number, block: (b: number) => Uint8Array | undefined): { first: number; bytes: Uint8Array } | null {
  const first = firstBlock * BLOCK;
  const bytes = new Uint8Array((nodes - first) * HASH);
  for (let b = firstBlock; b * BLOCK < nodes; b++) {
    const want = Math.min(BLOCK, nodes - b * BLOCK) * HASH;
    const part = block(b);
    if (!part || part.length < want) return null;
    bytes.set(part.subarray(0, want), (b - firstBlock) * BLOCK * HASH);
  }
  return { first, bytes };
}

/**
 * Saves `tree` (truncated to the checkpoint's size) and its checkpoint in one transaction.
 * `since`: the size of the saved tree it extends (only blocks past it are written), or null
 * to replace everything stored.
 */
export async function saveKeptTree(tree: KeptTree, checkpoint: TreeCheckpoint, since: number | null): Promise<void> {
  if (tree.size < checkpoint.size) throw new RangeError(`a tree of ${tree.size} leaves cannot cover ${checkpoint.size}`);
  const rows: BlockRow[] = [];
  tree.heldNodes().forEach(({ first: held, bytes }, level) => {
    const nodes = Math.floor(checkpoint.size / 2 ** level);
    const had = since === null ? 0 : Math.floor(since / 2 ** level);
    if (since !== null && had >= nodes) return; // nothing new on this level: its blocks stand
    const first = Math.floor(had / BLOCK);
    // A tree loaded as its frontier holds each level's last stored block, so the first block
    // that grew is there in full; anything else is a caller's mistake, never a partial block.
    if (first * BLOCK < held) throw new RangeError(`level ${level}: block ${first} is not held (nodes from ${held} only)`);
    for (let b = first; b * BLOCK < nodes; b++) {
      rows.push({ key: `${level}:${b}`, bytes: bytes.slice((b * BLOCK - held) * HASH, (Math.min((b + 1) * BLOCK, nodes) - held) * HASH) });
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
