import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, launchProfile } from './support/chromium';
import { baseURL, openApp, until } from './support/app';
import { SEED_STUB, shapeDifferences } from '../support/ethicsStub';

let browser: Browser;
const dirs: string[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

/** Opens a page and waits for the start-up verification to settle (the proof dial leaves "unverified"). */
async function openVerified(page: Page, path: string): Promise<void> {
  await openApp(page, path);
  await page.locator('[data-testid="hud-proof"]:not([data-state="unverified"])').waitFor({ timeout: 15_000 });
}

type EthicsJson = {
  compiler_ethics_v: string;
  answerable_to: { primary: string[] };
  invariants_wired: string[];
  zk_proof_handles: Record<string, boolean>;
  proof_note: string;
  signed_root: { size: number; root: string } | null;
};

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).first().textContent()) ?? '';

async function reportIncident(page: Page, ref: string, description: string): Promise<void> {
  await page.getByTestId('incident-ref').fill(ref);
  await page.getByTestId('incident-description').fill(description);
  await page.getByTestId('report-incident').click();
  await page.getByTestId('incident-saved').waitFor();
}

describe('governance: trust, queue, chapel, veto', () => {
  it('amends the constitution through the chapel, then queues automation above the new trust level', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await openVerified(page, '/governance');
    expect(await text(page, 'constitution-trust')).toBe('2');

    await page.getByTestId('amend-toggle').click();
    await page.getByTestId('amend-trust').selectOption('1');
    await page.getByTestId('amend-submit').click();
    // The chapel shows the intent and counts the constitution's 3 s pause down.
    const entry = page.getByTestId('chapel-entry');
    await entry.waitFor();
    expect(await entry.textContent()).toContain('trustLevel 2 → 1');
    const first = Number((await text(page, 'chapel-countdown')).replace(' s', ''));
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(3);
    await page.getByTestId('amend-status').filter({ hasText: 'Adopted constitution' }).waitFor({ timeout: 10_000 });
    await until(() => text(page, 'constitution-trust'), (t) => t === '1', 5000, 'trust level 1 in force');
    expect(await page.getByTestId('constitution-history').locator('li').count()).toBe(2);

    // Refitting needs level 2: with level 1 it waits for a person.
    await page.getByTestId('propose-refit').click();
    await page.getByTestId('automation-result').filter({ hasText: 'Queued for your approval' }).waitFor();
    const queued = page.getByTestId('queued-action').filter({ has: page.locator('[data-testid="queue-reason"]') });
    await queued.first().waitFor();
    expect(await queued.first().getAttribute('data-action')).toBe('refit_priors');
    expect(await text(page, 'queue-reason')).toContain('needs trust level 2; the constitution grants 1');

    await page.getByTestId('approve').click();
    await page.getByTestId('queue-message').filter({ hasText: 'Approved and applied' }).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('queued-action').count()).toBe(0);

    // The amendment left a governance scar.
    await page.getByRole('link', { name: 'Scars', exact: true }).click();
    await page.locator('[data-testid="scar-row"][data-trigger="constitution_change"]').waitFor();
    await ctx.close();
  });

  it('pauses a high-hazard action in the chapel, vetoes it, trips the fuse and resets it', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await openVerified(page, '/governance');
    await page.getByTestId('delete-before').fill('2020-01-01');
    await page.getByTestId('propose-delete').click();
    await page.getByTestId('automation-result').filter({ hasText: "always needs a person's approval" }).waitFor();
    await page.locator('[data-testid="queued-action"][data-action="bulk_delete_evidence"]').waitFor();

    await page.getByTestId('approve').click();
    await page.getByTestId('chapel').waitFor();
    expect(await page.getByTestId('chapel-entry').textContent()).toContain('delete every run recorded before 2020-01-01');
    await page.getByTestId('veto').click();
    await page.getByTestId('chapel').waitFor({ state: 'detached' });
    await page.getByTestId('queue-message').filter({ hasText: 'vetoed by self' }).waitFor();
    await until(() => text(page, 'fuse-card-state'), (t) => t === 'tripped', 5000, 'the fuse to trip');
    expect(await page.getByTestId('hud-veto').textContent()).toContain('tripped');

    await page.getByTestId('reset-fuse').click();
    await until(() => text(page, 'fuse-card-state'), (t) => t !== 'tripped', 5000, 'the fuse to be reset');

    // The log has the whole passage, in order.
    await page.getByRole('link', { name: 'Log', exact: true }).click();
    const kinds = await until(
      () => page.locator('[data-testid="log-entry"] td:nth-child(3)').allTextContents(),
      (k) => k.includes('fuse_reset'),
      5000,
      'the fuse reset in the log',
    );
    const passage = kinds.reverse().filter((k) => ['action_queued', 'approval', 'chapel_entered', 'veto', 'veto_checked', 'chapel_aborted', 'scar', 'fuse_reset'].includes(k));
    expect(passage).toEqual(['action_queued', 'approval', 'chapel_entered', 'veto', 'veto_checked', 'chapel_aborted', 'scar', 'fuse_reset']);
    await ctx.close();
  });
});

