import { recordsInName } from '../../domain/devices/sealedBatch';
import { REPLICATED_TABLES } from '../../store/deviceRecordsRepo';
import { observeLatestHead } from '../../store/headsRepo';
import { observeTableWrites } from '../../store/tableWrites';
import { LOCAL_ORIGIN, type PairedDoc } from '../../sync/devices/pairedDoc';
import { batchBytes, batchNames, replaceBatches, writeBatches } from '../../sync/devices/recordDoc';
import type { DeviceRecord } from '../../domain/devices/records';
import type { NamedBatch, OpenOutcome, SealedOut, WorkState } from '../../store/deviceExchangeWork';

/**
 * The exchange with one paired device. Everything this browser holds goes into the pairing's
 * document as sealed batches (only the records the document does not hold yet); every batch
 * that arrives is opened and its records are written into the tables by the store's merge by id.
 *
 * This loop drives it over a pairing's document (`paired`) and the heavy half
 * (store/deviceExchangeWork.ts, `work`), a few batches per step, taking turns between opening
 * what arrived, looking for this device's new records and sealing them, so a record is never
 * published twice by one tab. Over y-websocket all of it runs in the devices worker, the
 * document and its connection included (workers have WebSockets and IndexedDB); over WebRTC,
 * which a worker cannot open, the document stays on the page and only `work` is in the worker.
 */
export interface ExchangeProgress {
  /** Records of the other device opened here, of those the batches in this document hold. */
  received: number;
  receiveTotal: number;
  /** Records written into the document, of those found missing from it. */
  sent: number;
  sendTotal: number;
}

/** What the heavy half knows (its counts and the other log's verdict), and the loop's own state. */
export interface ExchangeStatus extends Omit<WorkState, 'toSeal' | 'specBatches'> {
  pairingId: string;
  connected: boolean;
  /** The person paused the exchange: nothing is sent or received until resumed. */
  paused: boolean;
  /** The browser says it is offline: the room is left (no reconnecting in vain) until it is online again. */
  offline: boolean;
  /** Connected, holding what the server or peer holds, and every batch of it opened here. */
  upToDate: boolean;
  progress: ExchangeProgress;
  /** The other device unpaired (said so in the document): this pairing is to be removed. */
  peerLeft: boolean;
}

export interface Exchange {
  status(): ExchangeStatus;
  onStatus(f: (s: ExchangeStatus) => void): () => void;
  /** Stops sending and receiving (the connection is left) until `resume`. */
  pause(): void;
  resume(): void;
  /** Stops exchanging; `leave`: also tells the other device (unpair) and forgets the document. */
  stop(leave: boolean): Promise<void>;
  /** Hears it stop by itself after it started (its worker crashed), with the reason; once at most. */
  onFailed?(f: (reason: string) => void): void;
}

/** The heavy half, in the worker or in-process: each call resolves to plain values and bytes. */
export interface WorkPort {
  open(batches: NamedBatch[]): Promise<OpenOutcome>;
  plan(name: string, logChanged: boolean): Promise<number>;
  offer(records: DeviceRecord[]): Promise<number>;
  seal(max: number): Promise<SealedOut[]>;
  /** Replaces this device's spec-text batches by snapshots once there are `min` (ExchangeWork.compact). */
  compact(min: number): Promise<{ sealed: SealedOut[]; removed: string[] }>;
  state(): Promise<WorkState>;
}

/**
 * The specs' side (they live on the page: sync/devices/specMirror.ts): spec text that arrived
 * goes in, and what the specs hold beyond what the records hold comes out as records.
 */
export interface SpecPort {
  absorb(records: DeviceRecord[]): Promise<unknown>;
  news(): Promise<DeviceRecord[]>;
  onLocalChange(f: () => void): () => void;
  destroy(): void;
}

export interface LoopDeps {
  pairingId: string;
  peerDeviceId: string;
  deviceId: string;
  work: WorkPort;
  paired: PairedDoc;
  /** This device's name, as its log statements give it. */
  name(): Promise<string>;
  /** Also stops `work` (closes its worker). */
  closeWork(): void;
  /** Start paused (the person paused it before). */
  paused?: boolean;
  specs?: SpecPort;
  /** Where the browser says it went offline or online; by default this thread's global scope (page or worker). */
  network?: NetworkEvents;
}

