import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Page } from 'playwright-core';
import { launchProfile } from './support/chromium';
import { baseURL, editorText, until } from './support/app';
import { clearPriorsRuns, importRunsJsonl } from './support/evidence';
import { startYWebsocketServer } from './support/yWebsocketServer';
import { profileDevices } from './peerScenario';
import { createSpecWithText, joinByLink, shareOpenSpec } from './specsHelpers';
import { keyFingerprint, recordBytes } from '../../src/domain/governance/consentRecords';
import { toHex } from '../../src/domain/ledger/bytes';

/*
 * Consent on a shared spec between two devices (two browser profiles) over a y-websocket
 * server: Ada proposes injecting her learned priors; Bob sees the proposal in his HUD and on
 * the spec; a consent in Ada's name that Bob's device signs with its own key is refused on both
 * devices; the change applies only once Ada herself consents too; every device logs it.
 */

const shots = process.env.E2E_SHOTS ?? tmpdir();
let server: Awaited<ReturnType<typeof startYWebsocketServer>> | undefined;
const devices = profileDevices('mc-consent', launchProfile);

beforeAll(async () => {
  server = await startYWebsocketServer();
});
afterAll(async () => {
  await devices.close();
  server?.stop();
});

const card = (page: Page) => page.getByTestId('shared-proposal').first();
const status = (page: Page) => card(page).getByTestId('consent-status').textContent().then((t) => t ?? '');
const positionOf = (page: Page, name: string) => card(page).locator(`[data-testid="consent-row"][data-participant="${name}"]`).getAttribute('data-position');

/**
 * What a second tab of Bob's browser could do: sign a position naming Ada with Bob's own device
 * key (read from this profile's IndexedDB; the private key never leaves WebCrypto) and hand it
 * to the spec's document through the app's tab channel, which passes it on to the peers.
 */
async function forgeConsentFromBobsDevice(bob: Page, specId: string, proposalId: string): Promise<void> {
  const body = { proposalId, participant: 'Ada', to: 'CONSENT_GIVEN', at: Date.now() };
  const bytes = [...recordBytes(specId, 'position', body)];
  const { sig, jwk, state } = await bob.evaluate(
    async ({ specId, bytes }) => {
      const row = await new Promise<{ privateKey: CryptoKey; publicKeyJwk: JsonWebKey }>((resolve, reject) => {
        const open = indexedDB.open('metacompiler');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('keys').objectStore('keys').get('device');
          get.onsuccess = () => (open.result.close(), resolve(get.result));
          get.onerror = () => reject(get.error);
        };
      });
      const signed = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, row.privateKey, new Uint8Array(bytes));
      const bc = new BroadcastChannel(`metacompiler-tab:${specId}`);
      const full = await new Promise<Uint8Array>((resolve) => {
        bc.onmessage = (e: MessageEvent<{ t: string; u?: Uint8Array }>) => e.data.t === 'update' && e.data.u && resolve(e.data.u);
        bc.postMessage({ t: 'hello', sv: new Uint8Array([0]) });
      });
      bc.close();
      return { sig: [...new Uint8Array(signed)], jwk: row.publicKeyJwk, state: [...full] };
    },
    { specId, bytes },
  );
  const doc = new Y.Doc();
  Y.applyUpdate(doc, new Uint8Array(state));
  const before = Y.encodeStateVector(doc);
  doc.getArray('consent').push([{ type: 'position', body, key: await keyFingerprint(jwk), sig: toHex(new Uint8Array(sig)) }]);
  const update = [...Y.encodeStateAsUpdate(doc, before)];
  await bob.evaluate(({ specId, update }) => {
    const bc = new BroadcastChannel(`metacompiler-tab:${specId}`);
    bc.postMessage({ t: 'update', u: new Uint8Array(update) });
    bc.close();
  }, { specId, update });
}

async function logKinds(page: Page, kinds: string): Promise<string[]> {
  await page.goto(`${baseURL()}/log?kinds=${kinds}`);
  await page.locator('.brand').waitFor();
  await until(() => page.getByTestId('log-page').textContent(), (t) => (t ?? '') !== 'no entries' && t !== null, 10_000, `${kinds} entries in the log`);
  return page.locator('[data-testid="log-entry"]').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-kind')} ${r.querySelector('.payload')?.textContent ?? ''}`));
}

