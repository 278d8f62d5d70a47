import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchProfile } from './support/chromium';
import { baseURL, editorText, openApp, until } from './support/app';
import { createSpecWithText, openSpec } from './specsHelpers';
import { startYWebsocketServer } from './support/yWebsocketServer';
import { profileDevices, type Device } from './peerScenario';
import { importRunsJsonl, runCount } from './support/evidence';
import { fillBet, openBets } from './support/bets';
import { startFakeLlm } from './support/fakeLlm';
import { pairDevices, pairedDevices, pairedNames, recordsOnEveryDevice, settingsOf as settingsVia, shots, text } from './support/devices';

/*
 * My devices: two browser profiles (a laptop and a phone) pair through a y-websocket server:
 * the laptop shows a link and its QR code, the phone opens the link, both show the same code,
 * the person confirms on both, and each lists the other. Unpairing is one click. Paired, they
 * exchange every record (support/devices.ts recordsOnEveryDevice, the same journey as over
 * WebRTC in devicesWebrtc.e2e.ts), specs, resolutions and amendments made apart.
 */

let server: Awaited<ReturnType<typeof startYWebsocketServer>> | undefined;
const devices = profileDevices('mc-devices', launchProfile);

beforeAll(async () => {
  server = await startYWebsocketServer();
});
afterAll(async () => {
  await devices.close();
  server?.stop();
});

const settingsOf = (page: Page, name: string) => settingsVia(page, name, server!.url);
const paired = <N extends string[]>(prefix: string, names: readonly [...N]) => pairedDevices(devices, prefix, names, server!.url);

/** The bet with this task and its events, as this browser's database holds them, and the exchange's status line. */
async function betRecordsOf(page: Page, task: string): Promise<string> {
  const stored = await page
    .evaluate(async (task) => {
      const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('metacompiler'));
      const out: unknown[] = [];
      for (const name of names) {
        const open = indexedDB.open(name);
        const idb = await new Promise<IDBDatabase>((ok, fail) => ((open.onsuccess = () => ok(open.result)), (open.onerror = () => fail(open.error))));
        if (!idb.objectStoreNames.contains('bets') || !idb.objectStoreNames.contains('betEvents')) {
          idb.close();
          continue;
        }
        const all = (store: string) => new Promise<unknown[]>((ok) => {
          const r = idb.transaction(store).objectStore(store).getAll();
          r.onsuccess = () => ok(r.result as unknown[]);
        });
        const bets = ((await all('bets')) as { id: string; task: string }[]).filter((b) => b.task === task);
        const events = ((await all('betEvents')) as { betId: string }[]).filter((e) => bets.some((b) => b.id === e.betId));
        out.push({ name, bets, events });
        idb.close();
      }
      return JSON.stringify(out);
    }, task)
    .catch((e: Error) => `(could not read: ${e.message})`);
  await openApp(page, '/settings');
  const exchange = await page.getByTestId('exchange-status').allTextContents().catch(() => []);
  return `${stored}; exchange: ${JSON.stringify(exchange)}`;
}

