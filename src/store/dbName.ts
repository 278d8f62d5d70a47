import { DB_NAME } from './schema';

/** The name of the app's database in use (tests switch it through db.ts's useDatabase). */
let current = DB_NAME;

export function appDbName(): string {
  return current;
}

export function setAppDbName(name: string): void {
  current = name;
}
