import * as Y from 'yjs';
import type { Rng } from '../../../src/domain/random';

/**
 * An in-memory network of Y.Docs for convergence tests, in the spirit of Yjs's own
 * TestConnector: every update a replica makes is sent to each connected replica with a random
 * delay (in ticks), or lost; messages may arrive out of order; a replica can go offline and
 * come back, and then resyncs with every online replica through state vectors (sync step 1/2),
 * which is what y-webrtc and y-websocket do on connect.
 */
export interface Replica {
  id: number;
  doc: Y.Doc;
  text: Y.Text;
  online: boolean;
}

interface Message {
  to: number;
  update: Uint8Array;
  at: number;
}

export interface NetworkOptions {
  /** Chance that a live update is lost on one link. */
  dropRate: number;
  /** Largest delivery delay, in ticks. */
  maxDelay: number;
}

const FROM_NETWORK = Symbol('network');

export class MemoryNetwork {
  readonly replicas: Replica[];
  private queue: Message[] = [];
  private now = 0;

  constructor(
    size: number,
    private readonly rng: Rng,
    private readonly options: NetworkOptions,
  ) {
    this.replicas = Array.from({ length: size }, (_, id) => {
      const doc = new Y.Doc();
      doc.clientID = id + 1; // stable ids keep a failing seed replayable
      const replica: Replica = { id, doc, text: doc.getText('markdown'), online: true };
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== FROM_NETWORK) this.broadcast(replica, update);
      });
      return replica;
    });
  }

  private send(to: number, update: Uint8Array, reliable: boolean): void {
    if (!reliable && this.rng() < this.options.dropRate) return;
    this.queue.push({ to, update, at: this.now + Math.floor(this.rng() * (this.options.maxDelay + 1)) });
  }

  private broadcast(from: Replica, update: Uint8Array): void {
    if (!from.online) return; // offline edits stay local until the next resync
    for (const r of this.replicas) if (r !== from && r.online) this.send(r.id, update, false);
  }

  /** Advances time by one tick, delivering what is due in a random order. */
  tick(): void {
    this.now++;
    const due = this.queue.filter((m) => m.at <= this.now);
    this.queue = this.queue.filter((m) => m.at > this.now);
    for (let i = due.length - 1; i > 0; i--) {
      const j = Math.floor(this.rng() * (i + 1));
      [due[i], due[j]] = [due[j]!, due[i]!];
    }
    for (const m of due) {
      const r = this.replicas[m.to]!;
      if (r.online) Y.applyUpdate(r.doc, m.update, FROM_NETWORK); // to an offline replica: lost
    }
  }

  disconnect(id: number): void {
    this.replicas[id]!.online = false;
  }

  /** Back online: exchange state vectors with every online replica; each sends what the other lacks. */
  reconnect(id: number): void {
    const me = this.replicas[id]!;
    me.online = true;
    for (const other of this.replicas) {
      if (other === me || !other.online) continue;
      this.send(other.id, Y.encodeStateAsUpdate(me.doc, Y.encodeStateVector(other.doc)), true);
      this.send(me.id, Y.encodeStateAsUpdate(other.doc, Y.encodeStateVector(me.doc)), true);
    }
  }

  /** Everyone online, every message delivered, and a final state-vector round between all pairs. */
  heal(): void {
    for (const r of this.replicas) if (!r.online) this.reconnect(r.id);
    while (this.queue.length) this.tick();
    for (const a of this.replicas)
      for (const b of this.replicas)
        if (a !== b) Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)), FROM_NETWORK);
  }

  destroy(): void {
    for (const r of this.replicas) r.doc.destroy();
  }
}
