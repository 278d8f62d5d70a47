import { liveQuery } from 'dexie';

/**
 * A minimal observable type, so floors above the store can subscribe to live queries
 * (which also fire when another tab writes) without importing Dexie.
 */
export interface Live<T> {
  subscribe(observer: {
    next?: (value: T) => void;
    error?: (err: unknown) => void;
  }): { unsubscribe(): void };
}

export function live<T>(query: () => Promise<T> | T): Live<T> {
  return liveQuery(query);
}