/** The browser's online and offline events, and whether it is online now. */
export interface NetworkEvents {
  onLine(): boolean;
  addEventListener(type: 'online' | 'offline', f: () => void): void;
  removeEventListener(type: 'online' | 'offline', f: () => void): void;
}

/** This thread's: a page's window or a worker's global scope both say online and offline. */
function thisThreadsNetwork(): NetworkEvents | undefined {
  const g = globalThis as unknown as Partial<NetworkEvents> & { navigator?: { onLine?: boolean } };
  if (typeof g.addEventListener !== 'function' || typeof g.removeEventListener !== 'function') return undefined;
  return {
    onLine: () => g.navigator?.onLine !== false,
    addEventListener: (t, f) => g.addEventListener!(t, f),
    removeEventListener: (t, f) => g.removeEventListener!(t, f),
  };
}

/**
 * Batches per step: up to 10,000 records opened (and written) or 2,000 sealed. A step is one
 * worker call, so nothing of it runs on the page; it bounds how long a Pause waits for the step
 * under way, and how often the progress moves.
 */
const OPEN_PER_STEP = 5;
/**
 * Status changes reach the page at most this often while records stream: each is a message to
 * the page and a re-render of Settings and the header's chip, on the thread a person uses.
 */
const EMIT_MS = 1000;
const SEAL_PER_STEP = 1;
/**
 * This device's spec-text batches in the document (one per push of edits) past which they are
 * merged into one snapshot per spec, so the pairing's document does not grow with every edit.
 */
export const SPEC_BATCHES_COMPACTED = 32;

/** Any write to a replicated table, in any tab (or the worker): the cue to look for new records. */
function observeTables() {
  return observeTableWrites(REPLICATED_TABLES);
}

