import { db } from './db';
import { live, type Live } from './live';

export async function getSetting<T>(key: string, fallback: T): Promise<T> {
  const row = await db().settings.get(key);
  return row === undefined ? fallback : (row.value as T);
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await db().settings.put({ key, value });
}

export function observeSetting<T>(key: string, fallback: T): Live<T> {
  return live(async () => {
    const row = await db().settings.get(key);
    return row === undefined ? fallback : (row.value as T);
  });
}
