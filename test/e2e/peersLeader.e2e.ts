import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchProfile } from './support/chromium';
import { editorText, until } from './support/app';
import { startYWebsocketServer } from './support/yWebsocketServer';
import { profileDevices, watchPageErrors } from './peerScenario';
import { appendText, createSpecWithText, joinByLink, openSpec, shareOpenSpec } from './specsHelpers';

/**
 * One connection per browser: of Ada's two tabs, only the one holding the Web Lock connects;
 * the other follows through the tab channel. Closing the leader tab hands the connections to the
 * other tab, and no edit is lost: not the last one typed in the closing tab, not the next one.
 */
let server: Awaited<ReturnType<typeof startYWebsocketServer>>;
const devices = profileDevices('mc-leader', launchProfile);

beforeAll(async () => {
  server = await startYWebsocketServer();
});
afterAll(async () => {
  await devices.close();
  server?.stop();
});

async function holder(page: import('playwright-core').Page): Promise<string> {
  await page.getByTestId('share-session').click();
  const text = await page.getByTestId('connection-holder').innerText();
  await page.getByTestId('share-dialog').getByRole('button', { name: 'Close' }).first().click();
  return text;
}

describe('one connection per browser (y-websocket)', () => {
  it('the leader tab holds the connection, and closing it hands over without a lost edit', async () => {
    const ada = await devices.device('ada');
    const bob = await devices.device('bob');
    const errors = watchPageErrors([ada.page, bob.page]);
    const specUrl = await createSpecWithText(ada.page, 'Two tabs', '# Two tabs\n\n');
    const link = await shareOpenSpec(ada.page, { name: 'Ada', websocketUrl: server.url });
    await joinByLink(bob.page, link, { name: 'Bob', websocketUrl: server.url });
    await until(() => editorText(bob.page), (t) => t.startsWith('# Two tabs'), 15_000, 'Bob to receive the spec');

    const second = await ada.ctx.newPage();
    errors.watch(second);
    await openSpec(second, specUrl);
    expect(await holder(ada.page)).toContain('This tab holds');
    expect(await holder(second)).toContain('Another tab of this browser holds');
    await appendText(second, 'from the follower tab\n');
    await until(() => editorText(bob.page), (t) => t.includes('from the follower tab'), 15_000, 'Bob to get the follower tab’s edit');

    // The leader's last edit, then it closes at once.
    await appendText(ada.page, 'last words of the leader\n');
    await ada.page.close();
    const closedAt = Date.now();
    await appendText(second, 'right after the handover\n');
    await until(() => editorText(bob.page), (t) => t.includes('right after the handover') && t.includes('last words of the leader'), 15_000, 'Bob to get both edits');
    const handoverMs = Date.now() - closedAt;
    console.log(`[peers] leader handover: the next edit reached the other device ${handoverMs} ms after the leader tab closed`);
    await until(() => holder(second), (t) => t.includes('This tab holds'), 5_000, 'the second tab to hold the connection');
    await appendText(bob.page, 'Bob after the handover\n');
    await until(() => editorText(second), (t) => t.includes('Bob after the handover'), 15_000, 'the new leader to get Bob’s edit');
    expect(errors.list()).toEqual([]);
  }, 180_000);
});
