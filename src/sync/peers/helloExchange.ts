import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { checkHello, helloKey, HelloVerdicts, isHello, makeHello, type Hello } from './keyedHello';

/**
 * Where hellos travel: over WebRTC, a topic of their own on the signaling server (the room's
 * signaling is encrypted with the password, so a device with another password could never read
 * anything in it); over y-websocket, a lobby room named by the room alone (the document's room
 * also carries a tag of the password, so devices with different passwords never meet there).
 */
export interface HelloExchange {
  readonly verdicts: HelloVerdicts;
  destroy(): void;
}

/**
 * A connection of its own to a y-webrtc signaling server (its JSON pub/sub protocol), so hellos
 * are exchanged before this device joins the room's encrypted signaling at all.
 */
class SignalingClient {
  private ws: WebSocket | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private failures = 0;

  constructor(
    private readonly url: string,
    private readonly onOpen: () => void,
    private readonly onMessage: (m: { type?: string; topic?: string; data?: unknown }) => void,
  ) {
    this.open();
  }

  private open(): void {
    if (this.closed) return;
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => ((this.failures = 0), this.onOpen());
    ws.onmessage = (e) => {
      try {
        this.onMessage(JSON.parse(String(e.data)) as { type?: string });
      } catch {
        // not a message of this protocol
      }
    };
    ws.onclose = () => {
      if (this.closed) return;
      this.failures++;
      this.retry = setTimeout(() => this.open(), Math.min(5_000, 250 * 2 ** this.failures));
    };
  }

  send(message: unknown): void {
    if (this.ws?.readyState === 1) this.ws.send(JSON.stringify(message));
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retry);
    this.ws?.close();
  }
}

async function verifier(room: string, password: string, device: string, onChange: () => void) {
  const key = await helloKey(room, password);
  const verdicts = new HelloVerdicts();
  const mine = await makeHello(key, room, device);
  const check = async (h: Hello) => {
    if (h.device === device) return false;
    const known = verdicts.matched.has(h.device) || verdicts.mismatched.has(h.device);
    verdicts.record(h.device, await checkHello(key, room, h));
    onChange();
    return !known;
  };
  return { verdicts, mine, check };
}

/** Hellos on the signaling servers' topic `<room>/hello`. */
export async function webrtcHellos(urls: string[], room: string, password: string, device: string, onChange: () => void): Promise<HelloExchange> {
  const { verdicts, mine, check } = await verifier(room, password, device, onChange);
  const topic = `${room}/hello`;
  const clients = urls.map((url) => {
    const client: SignalingClient = new SignalingClient(
      url,
      () => {
        client.send({ type: 'subscribe', topics: [topic] });
        client.send({ type: 'publish', topic, data: mine });
      },
      (m) => {
        // A newcomer's hello is answered, so it learns the verdict of those already here.
        if (m.type === 'publish' && m.topic === topic && isHello(m.data))
          void check(m.data).then((isNew) => isNew && client.send({ type: 'publish', topic, data: mine }));
      },
    );
    return client;
  });
  return { verdicts, destroy: () => clients.forEach((c) => c.close()) };
}

/** Hellos in the awareness of a lobby room `<room>.hello` on the y-websocket server. */
export async function websocketHellos(url: string, room: string, password: string, device: string, onChange: () => void): Promise<HelloExchange> {
  const { WebsocketProvider } = await import('y-websocket');
  const { verdicts, mine, check } = await verifier(room, password, device, onChange);
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  awareness.setLocalStateField('hello', mine);
  const lobby = new WebsocketProvider(url, `${room}.hello`, doc, { awareness, disableBc: true });
  const onAwareness = () =>
    awareness.getStates().forEach((state) => {
      const h = (state as { hello?: unknown }).hello;
      if (isHello(h)) void check(h);
    });
  awareness.on('change', onAwareness);
  return {
    verdicts,
    destroy: () => {
      awareness.off('change', onAwareness);
      lobby.destroy();
      awareness.destroy();
      doc.destroy();
    },
  };
}
