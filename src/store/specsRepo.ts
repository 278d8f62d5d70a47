import { db } from './db';
import { live, type Live } from './live';
import type { SpecRow } from './rows';

export function putSpec(spec: SpecRow): Promise<string> {
  return db().specs.put(spec);
}

/** Every spec's id, deleted ones too (their documents are kept). */
export async function allSpecIds(): Promise<string[]> {
  return (await db().specs.toCollection().primaryKeys()) as string[];
}

export function getSpec(id: string): Promise<SpecRow | undefined> {
  return db().specs.get(id);
}

/** Specs not deleted, most recently updated first. */
export function observeSpecs(): Live<SpecRow[]> {
  return live(async () => {
    const all = await db().specs.orderBy('updatedAt').reverse().toArray();
    return all.filter((s) => s.deletedAt === undefined);
  });
}

export function observeDeletedSpecs(): Live<SpecRow[]> {
  return live(async () => {
    const all = await db().specs.orderBy('updatedAt').reverse().toArray();
    return all.filter((s) => s.deletedAt !== undefined);
  });
}

export async function updateSpec(id: string, change: Partial<SpecRow>): Promise<void> {
  await db().transaction('rw', db().specs, async () => {
    const row = await db().specs.get(id);
    if (!row) throw new Error(`No spec with id ${id}`);
    const next: SpecRow = { ...row, ...change };
    // Undo of a delete must clear the field, not leave it as undefined-but-present.
    if ('deletedAt' in change && change.deletedAt === undefined) delete next.deletedAt;
    await db().specs.put(next);
  });
}