export async function runExchangeLoop(deps: LoopDeps): Promise<Exchange> {
  const { work, paired, deviceId } = deps;
  let state: WorkState = await work.state();
  const progress: ExchangeProgress = { received: 0, receiveTotal: 0, sent: 0, sendTotal: 0 };
  /** Batch names handed to the worker or written here; `toOpen`: in the document, not handed yet. */
  const seen = new Set<string>();
  const toOpen: string[] = [];
  let paused = deps.paused ?? false;
  const network = deps.network ?? thisThreadsNetwork();
  let offline = network ? !network.onLine() : false;
  if (paused || offline) paired.setOnline(false);
  let stopped = false;
  let busy = false;
  let wantPlan = true;
  let wantSpecs = true;
  let logChanged = true;
  const listeners = new Set<(s: ExchangeStatus) => void>();
  const status = (): ExchangeStatus => ({
    pairingId: deps.pairingId,
    connected: paired.connected(),
    paused,
    offline,
    upToDate: paired.synced() && !busy && toOpen.length === 0,
    sent: state.sent,
    received: state.received,
    refused: state.refused,
    waiting: state.waiting,
    log: state.log,
    heldBack: state.heldBack,
    progress: { ...progress },
    peerLeft: paired.leftDevices().includes(deps.peerDeviceId),
  });
  /** Status goes out at once after a person's action, else at most every EMIT_MS (a trailing one). */
  let lastEmit = 0;
  let emitTimer: ReturnType<typeof setTimeout> | undefined;
  const emitNow = () => {
    clearTimeout(emitTimer);
    emitTimer = undefined;
    lastEmit = Date.now();
    const s = status();
    listeners.forEach((f) => f(s));
  };
  const emit = () => {
    const wait = EMIT_MS - (Date.now() - lastEmit);
    if (wait <= 0) emitNow();
    else emitTimer ??= setTimeout(emitNow, wait);
  };

  /** New batch names in the document; their record counts join what is to be received. */
  const scan = () => {
    for (const name of batchNames(paired.doc)) {
      if (seen.has(name)) continue;
      seen.add(name);
      toOpen.push(name);
      progress.receiveTotal += recordsInName(name) ?? 0;
    }
  };
  const opened = async (names: string[], out: OpenOutcome) => {
    state = out;
    const own = new Set(out.own);
    let named = 0;
    for (const n of names) {
      const count = recordsInName(n) ?? 0;
      if (own.has(n)) progress.receiveTotal -= count;
      else named += count;
    }
    // Batches named before names carried counts join the total once opened.
    progress.receiveTotal += Math.max(0, out.opened - named);
    progress.received += out.opened;
    if (out.specDocs.length > 0) await deps.specs?.absorb(out.specDocs);
  };
  const openStep = async () => {
    const names = toOpen.splice(0, OPEN_PER_STEP);
    const batches = names.flatMap((name) => {
      const bytes = batchBytes(paired.doc, name);
      // Gone from the document (the other device replaced its spec text by a snapshot): nothing to receive.
      if (!bytes) progress.receiveTotal -= recordsInName(name) ?? 0;
      return bytes ? [{ name, bytes }] : [];
    });
    await opened(names, await work.open(batches));
  };
  const sealStep = async () => {
    const sealed = await work.seal(SEAL_PER_STEP);
    if (stopped) return;
    for (const b of sealed) seen.add(b.name);
    writeBatches(paired.doc, sealed, LOCAL_ORIGIN);
    progress.sent += sealed.reduce((n, b) => n + b.records, 0);
    state = await work.state();
  };
  const compactStep = async () => {
    const { sealed, removed } = await work.compact(SPEC_BATCHES_COMPACTED);
    if (stopped) return;
    for (const b of sealed) seen.add(b.name);
    replaceBatches(paired.doc, sealed, removed, LOCAL_ORIGIN);
    state = await work.state();
  };
  /** The one loop: open what arrived, then look for this device's new records, then seal them. */
  let running: Promise<void> = Promise.resolve();
  const pump = () => {
    if (busy || stopped) return running;
    busy = true;
    running = loop();
    return running;
  };
  const loop = async () => {
    try {
      for (;;) {
        if (stopped) break;
        if (!paused && toOpen.length > 0) await openStep();
        else if (wantPlan) {
          wantPlan = false;
          const withLog = logChanged;
          logChanged = false;
          progress.sendTotal += await work.plan(await deps.name(), withLog);
          state = await work.state();
        } else if (wantSpecs && deps.specs) {
          wantSpecs = false;
          const news = await deps.specs.news();
          if (news.length > 0) progress.sendTotal += await work.offer(news);
          state = await work.state();
        } else if (!paused && state.toSeal > 0) await sealStep();
        else if (!paused && state.specBatches >= SPEC_BATCHES_COMPACTED) await compactStep();
        else break;
        emit();
      }
    } catch (e) {
      state = { ...state, refused: [...state.refused, e instanceof Error ? e.message : String(e)] };
    } finally {
      busy = false;
      emit();
    }
  };

  await paired.whenLoaded;
  const offChange = paired.onChange((remote) => {
    if (remote) scan();
    void pump();
  });
  scan();
  void pump();
  const tables = observeTables().subscribe({
    next: () => {
      wantPlan = true;
      wantSpecs = true;
      void pump();
    },
  });
  const offSpecs = deps.specs?.onLocalChange(() => {
    wantSpecs = true;
    void pump();
  });
  const heads = observeLatestHead().subscribe({
    next: () => {
      wantPlan = true;
      logChanged = true;
      void pump();
    },
  });
  // Offline, the connection would only retry in vain (y-websocket backs off to 2.5 s between
  // tries): the room is left. Online again, it is joined at once, unless the person paused it;
  // local steps (opening what arrived, sealing into the document) go on either way.
  const wentOffline = () => {
    offline = true;
    paired.setOnline(false);
    emitNow();
  };
  const wentOnline = () => {
    offline = false;
    if (!paused) paired.setOnline(true);
    emitNow();
    void pump();
  };
  network?.addEventListener('offline', wentOffline);
  network?.addEventListener('online', wentOnline);
  // A change while this was starting (before anything listened) is caught up with now.
  if (network && network.onLine() === offline) {
    if (offline) wentOnline();
    else wentOffline();
  }
  return {
    status,
    onStatus: (f) => (listeners.add(f), () => listeners.delete(f)),
    pause: () => {
      paused = true;
      paired.setOnline(false);
      emitNow();
    },
    resume: () => {
      paused = false;
      if (!offline) paired.setOnline(true);
      emitNow();
      void pump();
    },
    stop: async (leave) => {
      stopped = true;
      clearTimeout(emitTimer);
      network?.removeEventListener('offline', wentOffline);
      network?.removeEventListener('online', wentOnline);
      tables.unsubscribe();
      heads.unsubscribe();
      offChange();
      offSpecs?.();
      await running;
      deps.specs?.destroy();
      deps.closeWork();
      if (leave) paired.leave(deviceId);
      await paired.destroy(leave);
    },
  };
}