describe('My devices', () => {
  let laptop: Device;
  let phone: Device;

  it('pairs two profiles by link and code, and unpairs in one click', async () => {
    laptop = await devices.device('laptop');
    phone = await devices.device('phone');
    await settingsOf(laptop.page, 'Laptop');
    await settingsOf(phone.page, 'Phone');
    expect(await laptop.page.getByTestId('no-devices').textContent()).toBe('No paired devices.');

    await pairDevices(laptop, phone, 'devices-pair');
    expect(await pairedNames(laptop.page)).toEqual(['Phone']);
    expect(await pairedNames(phone.page)).toEqual(['Laptop']);
    // The link was used: it is gone from the phone's address bar.
    expect(new URL(phone.page.url()).hash).toBe('');
    await laptop.page.getByTestId('devices').screenshot({ path: join(shots, 'devices-list.png') });

    // Unpaired in a second tab of the phone (the first one holds the exchange): the laptop is
    // told, stops exchanging and says it was unpaired.
    const second = await phone.ctx.newPage();
    await openApp(second, '/settings');
    await second.getByTestId('unpair').click();
    await second.getByTestId('no-devices').waitFor();
    await phone.page.getByTestId('no-devices').waitFor();
    const notice = await until(() => laptop.page.getByTestId('unpaired-notice').allTextContents(), (t) => t.length === 1, 30_000, 'the laptop to say it was unpaired');
    expect(notice[0]).toContain('Phone unpaired this device');
    expect(await pairedNames(laptop.page)).toEqual([]);
    // The phone stops telling once the laptop answered.
    await until(() => second.getByTestId('unpair-telling').count(), (n) => n === 0, 30_000, 'the phone to have told the laptop');
    await laptop.page.getByTestId('devices').screenshot({ path: join(shots, 'devices-unpaired.png') });
    await second.close();
  }, 120_000);

  it('refuses a pairing link that was changed', async () => {
    const page = (await devices.device('tampered')).page;
    await openApp(page, '/settings');
    await laptop.page.getByTestId('pair-device').click();
    const link = await laptop.page.getByTestId('pair-link').inputValue();
    await page.goto(link.replace(/check=[^&]+/, 'check=AAAAAAAA'));
    const error = await page.getByTestId('pair-error').textContent({ timeout: 10_000 });
    expect(error).toContain('this pairing link was changed or cut short');
    await laptop.page.getByTestId('pair-close').click();
    await until(() => laptop.page.getByTestId('pairing-panel').count(), (n) => n === 0, 5000, 'the pairing panel to close');
    expect(baseURL()).toBeTruthy();
  }, 60_000);
});

describe('My devices: records on every paired device', () => {
  it('runs, bets and scars made on each side, also offline, show the same on both; each log verifies the other; a tampered third is refused by name', () => recordsOnEveryDevice(devices, 'ada', server!.url), 400_000);
});

describe('My devices: specs on every paired device', () => {
  it('a spec, its edits on either side, its renames and its checkpoints reach the other device with no share session', async () => {
    const [laptop, phone] = await paired('cy', ['laptop', 'phone']);

    const v1 = '# Trip plan\n\n- [ ] book the train\n';
    const url = await createSpecWithText(laptop.page, 'Trip plan', v1);
    // The phone lists it and opens the same text, without sharing anything.
    await openApp(phone.page, '/specs');
    await phone.page.getByTestId('spec-item').filter({ hasText: 'Trip plan' }).waitFor({ timeout: 30_000 });
    await openSpec(phone.page, url);
    await until(() => editorText(phone.page), (t) => t === v1.replace(/\n$/, '\n'), 30_000, 'the laptop\'s text on the phone');
    expect(await phone.page.getByTestId('spec-shared').count()).toBe(0);

    // An edit on the phone shows on the laptop, live; one on the laptop shows on the phone.
    await phone.page.locator('[data-testid="spec-editor"] .cm-line').filter({ hasText: 'book the train' }).click();
    await phone.page.keyboard.press('End');
    await phone.page.keyboard.insertText('\n- [ ] pack (phone)');
    await until(() => editorText(laptop.page), (t) => t.includes('- [ ] pack (phone)'), 30_000, 'the phone\'s edit on the laptop');
    await laptop.page.locator('[data-testid="spec-editor"] .cm-line').filter({ hasText: 'pack (phone)' }).click();
    await laptop.page.keyboard.press('End');
    await laptop.page.keyboard.insertText('\n- [ ] water plants (laptop)');
    const both = await until(() => editorText(phone.page), (t) => t.includes('water plants (laptop)'), 30_000, 'the laptop\'s edit on the phone');
    expect(both).toBe('# Trip plan\n\n- [ ] book the train\n- [ ] pack (phone)\n- [ ] water plants (laptop)\n');
    expect(await editorText(laptop.page)).toBe(both);

    // A rename on the phone renames it on the laptop.
    const item = phone.page.getByTestId('spec-item').filter({ hasText: 'Trip plan' });
    await item.getByRole('button', { name: 'Rename Trip plan' }).click();
    await phone.page.getByLabel('New title').fill('Trip to Lisbon');
    await phone.page.getByLabel('New title').press('Enter');
    await laptop.page.getByTestId('spec-item').filter({ hasText: 'Trip to Lisbon' }).waitFor({ timeout: 30_000 });
    await laptop.page.getByTestId('spec-title').filter({ hasText: 'Trip to Lisbon' }).waitFor();

    // A History checkpoint saved on the laptop is in the phone's History.
    await laptop.page.getByTestId('open-history').click();
    await laptop.page.getByTestId('checkpoint-name').fill('Before packing');
    await laptop.page.getByTestId('save-checkpoint').click();
    await laptop.page.getByTestId('checkpoint').filter({ hasText: 'Before packing' }).waitFor();
    await phone.page.getByTestId('open-history').click();
    await phone.page.getByTestId('checkpoint').filter({ hasText: 'Before packing' }).waitFor({ timeout: 30_000 });
    await phone.page.screenshot({ path: join(shots, 'devices-spec-phone.png') });
  }, 300_000);
});

