import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchProfile } from './support/chromium';
import { editorText, until } from './support/app';
import { appendText, createSpecWithText, joinByLink, peopleNames, shareOpenSpec } from './specs-helpers';

/**
 * Two devices (two browser profiles) sharing a spec through a y-websocket server on loopback,
 * the alternative to WebRTC for people who run a server. The server is the one the npm
 * package ships, started as the README says.
 */
let server: ChildProcess | undefined;
let wsUrl = '';
const profiles: string[] = [];
const contexts: BrowserContext[] = [];

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

beforeAll(async () => {
  const port = await freePort();
  server = spawn(process.execPath, ['node_modules/@y/websocket-server/src/server.js'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    server!.once('exit', (code) => reject(new Error(`y-websocket server exited with code ${code}`)));
    server!.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('running at') && resolve());
  });
  wsUrl = `ws://127.0.0.1:${port}`;
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  server?.kill('SIGTERM');
  for (const p of profiles) rmSync(p, { recursive: true, force: true });
});

async function device(name: string): Promise<{ ctx: BrowserContext; page: Page }> {
  const dir = mkdtempSync(join(tmpdir(), `mc-peer-${name}-`));
  profiles.push(dir);
  const ctx = await launchProfile(dir);
  contexts.push(ctx);
  return { ctx, page: ctx.pages()[0] ?? (await ctx.newPage()) };
}

describe('peers over y-websocket (loopback)', () => {
  it('syncs both ways, merges offline edits on reconnect, and shows nothing to a wrong password', async () => {
    const ada = await device('ada');
    const bob = await device('bob');
    const start = '# Shared plan\n\n- [ ] from Ada\n';
    await createSpecWithText(ada.page, 'Shared plan', start);
    const link = await shareOpenSpec(ada.page, { name: 'Ada', websocketUrl: wsUrl });
    expect(link).toContain('#join=');

    await joinByLink(bob.page, link, { name: 'Bob', websocketUrl: wsUrl });
    await until(() => editorText(bob.page), (t) => t === start, 15_000, 'Bob to receive the spec');
    await until(() => peopleNames(ada.page), (n) => n.includes('Bob'), 15_000, 'Ada to see Bob here');
    await until(() => peopleNames(bob.page), (n) => n.includes('Ada'), 15_000, 'Bob to see Ada here');

    await appendText(bob.page, '- [ ] from Bob\n');
    await until(() => editorText(ada.page), (t) => t.includes('- [ ] from Bob'), 10_000, 'Ada to get Bob’s edit');
    await appendText(ada.page, '- [ ] again Ada\n');
    await until(() => editorText(bob.page), (t) => t.includes('- [ ] again Ada'), 10_000, 'Bob to get Ada’s edit');

    // Both go offline and keep writing; back online, the edits of both merge on both.
    await ada.ctx.setOffline(true);
    await bob.ctx.setOffline(true);
    await appendText(ada.page, 'offline Ada\n');
    await appendText(bob.page, 'offline Bob\n');
    await ada.ctx.setOffline(false);
    await bob.ctx.setOffline(false);
    const merged = await until(() => editorText(ada.page), (t) => t.includes('offline Ada') && t.includes('offline Bob'), 20_000, 'Ada to merge');
    await until(() => editorText(bob.page), (t) => t === merged, 20_000, 'Bob to equal Ada');

    // A third device with the wrong password joins an empty room: it never sees the spec.
    const eve = await device('eve');
    await joinByLink(eve.page, link.replace(/key=[^&]+/, 'key=notthepasswordatall'), { name: 'Eve', websocketUrl: wsUrl });
    await appendText(ada.page, 'after Eve joined\n');
    await until(() => editorText(bob.page), (t) => t.includes('after Eve joined'), 10_000, 'Bob to get the latest edit');
    expect(await editorText(eve.page)).toBe('');
    expect(await peopleNames(ada.page)).not.toContain('Eve');
  });
});
