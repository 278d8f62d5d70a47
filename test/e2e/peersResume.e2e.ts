import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { launchProfile } from './support/chromium';
import { baseURL, editorText, until } from './support/app';
import { startYWebsocketServer } from './support/yWebsocketServer';
import { profileDevices, watchPageErrors } from './peerScenario';
import { appendText, createSpecWithText, joinByLink, openSpec, shareOpenSpec } from './specsHelpers';

/**
 * A shared spec stays shared: through a reload of the sharing tab and a restart of its browser
 * (the same profile, closed and launched again), its session resumes by itself, in the
 * background, and edits merge without the link. The joiner's spec takes its title from the
 * document, the list marks shared specs, and "Stop sharing" closes the room for everyone: the old
 * link reaches nothing, and the y-websocket server's copy can be cleared.
 */
let server: Awaited<ReturnType<typeof startYWebsocketServer>>;
const devices = profileDevices('mc-resume', launchProfile);
const shots = process.env.E2E_SHOTS ?? join(tmpdir(), 'mc-shots');

beforeAll(async () => {
  server = await startYWebsocketServer();
  mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
  await devices.close();
  server?.stop();
});

const sharedMarks = (page: import('playwright-core').Page) => page.getByTestId('spec-item').filter({ has: page.getByTestId('spec-shared') }).allInnerTexts();

describe('peer sessions that last (y-websocket)', () => {
  it('resume after a reload and a browser restart, take the title from the document, and stop for everyone', async () => {
    let ada = await devices.device('ada');
    const bob = await devices.device('bob');
    const errors = watchPageErrors([ada.page, bob.page]);
    const start = '# Launch plan\n\n- [ ] from Ada\n';
    const specUrl = await createSpecWithText(ada.page, 'Launch plan', start);
    const link = await shareOpenSpec(ada.page, { name: 'Ada', websocketUrl: server.url });
    expect(link).not.toContain('title=');

    // Bob's link names a spec id; his copy is named by the document's heading.
    await joinByLink(bob.page, link.replace(/#/, '#title=Forged%20title&'), { name: 'Bob', websocketUrl: server.url });
    await until(() => editorText(bob.page), (t) => t === start, 15_000, 'Bob to receive the spec');
    await bob.page.getByTestId('spec-title').filter({ hasText: 'Launch plan' }).waitFor({ timeout: 10_000 });
    await until(() => sharedMarks(bob.page), (m) => m.some((t) => t.includes('Launch plan')), 10_000, 'Bob’s list to mark the spec shared');
    expect((await bob.page.getByTestId('spec-item').allInnerTexts()).join('\n')).not.toContain('Forged');

    // Ada reloads the sharing tab: the session resumes by itself.
    await ada.page.reload();
    await ada.page.locator('[data-testid="spec-editor"] .cm-line').first().waitFor();
    await appendText(bob.page, '- [ ] after Ada reloaded\n');
    await until(() => editorText(ada.page), (t) => t.includes('after Ada reloaded'), 15_000, 'Ada to get Bob’s edit after her reload');

    // The share dialog shows the same link (the current one) and the list marks the spec.
    await ada.page.getByTestId('share-session').click();
    expect(await ada.page.getByTestId('share-link').inputValue()).toBe(link);
    await ada.page.getByTestId('share-status').filter({ hasText: '1 other device here' }).waitFor({ timeout: 15_000 });
    await ada.page.screenshot({ path: join(shots, 'share-dialog.png') });
    await ada.page.getByTestId('share-dialog').getByRole('button', { name: 'Close' }).first().click();
    expect(await sharedMarks(ada.page)).toEqual([expect.stringContaining('Launch plan')]);
    await ada.page.locator('aside').screenshot({ path: join(shots, 'spec-list-shared.png') });

    // Ada's browser closes and starts again with the same profile, on another page: the session
    // reconnects in the background, and Bob's edit arrives without the spec being open.
    await ada.ctx.close();
    ada = await devices.reopen('ada');
    errors.watch(ada.page);
    await ada.page.goto(`${baseURL()}/settings`);
    await ada.page.locator('main h1').first().waitFor();
    await appendText(bob.page, '- [ ] while Ada was away\n');
    await until(() => editorText(bob.page), (t) => t.includes('while Ada was away'), 5_000, 'Bob’s own edit');
    // Proof that it arrived in the background: it is stored before the spec is opened, offline.
    await waitForStoredText(ada.page, specUrl.split('/').pop()!, 'while Ada was away');
    // Opening the spec offline needs the service worker active (its precache done): after the
    // restart it may still be installing (CI once went offline first: ERR_INTERNET_DISCONNECTED).
    await ada.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await ada.ctx.setOffline(true);
    await openSpec(ada.page, specUrl);
    expect(await editorText(ada.page)).toContain('while Ada was away');
    await ada.ctx.setOffline(false);
    await appendText(ada.page, '- [ ] Ada after her restart\n');
    await until(() => editorText(bob.page), (t) => t.includes('Ada after her restart'), 15_000, 'Bob to get Ada’s edit after her restart');

    // Stop sharing: Bob's session ends too, an old link reaches nothing, the server copy is cleared.
    await ada.page.getByTestId('share-session').click();
    await ada.page.getByTestId('stop-sharing').click();
    await ada.page.getByTestId('server-copy').waitFor();
    await until(() => sharedMarks(bob.page), (m) => m.length === 0, 15_000, 'Bob’s session to end when Ada stops sharing');
    const eve = await devices.device('eve');
    errors.watch(eve.page);
    await joinByLink(eve.page, link, { name: 'Eve', websocketUrl: server.url });
    await ada.page.getByTestId('clear-server-copy').click();
    await ada.page.getByTestId('server-cleared').waitFor({ timeout: 15_000 });
    await ada.page.screenshot({ path: join(shots, 'share-dialog-stopped.png') });
    await ada.page.getByTestId('share-dialog').getByRole('button', { name: 'Close' }).first().click();
    await appendText(ada.page, '- [ ] after stopping\n');
    await until(() => sharedMarks(eve.page), (m) => m.length === 0, 15_000, 'Eve’s session to end on the closed room');
    expect(await editorText(eve.page)).toBe('');
    expect(await editorText(bob.page)).not.toContain('after stopping');
    expect(await editorText(bob.page)).toContain('Ada after her restart');
    expect(errors.list()).toEqual([]);
  }, 240_000);
});

/** Waits until the spec's stored updates (y-indexeddb) hold `text`, read with IndexedDB itself. */
async function waitForStoredText(page: import('playwright-core').Page, specId: string, text: string): Promise<void> {
  await until(
    () =>
      page.evaluate(
        ({ name, text }) =>
          new Promise<boolean>((resolve) => {
            const req = indexedDB.open(name);
            req.onerror = () => resolve(false);
            req.onsuccess = () => {
              const db = req.result;
              if (!db.objectStoreNames.contains('updates')) return (db.close(), resolve(false));
              const all = db.transaction('updates').objectStore('updates').getAll();
              all.onsuccess = () => {
                const found = (all.result as Uint8Array[]).some((u) => new TextDecoder().decode(u).includes(text));
                db.close();
                resolve(found);
              };
            };
          }),
        { name: `metacompiler-spec:${decodeURIComponent(specId)}`, text },
      ),
    (found) => found,
    20_000,
    `"${text}" to be stored in the background`,
  );
}
