import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** The y-websocket server the npm package ships, on a free loopback port, as the README starts it. */
export async function startYWebsocketServer(): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const server: ChildProcess = spawn(process.execPath, ['node_modules/@y/websocket-server/src/server.js'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    server.once('exit', (code) => reject(new Error(`y-websocket server exited with code ${code}`)));
    server.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('running at') && resolve());
  });
  return { url: `ws://127.0.0.1:${port}`, stop: () => void server.kill('SIGTERM') };
}