describe('My devices: a first exchange shows its progress and can be paused', () => {
  it('paused, nothing reaches the other device; resumed, everything does', async () => {
    const [laptop, phone] = await paired('pause', ['laptop', 'phone']);
    const status = (page: Page) => page.getByTestId('exchange-status');
    await until(() => status(laptop.page).getAttribute('data-connected'), (c) => c === 'yes', 20_000, 'the laptop to connect');
    await laptop.page.getByTestId('exchange-pause').click();
    await until(() => status(laptop.page).getAttribute('data-paused'), (p) => p === 'yes', 5_000, 'the laptop to pause');

    // 5,000 runs recorded on the laptop while paused (three batches): it counts them as waiting
    // to be sent, in Settings and in the header on every page, and sends none.
    const runs = Array.from({ length: 5000 }, (_, i) => ({ id: `pause-${i}`, specHash: `name:spec-${i % 5}`, nudges: i % 2 ? ['Add type hints'] : [], passed: i % 3 !== 0, errorMessages: [], at: Date.UTC(2026, 0, 1) + i * 60_000 }));
    await importRunsJsonl(laptop.page, runs);
    await until(() => laptop.page.getByTestId('devices-chip').textContent().catch(() => ''), (t) => /^Devices: 0 of 5,0\d\d records \(paused\)$/.test(t ?? ''), 20_000, 'the header chip to show what waits');
    await openApp(laptop.page, '/settings');
    // Still paused after the pages were reloaded: the pause is kept until resumed.
    await until(() => status(laptop.page).getAttribute('data-paused'), (p) => p === 'yes', 20_000, 'the laptop to stay paused');
    // (What the phone sent before the pause, in this browser's copy of the document, waits too.)
    await until(() => text(laptop.page, 'exchange-progress'), (t) => /(^|· )[Ss]ending 0 of 5,0\d\d records \(paused\)$/.test(t), 20_000, 'the laptop to show what it will send');

    // The phone, connected and holding everything the server holds, has none of them.
    await openApp(phone.page, '/settings');
    await until(() => status(phone.page).getAttribute('data-up-to-date'), (u) => u === 'yes', 20_000, 'the phone to hold what the server holds');
    await openApp(phone.page, '/evidence');
    expect(await runCount(phone.page)).toBe(0);
    await openApp(phone.page, '/settings');

    // Resumed: every run reaches the phone, and the laptop has nothing left to send.
    await laptop.page.getByTestId('exchange-resume').click();
    await until(() => status(laptop.page).getAttribute('data-paused'), (p) => p === 'no', 5_000, 'the laptop to resume');
    const received = (t: string) => Number(/ ([\d,]+) received/.exec(t)?.[1]?.replace(/,/g, '') ?? 0);
    await until(() => text(phone.page, 'exchange-status'), (t) => received(t) >= 5000, 60_000, 'the phone to receive every run');
    await until(() => laptop.page.getByTestId('exchange-progress').count(), (n) => n === 0, 20_000, 'the laptop to have sent everything');
    expect(await laptop.page.getByTestId('devices-chip').count()).toBe(0);
    await openApp(phone.page, '/evidence');
    await until(() => runCount(phone.page), (n) => n === 5000, 30_000, '5,000 runs on the phone');
  }, 240_000);
});

