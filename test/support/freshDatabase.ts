import Dexie from 'dexie';
import { afterEach, beforeEach } from 'vitest';
import { useDatabase } from '../../src/store/db';

/**
 * Gives every test of the calling file an empty database of its own (a random name starting
 * with `prefix`), made the app's database before the test and deleted after it, so no test
 * sees another's rows. Returns the name of the current test's database.
 */
export function freshDatabaseEachTest(prefix: string): () => string {
  let name = '';
  beforeEach(() => {
    name = `${prefix}-${Math.random().toString(36).slice(2)}`;
    useDatabase(name);
  });
  afterEach(async () => {
    await Dexie.delete(name);
  });
  return () => name;
}
