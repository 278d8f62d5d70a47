import { bodyKey, recordKey, type DeviceRecord, type RecordKind, type Row } from './records';
import { targetOf } from './records';

/**
 * The records one device holds: a union keyed by kind, id and body. Adding a record that is
 * already held (the same run imported on two devices, a batch that arrives twice, a record a
 * third device passed on) changes nothing; the origin is not part of a record's identity, so
 * the same record made on two devices is held once. Two different bodies under one id (an id
 * made twice differently) are both held: the kind's rule (union.ts) decides which counts.
 */
export class RecordUnion {
  /**
   * By kind and id: the one record held, or (once a second body arrived under that id) every
   * body by its canonical spelling. Spelling a body costs; most ids only ever have one, so it
   * is spelt only when a second record under the same id has to be told apart from the first.
   */
  private readonly held = new Map<string, DeviceRecord | Map<string, DeviceRecord>>();
  private count = 0;

  /** Adds records; returns those that were not held before, in the order given. */
  add(records: Iterable<DeviceRecord>): DeviceRecord[] {
    const added: DeviceRecord[] = [];
    for (const r of records) {
      const key = recordKey(r);
      const current = this.held.get(key);
      if (current === undefined) {
        this.held.set(key, r);
      } else {
        let bodies: Map<string, DeviceRecord>;
        if (current instanceof Map) bodies = current;
        else {
          if (current.body === r.body) continue;
          bodies = new Map([[bodyKey(current.body), current]]);
          this.held.set(key, bodies);
        }
        const body = bodyKey(r.body);
        if (bodies.has(body)) continue;
        bodies.set(body, r);
      }
      this.count++;
      added.push(r);
    }
    return added;
  }

  has(r: Pick<DeviceRecord, 'kind' | 'id' | 'body'>): boolean {
    const current = this.held.get(recordKey(r));
    if (current === undefined) return false;
    if (current instanceof Map) return current.has(bodyKey(r.body));
    return current.body === r.body || bodyKey(current.body) === bodyKey(r.body);
  }

  /** Some version of `kind` `id` is held (whatever its body). */
  hasId(kind: RecordKind, id: string): boolean {
    return this.held.has(recordKey({ kind, id }));
  }

  get size(): number {
    return this.count;
  }

  *records(): IterableIterator<DeviceRecord> {
    for (const held of this.held.values()) {
      if (held instanceof Map) yield* held.values();
      else yield held;
    }
  }

  /** Every version held of each row of `kind`, by the row it sets. */
  versions(kind: RecordKind): Map<string, Row[]> {
    const out = new Map<string, Row[]>();
    for (const r of this.records()) {
      if (r.kind !== kind) continue;
      const target = targetOf(r);
      const list = out.get(target);
      if (list) list.push(r.body);
      else out.set(target, [r.body]);
    }
    return out;
  }

  /** One spelling of the whole set (kind, id and body of every record, sorted): equal sets, equal text. */
  digest(): string {
    const keys: string[] = [];
    for (const [key, held] of this.held) {
      for (const body of held instanceof Map ? held.keys() : [bodyKey(held.body)]) keys.push(`${key}\u0000${body}`);
    }
    return keys.sort().join('\n');
  }
}
