import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { editorText, until } from './support/app';
import { createNetns, type Netns } from './support/netns';
import { appendText, createSpecWithText, joinByLink, peopleNames, shareOpenSpec } from './specs-helpers';

/**
 * Two devices (two browser profiles, two Chromium processes) editing one spec over y-webrtc
 * with an encrypted room, all inside a private network namespace made here: the built app is
 * served there, the signaling server is the one `npm run signal` starts (y-webrtc's own, on 127.0.0.1:4444,
 * the app's default), and the browsers find each other through host ICE candidates only.
 */
const APP = 'http://127.0.0.1:4173';
let ns: Netns;
const profiles: string[] = [];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  ns = createNetns();
  await ns.start(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1', '--port', '4173', '--strictPort'], /127\.0\.0\.1:4173/);
  // What `npm run signal` runs, started directly so the test holds the server's own process.
  await ns.start(process.execPath, ['--import', './test/support/loopback.mjs', 'node_modules/y-webrtc/bin/server.js'], /Signaling server running/, { PORT: '4444' });
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  ns?.close();
  for (const p of profiles) rmSync(p, { recursive: true, force: true });
});

async function device(name: string): Promise<{ ctx: BrowserContext; page: Page }> {
  const dir = mkdtempSync(join(tmpdir(), `mc-rtc-${name}-`));
  profiles.push(dir);
  const ctx = await ns.launchProfile(dir);
  contexts.push(ctx);
  return { ctx, page: ctx.pages()[0] ?? (await ctx.newPage()) };
}

describe('peers over WebRTC in a private network namespace', () => {
  it('syncs both ways, merges offline edits on reconnect, and shows nothing to a wrong password', async () => {
    const ada = await device('ada');
    const bob = await device('bob');
    const start = '# Shared over WebRTC\n\n- [ ] from Ada\n';
    await createSpecWithText(ada.page, 'Shared over WebRTC', start, APP);
    const link = await shareOpenSpec(ada.page, { name: 'Ada' });
    expect(link.startsWith(`${APP}/specs/`)).toBe(true);

    await joinByLink(bob.page, link, { name: 'Bob' });
    await until(() => editorText(bob.page), (t) => t === start, 30_000, 'Bob to receive the spec over WebRTC');
    await until(() => peopleNames(ada.page), (n) => n.includes('Bob'), 15_000, 'Ada to see Bob here');
    // The text came over a WebRTC data channel: Ada's session counts one open connection.
    await ada.page.getByTestId('share-session').click();
    await ada.page.getByTestId('share-status').filter({ hasText: 'Sharing over WebRTC · 1 connection' }).waitFor({ timeout: 15_000 });
    await ada.page.getByTestId('share-dialog').getByRole('button', { name: 'Close' }).first().click();

    await appendText(bob.page, '- [ ] from Bob\n');
    await until(() => editorText(ada.page), (t) => t.includes('- [ ] from Bob'), 10_000, 'Ada to get Bob’s edit');
    await appendText(ada.page, '- [ ] again Ada\n');
    await until(() => editorText(bob.page), (t) => t.includes('- [ ] again Ada'), 10_000, 'Bob to get Ada’s edit');

    await ada.ctx.setOffline(true);
    await bob.ctx.setOffline(true);
    await appendText(ada.page, 'offline Ada\n');
    await appendText(bob.page, 'offline Bob\n');
    await ada.ctx.setOffline(false);
    await bob.ctx.setOffline(false);
    // Both peers re-signal and rebuild their WebRTC connection at once after coming back; on a
    // loaded machine that handshake has been seen to take over 30 s, so allow a minute.
    const merged = await until(() => editorText(ada.page), (t) => t.includes('offline Ada') && t.includes('offline Bob'), 60_000, 'Ada to merge');
    await until(() => editorText(bob.page), (t) => t === merged, 60_000, 'Bob to equal Ada');

    const eve = await device('eve');
    await joinByLink(eve.page, link.replace(/key=[^&]+/, 'key=notthepasswordatall'), { name: 'Eve' });
    await appendText(ada.page, 'after Eve joined\n');
    await until(() => editorText(bob.page), (t) => t.includes('after Eve joined'), 10_000, 'Bob to get the latest edit');
    expect(await editorText(eve.page)).toBe('');
    expect(await peopleNames(ada.page)).not.toContain('Eve');
  }, 240_000);
});