describe('consent on a shared spec, between two devices', () => {
  it('applies a proposed injection only after every steward consents, and refuses a forged consent', async () => {
    const ada = await devices.device('ada');
    const bob = await devices.device('bob');
    await importRunsJsonl(ada.page, clearPriorsRuns('consent'));
    const start = '# Shared plan\n\n- [ ] Write the parser\n';
    const url = await createSpecWithText(ada.page, 'Shared plan', start);
    const specId = new URL(url).pathname.split('/').pop()!;
    const link = await shareOpenSpec(ada.page, { name: 'Ada', websocketUrl: server!.url });
    await joinByLink(bob.page, link, { name: 'Bob', websocketUrl: server!.url });
    await until(() => editorText(bob.page), (t) => t === start, 20_000, 'Bob to receive the spec');
    // Each device has shown its key in the spec: both are stewards of what is proposed now.
    for (const page of [ada.page, bob.page]) {
      await page.locator('[data-testid="consent-participant"][data-name="Bob"]').waitFor({ timeout: 20_000 });
      await page.locator('[data-testid="consent-participant"][data-name="Ada"]').waitFor({ timeout: 20_000 });
    }

    await ada.page.getByTestId('inject-priors').click();
    await ada.page.getByRole('status').filter({ hasText: 'Proposed to everyone sharing this spec: it applies once Ada, Bob consent' }).waitFor({ timeout: 15_000 });

    // Bob sees it in his HUD and on the spec, both stewards listening.
    await bob.page.getByTestId('hud-consent').filter({ hasText: 'waiting for Ada, Bob' }).waitFor({ timeout: 20_000 });
    await card(bob.page).waitFor();
    expect(await card(bob.page).textContent()).toContain('write the learned priors into "Shared plan"');
    expect(await positionOf(bob.page, 'Ada')).toBe('LISTEN');
    const proposalId = (await card(bob.page).getAttribute('data-proposal'))!;

    // Bob's device signs a consent in Ada's name with its own key: refused on both devices.
    await forgeConsentFromBobsDevice(bob.page, specId, proposalId);
    for (const page of [ada.page, bob.page]) {
      await card(page).getByTestId('consent-refusal').filter({ hasText: "a position in Ada's name signed by Bob's key" }).waitFor({ timeout: 20_000 });
      expect(await positionOf(page, 'Ada')).toBe('LISTEN');
    }

    for (const w of [1366, 390]) {
      await bob.page.setViewportSize({ width: w, height: 900 });
      await bob.page.screenshot({ path: join(shots, `consent-bob-${w}.png`), fullPage: true });
    }
    await bob.page.setViewportSize({ width: 1366, height: 900 });
    // Bob consents for himself; Ada is silent, so nothing applies.
    await card(bob.page).getByTestId('answer-CONSENT_GIVEN').click();
    await until(() => positionOf(ada.page, 'Bob'), (p) => p === 'CONSENT_GIVEN', 20_000, 'Ada to see Bob consent');
    // Each card's status follows the consents it has seen (a moment after the position shows).
    for (const page of [ada.page, bob.page]) {
      await until(() => status(page), (t) => t === 'It applies only when Ada consents.', 20_000, 'the status to wait for Ada alone');
    }
    expect(await editorText(ada.page)).toBe(start);
    expect(await editorText(bob.page)).toBe(start);

    // Ada's explicit consent: her device writes the block, and Bob's spec shows it too.
    await card(ada.page).getByTestId('answer-CONSENT_GIVEN').click();
    await until(() => editorText(ada.page), (t) => t.includes('## Learned priors'), 20_000, 'the block on Ada’s device');
    const text = await until(() => editorText(bob.page), (t) => t.includes('## Learned priors'), 20_000, 'the block on Bob’s device');
    expect(text).toMatch(/^# Shared plan\n\n- \[ \] Write the parser\n\n## Learned priors\n\nDo: Add type hints/);
    // The applied proposal moves under "applied by consent" on both devices.
    for (const page of [ada.page, bob.page]) {
      const applied = page.locator('[data-testid="shared-proposal"][data-applied="true"]').first();
      await applied.waitFor({ state: 'attached', timeout: 20_000 });
      expect(await applied.getByTestId('consent-status').textContent()).toBe("Applied by Ada's device.");
    }
    // The header's consent count follows the applied proposal a moment later (it recomputes on the change).
    await bob.page.getByTestId('hud-consent').waitFor({ state: 'detached', timeout: 20_000 });

    await bob.page.goto(`${baseURL()}/governance`);
    await bob.page.getByTestId('consent').waitFor();
    await bob.page.screenshot({ path: join(shots, 'consent-governance-bob.png'), fullPage: true });
    // Both logs hold the proposal, the two consents, the refusal and the application.
    const adaLog = await logKinds(ada.page, 'proposal_opened,consent,consent_refused,action_applied,proposal_applied');
    expect(adaLog.map((r) => r.split(' ')[0]).reverse()).toEqual(['proposal_opened', 'consent_refused', 'consent', 'consent', 'action_applied', 'proposal_applied']);
    expect(adaLog.find((r) => r.startsWith('consent_refused'))).toContain("a position in Ada's name signed by Bob's key");
    const bobLog = await logKinds(bob.page, 'proposal_opened,consent,consent_refused,proposal_applied');
    expect(bobLog.map((r) => r.split(' ')[0]).sort()).toEqual(['consent', 'consent', 'consent_refused', 'proposal_applied', 'proposal_opened']);
    const header = await ada.page.evaluate(async () => (await fetch('/.well-known/compiler_ethics.json')).json());
    expect(header.zk_proof_handles.consent_silence_bands_intact).toBe(true);
    expect(header.invariants_wired).toContain('SILENCE_BANDS_PROTECTED');
  }, 300_000);
});
