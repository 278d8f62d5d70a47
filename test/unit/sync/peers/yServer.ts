import http from 'node:http';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
// The server the npm package ships, in this process (its module keeps every room's document).
import { docs, setupWSConnection } from '@y/websocket-server/utils';

// Node's own build of ws (the bundler would pick its browser stub).
interface Socket {
  terminate(): void;
}
interface WsModule {
  Server: new (o: { noServer: true }) => {
    clients: Set<Socket>;
    on(event: 'connection', f: typeof setupWSConnection): void;
    emit(event: 'connection', ws: Socket, req: http.IncomingMessage): void;
    handleUpgrade(req: http.IncomingMessage, socket: unknown, head: Buffer, done: (ws: Socket) => void): void;
    close(): void;
  };
}
const WebSocket = createRequire(import.meta.url)(resolve('node_modules/ws/index.js')) as WsModule;

/** A real y-websocket server on a free loopback port; its documents are readable here. */
export async function yWebsocketServer(): Promise<{ url: string; roomText(room: string): string | undefined; close(): Promise<void> }> {
  const wss = new WebSocket.Server({ noServer: true });
  wss.on('connection', setupWSConnection);
  const server = http.createServer((_q, r) => r.end('okay'));
  server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  // y-websocket in the app reads the browser's WebSocket; Node 20 has none.
  (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
  return {
    url: `ws://127.0.0.1:${port}`,
    roomText: (room) => (docs.get(room) as { getText(n: string): { toString(): string } } | undefined)?.getText('markdown').toString(),
    close: () =>
      new Promise<void>((resolve) => {
        wss.clients.forEach((c) => c.terminate());
        wss.close();
        server.close(() => resolve());
      }),
  };
}
