import * as Y from 'yjs';

/** A state vector as a plain object (client id -> clock), small enough to send every second. */
export type Clocks = Record<string, number>;

export function clocksOf(doc: Y.Doc): Clocks {
  const out: Clocks = {};
  Y.decodeStateVector(Y.encodeStateVector(doc)).forEach((clock, client) => (out[client] = clock));
  return out;
}

/** Does `a` hold every edit `b` holds (every client's clock in a at least b's)? */
export function covers(a: Clocks, b: Clocks): boolean {
  return Object.entries(b).every(([client, clock]) => (a[client] ?? 0) >= clock);
}
