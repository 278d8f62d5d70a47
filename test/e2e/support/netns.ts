import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from './chromium';

/**
 * A private network namespace for WebRTC between two browser processes (TESTING.md: on
 * loopback alone Chromium finds no ICE candidates). Inside it: loopback up, and a veth pair
 * whose both ends live in the namespace with addresses and a default route, so Chromium sees
 * real interfaces and gathers host candidates, while no packet can leave the namespace. The
 * app server, the signaling server and the browsers all run inside it; the test process drives
 * the browsers over Playwright's pipe, which crosses namespaces.
 */
export class NetnsError extends Error {
  constructor(step: string, cause: unknown) {
    super(`cannot set up the private network namespace (${step}): ${cause instanceof Error ? cause.message : String(cause)}. It needs root (or CAP_NET_ADMIN) and iproute2's "ip".`);
    this.name = 'NetnsError';
  }
}

export interface Netns {
  name: string;
  /** Starts a long-running process inside the namespace; resolves once `ready` appears on its output. */
  start(command: string, args: string[], ready: RegExp, env?: Record<string, string>): Promise<ChildProcess>;
  /** A browser profile ("device") whose Chromium runs inside the namespace. */
  launchProfile(userDataDir: string): Promise<BrowserContext>;
  close(): void;
}

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();

/** Namespaces left behind by a test process that died before cleaning up. */
function removeStale(): void {
  let list = '';
  try {
    list = ip('netns', 'list');
  } catch {
    return;
  }
  for (const m of list.matchAll(/^(mc5-(\d+)-\w+)/gm)) {
    const pid = Number(m[2]);
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch {
      alive = false;
    }
    if (!alive) ip('netns', 'del', m[1]!);
  }
}

export function createNetns(): Netns {
  removeStale();
  const name = `mc5-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const inside = (...args: string[]) => ip('netns', 'exec', name, 'ip', ...args);
  const steps: [string, () => unknown][] = [
    ['ip netns add', () => ip('netns', 'add', name)],
    ['loopback up', () => inside('link', 'set', 'lo', 'up')],
    ['veth pair', () => inside('link', 'add', 'mc0', 'type', 'veth', 'peer', 'name', 'mc1')],
    ['addresses', () => (inside('addr', 'add', '10.201.0.1/24', 'dev', 'mc0'), inside('addr', 'add', '10.201.0.2/24', 'dev', 'mc1'))],
    ['links up', () => (inside('link', 'set', 'mc0', 'up'), inside('link', 'set', 'mc1', 'up'))],
    ['default route', () => inside('route', 'add', 'default', 'via', '10.201.0.2', 'dev', 'mc0')],
  ];
  for (const [step, run] of steps) {
    try {
      run();
    } catch (e) {
      try {
        ip('netns', 'del', name);
      } catch {
        // it may not exist yet
      }
      throw new NetnsError(step, e);
    }
  }

  const children: ChildProcess[] = [];
  const wrapperDir = mkdtempSync(join(tmpdir(), 'mc5-chromium-'));
  const wrapper = join(wrapperDir, 'chromium-in-netns');
  writeFileSync(wrapper, `#!/bin/sh\nexec ip netns exec ${name} ${chromiumPath()} "$@"\n`);
  chmodSync(wrapper, 0o755);

  return {
    name,
    start(command, args, ready, env = {}) {
      // Its own process group, so that stopping it also stops anything it started.
      const child = spawn('ip', ['netns', 'exec', name, command, ...args], {
        // CI=true makes servers colour their output; readiness is matched on plain text.
        env: { ...process.env, NO_COLOR: '1', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      children.push(child);
      return new Promise((resolve, reject) => {
        let out = '';
        const seen = (chunk: Buffer) => {
          // eslint-disable-next-line no-control-regex -- ANSI escapes are control characters
          out += chunk.toString().replace(/\x1b\[[0-9;]*m/g, '');
          if (ready.test(out)) resolve(child);
        };
        child.stdout!.on('data', seen);
        child.stderr!.on('data', seen);
        child.once('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited (${code}) before it was ready:\n${out}`)));
      });
    },
    launchProfile(userDataDir) {
      return chromium.launchPersistentContext(userDataDir, { executablePath: wrapper, args: CHROMIUM_ARGS, headless: true });
    },
    close() {
      for (const c of children) {
        try {
          if (c.pid !== undefined && c.exitCode === null) process.kill(-c.pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
      try {
        ip('netns', 'del', name);
      } finally {
        rmSync(wrapperDir, { recursive: true, force: true });
      }
    },
  };
}
