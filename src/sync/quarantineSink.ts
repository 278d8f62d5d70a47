/**
 * Where safeLoad.ts reports the stored updates it set aside. Apart from safeLoad (which
 * imports Yjs) so that the page can install its sink at start-up without loading Yjs.
 */
export interface QuarantinedUpdate {
  /** The y-indexeddb database, `metacompiler-spec:<id>`. */
  docName: string;
  /** Its key in the `updates` store (auto-increment). */
  key: number;
  bytes: Uint8Array;
  reason: string;
  at: number;
}

type Sink = (q: QuarantinedUpdate) => Promise<void> | void;

let sink: Sink | undefined;
const unreported: QuarantinedUpdate[] = [];

/** Where quarantined updates are reported (services record and show them). Reports made before are replayed. */
export function setQuarantineSink(next: Sink | undefined): void {
  sink = next;
  if (next) for (const q of unreported.splice(0)) void reportQuarantined(q);
}

export async function reportQuarantined(q: QuarantinedUpdate): Promise<void> {
  if (!sink) {
    unreported.push(q);
    return;
  }
  try {
    await sink(q);
  } catch (err) {
    // The bytes are safe in the spec's own database; only the notice is missing.
    console.warn('a quarantined update could not be recorded:', err);
  }
}
