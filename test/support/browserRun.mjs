// What the Node scripts that drive the built app in Chromium share (`npm run bench`,
// test/perf/run.mjs): the browser flags of TESTING.md, finding Chromium, a free port, and
// waiting for `vite preview` to answer.
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Chromium's path (CHROMIUM_PATH, else Debian's); exits with one line on how to install it when absent. */
export function chromiumOrExit() {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) {
    console.error(`Chromium not found at ${path}: install it with 'apt-get update && apt-get install -y chromium' or set CHROMIUM_PATH.`);
    process.exit(1);
  }
  return path;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = srv.address().port;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves once `url` answers 200; rejects if `child` (the server) exits or 30 s pass. */
export async function waitForHttp(url, child) {
  for (const until = Date.now() + 30_000; Date.now() < until; ) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`vite preview did not answer at ${url}`);
}