describe('My devices: one bet resolved on both devices while apart', () => {
  it('the earlier resolution counts on both, and the other is shown on the bet on both', async () => {
    const [laptop, phone] = await paired('dee', ['laptop', 'phone']);

    await openBets(laptop.page);
    await fillBet(laptop.page, { task: 'Shared task', hours: '4', confidence: '0.7', stake: '5' });
    await laptop.page.getByTestId('place-bet').click();
    await laptop.page.getByTestId('open-bet').filter({ hasText: 'Shared task' }).waitFor();
    await openBets(phone.page);
    await phone.page.getByTestId('open-bet').filter({ hasText: 'Shared task' }).waitFor({ timeout: 30_000 });

    // Apart, each resolves it: the laptop first (5h), then the phone (2h).
    await laptop.ctx.setOffline(true);
    await phone.ctx.setOffline(true);
    const resolve = async (page: Page, actual: string) => {
      await page.getByTestId('open-bet').filter({ hasText: 'Shared task' }).getByTestId('resolve-open').click();
      await page.getByTestId('resolve-hours').fill(actual);
      await page.getByTestId('resolve-submit').click();
      await page.getByTestId('resolve-dialog').waitFor({ state: 'detached' });
    };
    await resolve(laptop.page, '5h');
    await resolve(phone.page, '2h');
    await laptop.ctx.setOffline(false);
    await phone.ctx.setOffline(false);

    for (const page of [laptop.page, phone.page]) {
      await openBets(page);
      const row = page.getByTestId('resolved-bet').filter({ hasText: 'Shared task' });
      const conflict = await until(() => row.getByTestId('resolution-conflict').allTextContents(), (t) => t.length === 1, 60_000, 'the other resolution on the bet').catch(async (e: Error) => {
        // What each device holds of the bet, so an intermittent failure says where it stopped.
        const held = await Promise.all([laptop.page, phone.page].map((p) => betRecordsOf(p, 'Shared task')));
        throw new Error(`${e.message}\n${page === laptop.page ? 'laptop' : 'phone'} page; laptop holds ${held[0]}\nphone holds ${held[1]}`);
      });
      expect(conflict[0]).toContain('Also resolved on another device while apart: 2h');
      expect(await row.locator('td.num').nth(1).textContent()).toBe('5h');
      expect(await page.getByTestId('resolved-bet').count()).toBe(1);
    }
    await phone.page.getByTestId('resolved-bets').screenshot({ path: join(shots, 'devices-two-resolutions.png') });
  }, 300_000);
});