describe('the log: verification, ethics header, dossiers', () => {
  it('names the entry edited by hand in IndexedDB and leaves a scar', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    // A page that only looks logs nothing but the first constitution; a governed act opens its
    // session (entry 1) before its own entry.
    await openVerified(page, '/scars');
    await reportIncident(page, 'drill', 'a first governed act');
    await page.getByRole('link', { name: 'Log', exact: true }).click();
    await page.locator('[data-testid="verification"][data-ok="true"]').waitFor();
    await until(() => page.locator('[data-testid="log-entry"][data-kind="scar"]').count(), (n) => n === 1, 5000, 'the scar in the log');
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('metacompiler');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('log', 'readwrite');
            const store = tx.objectStore('log');
            const get = store.get(1);
            get.onsuccess = () => store.put({ ...get.result, payload: { sessionId: 'forged' } });
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    await page.getByTestId('verify-log').click();
    await page.locator('[data-testid="verification"][data-ok="false"]').waitFor({ timeout: 15_000 });
    expect(await text(page, 'verification')).toContain('entry 1 was changed after it was appended');
    await page.locator('[data-testid="hud-proof"][data-state="red"]').waitFor();
    expect(await page.getByTestId('hud-proof').textContent()).toContain('mismatch');
    await page.getByRole('link', { name: 'Scars', exact: true }).click();
    const scar = page.locator('[data-testid="scar-row"][data-trigger="ledger_verification_failed"]');
    await scar.waitFor();
    expect(await scar.textContent()).toContain('entry 1 was changed');
    await ctx.close();
  });

  it('serves /.well-known/compiler_ethics.json offline, live from the store', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await openVerified(page, '/scars');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await ctx.setOffline(true);
    await page.reload();
    await page.locator('.brand').waitFor();
    const fetchHeader = () =>
      page.evaluate(async () => {
        const res = await fetch('/.well-known/compiler_ethics.json');
        return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as EthicsJson };
      });
    const before = await fetchHeader();
    expect(before.status).toBe(200);
    expect(before.type).toContain('application/json');
    // Key by key, the seed's stub (test/fixtures/ethics/seedStub.json): a tool written against it reads every key.
    expect(shapeDifferences(SEED_STUB, before.body)).toEqual([]);
    expect(before.body.compiler_ethics_v).toBe('0.1');
    expect(before.body.proof_note).toBe('Merkle commitments, not zero-knowledge proofs');
    expect(before.body.invariants_wired).toEqual(SEED_STUB.invariants_wired);
    expect(Object.values(before.body.zk_proof_handles)).toEqual([true, true, true, true]);
    expect(before.body.answerable_to.primary).toEqual(['self']);
    const size = before.body.signed_root?.size ?? 0;

    await page.getByTestId('incident-form').waitFor();
    await reportIncident(page, 'offline drill', 'reported while offline');
    const after = await until(fetchHeader, (h) => (h.body.signed_root?.size ?? 0) > size, 5000, 'a newer signed root in the header');
    expect(after.body.signed_root?.root).toMatch(/^[0-9a-f]{64}$/);
    expect((after.body as unknown as { trust_slice_status: { unresolved_scar: boolean } }).trust_slice_status.unresolved_scar).toBe(true);

    // A direct navigation to the header is answered by the service worker too.
    const nav = await page.goto(baseURL() + '/.well-known/compiler_ethics.json');
    expect(nav?.status()).toBe(200);
    expect(shapeDifferences(SEED_STUB, JSON.parse((await page.locator('body').textContent()) ?? '{}'))).toEqual([]);
    await ctx.setOffline(false);
    await ctx.close();
  });

  it('explains each invariant on the Governance page, drops one whose data breaks, and the Log hides housekeeping', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await openVerified(page, '/scars');
    await reportIncident(page, 'drill', 'a scar to lose');
    await page.getByRole('link', { name: 'Governance', exact: true }).click();
    const listed = () => page.locator('[data-testid="invariant"][data-listed="true"]').count();
    await until(listed, (n) => n === 5, 10_000, 'five invariants listed');
    const scars = page.locator('[data-testid="invariant"][data-name="SCARS_DURABLE_FORGIVENESS_BOUNDED"]');
    expect(await scars.textContent()).toContain('the log records 1 scar and 0 restorations, the store holds 1 and 0');

    // The scar row disappears from the store (not through the app): the log still records it.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('metacompiler');
          open.onsuccess = () => {
            const tx = open.result.transaction('scars', 'readwrite');
            tx.objectStore('scars').clear();
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    await page.reload();
    await until(listed, (n) => n === 4, 10_000, 'four invariants listed');
    expect(await scars.getAttribute('data-listed')).toBe('false');
    expect(await scars.textContent()).toContain('the store holds 0 and 0');
    expect(await page.locator('[data-testid="proof-handle"][data-handle="scars_monotone"]').getAttribute('data-ok')).toBe('false');

    // Its log entries are one click away; the Log's default view leaves session_started out.
    await scars.getByRole('link', { name: 'The entries it reads' }).click();
    await page.locator('[data-testid="log-entry"][data-kind="scar"]').waitFor();
    expect(await page.locator('[data-testid="log-entry"]:not([data-kind="scar"]):not([data-kind="restoration"])').count()).toBe(0);
    await page.getByRole('link', { name: 'Log', exact: true }).click();
    await page.locator('[data-testid="log-entry"][data-kind="scar"]').waitFor();
    expect(await page.locator('[data-testid="log-entry"][data-kind="session_started"]').count()).toBe(0);
    expect(await page.getByTestId('log-filter-summary').textContent()).toContain('session_started');
    await page.getByTestId('log-filter').locator('summary').click();
    await page.locator('[data-testid="log-kind"][data-kind="session_started"]').check();
    await page.locator('[data-testid="log-entry"][data-kind="session_started"]').waitFor();
    await ctx.close();
  });

  it('exports a dossier around a scar and verifies it in a second browser profile', async () => {
    const ctx = await browser.newContext({ acceptDownloads: true });
    const page = await ctx.newPage();
    await openVerified(page, '/scars');
    for (let i = 0; i < 3; i++) await reportIncident(page, `area ${i}`, `incident ${i}`);
    await page.getByRole('link', { name: 'Dossier' }).first().click();
    await page.getByTestId('dossier-tools').waitFor();
    const download = page.waitForEvent('download');
    await page.getByTestId('export-dossier').click();
    const file = join(tempDir('dossier-'), 'dossier.json');
    await (await download).saveAs(file);
    expect(await text(page, 'dossier-exported')).toContain('around scar');
    const dossier = JSON.parse(readFileSync(file, 'utf8'));
    expect(dossier.entries.length).toBeGreaterThan(0);
    await ctx.close();

    const tampered = join(tempDir('dossier-bad-'), 'tampered.json');
    const bad = structuredClone(dossier);
    const victim = bad.entries[bad.entries.length - 1];
    victim.entry.payload = { ...victim.entry.payload, description: 'rewritten' };
    writeFileSync(tampered, JSON.stringify(bad));

    const other = await launchProfile(tempDir('profile-b-'));
    try {
      const b = await other.newPage();
      await openApp(b, '/log');
      await b.getByTestId('dossier-file').setInputFiles(file);
      const verdict = b.getByTestId('dossier-verdict');
      await verdict.waitFor();
      expect(await verdict.getAttribute('data-valid')).toBe('true');
      expect(await verdict.textContent()).toContain(`${dossier.entries.length} entries are in a signed log`);

      await b.getByTestId('dossier-file').setInputFiles(tampered);
      await b.locator('[data-testid="dossier-verdict"][data-valid="false"]').waitFor();
      expect(await verdict.textContent()).toContain(`entry ${victim.entry.seq} is not in the signed log`);
    } finally {
      await other.close();
    }
  });
});
