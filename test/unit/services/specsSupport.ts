import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { useDatabase } from '../../../src/store/db';

/** A fresh app database per test (spec documents get fresh ids, so their databases are new too). */
export function freshDatabase(): { name: string; drop: () => Promise<void> } {
  const name = `specs-${Math.random().toString(36).slice(2)}`;
  useDatabase(name);
  return { name, drop: () => Dexie.delete(name).then(() => undefined) };
}