describe('My devices: compilations on every paired device', () => {
  it('a compilation finished on the laptop is in the phone\'s Generations history, with its runs', async () => {
    const llm = await startFakeLlm({ appOrigin: baseURL(), apiKey: 'test-key', leakTarget: 'http://127.0.0.1:9' });
    try {
      const [laptop, phone] = await paired('eve', ['laptop', 'phone']);

      await openApp(laptop.page, '/compile');
      await laptop.page.getByTestId('create-example').click();
      await until(() => laptop.page.getByTestId('target-line').textContent(), (t) => t?.includes('slugify()') ?? false, 10_000, 'the example target');
      await until(() => laptop.page.getByTestId('endpoint-url').inputValue(), (v) => v !== '', 10_000, 'stored endpoint settings');
      await laptop.page.getByTestId('endpoint-url').fill(`${llm.url}/v1`);
      await laptop.page.getByTestId('endpoint-model').fill('fake-coder');
      await laptop.page.getByTestId('endpoint-key').fill('test-key');
      await laptop.page.getByTestId('option-variations').fill('3');
      await laptop.page.getByTestId('start-compile').click();
      await until(() => laptop.page.getByTestId('compile-status').getAttribute('data-status').catch(() => null), (s) => s === 'done', 60_000, 'the compilation to finish');

      const history = async (page: Page) => {
        await openApp(page, '/time.trace.metacompiler.generations');
        await until(() => page.getByTestId('generation-row').count(), (n) => n === 1, 30_000, 'one compilation in the history');
        return page.getByTestId('generation-row').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-status')} ${r.querySelector('[data-testid="generation-pass-rate"]')?.textContent ?? ''}`));
      };
      const onLaptop = await history(laptop.page);
      expect(onLaptop[0]).toMatch(/^done \d\/3/);
      expect(await history(phone.page)).toEqual(onLaptop);
      await openApp(phone.page, '/evidence');
      await until(() => runCount(phone.page), (n) => n === 3, 30_000, 'the compilation\'s 3 runs on the phone');
    } finally {
      await llm.close();
    }
  }, 240_000);
});

describe('My devices: the constitution amended on both devices while apart', () => {
  it('the earlier amendment governs on both, and the other is shown as amended twice on both', async () => {
    const [laptop, phone] = await paired('fay', ['laptop', 'phone']);

    const amend = async (page: Page, trust: string) => {
      await page.getByTestId('amend-toggle').click();
      await page.getByTestId('amend-trust').selectOption(trust);
      await page.getByTestId('amend-submit').click();
      await page.getByTestId('amend-status').filter({ hasText: 'Adopted constitution' }).waitFor({ timeout: 30_000 });
      await until(() => text(page, 'constitution-trust'), (t) => t === trust, 10_000, `trust level ${trust} in force`);
    };
    // Apart, each amends the same constitution: the laptop first (trust 1), then the phone (trust 3).
    // Before they part, each page's exchange is running and up to date (it starts after a page
    // loads: a page that goes offline at once would part before its exchange began), and the
    // Governance page is reached inside that page, as a person would, not by loading another.
    for (const page of [laptop.page, phone.page]) {
      await openApp(page, '/settings');
      const status = page.getByTestId('exchange-status').first();
      await until(() => status.getAttribute('data-up-to-date').catch(() => null), (u) => u === 'yes', 60_000, 'the exchange to run and hold what the server holds');
      await page.locator('nav a[href="/governance"]').first().click();
      await page.getByTestId('amend-toggle').waitFor();
    }
    await laptop.ctx.setOffline(true);
    await phone.ctx.setOffline(true);
    await amend(laptop.page, '1');
    await amend(phone.page, '3');
    await laptop.ctx.setOffline(false);
    await phone.ctx.setOffline(false);

    const shown: { id: string; apart: string[] }[] = [];
    for (const page of [laptop.page, phone.page]) {
      await openApp(page, '/governance');
      const apart = await until(() => page.getByTestId('constitution-apart').allTextContents(), (t) => t.length === 1, 60_000, 'the other amendment shown');
      expect(apart[0]).toContain('Not in force: the earlier amendment governs');
      expect(await text(page, 'constitution-trust')).toBe('1');
      shown.push({ id: await text(page, 'constitution-id'), apart });
    }
    expect(shown[1]).toEqual(shown[0]);
    await phone.page.getByTestId('constitution').screenshot({ path: join(shots, 'devices-two-amendments.png') });
  }, 300_000);
});
