import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/chromium';
import { openApp, until } from './support/app';
import { writeXssBundle, XSS } from './support/fixtureBundles';

/**
 * The XSS corpus (test/fixtures/xss.txt) as spec titles and text, run error messages, nudge and
 * principle names, bet tasks and scars, restored from a backup; then every page that shows
 * them, and the command bar's notices. Nothing may run (window.__xss stays undefined, no dialog
 * opens) and nothing of a payload may become an element: no handler attribute, no script, no
 * frame, no javascript: link. Each page must also show payload text, so the check is not empty.
 */
let browser: Browser;
const bundle = join(mkdtempSync(join(tmpdir(), 'mc-xss-')), 'xss-backup.json');
beforeAll(async () => {
  browser = await launchBrowser();
  await writeXssBundle(bundle);
});
afterAll(async () => {
  await browser?.close();
});

interface Inertness {
  bad: string[];
  xss: unknown;
  text: string;
}

function inspect(page: Page): Promise<Inertness> {
  return page.evaluate(() => {
    const bad: string[] = [];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const a of Array.from(el.attributes)) if (/^on/i.test(a.name)) bad.push(`<${el.tagName.toLowerCase()} ${a.name}>`);
      const tag = el.tagName.toLowerCase();
      if (['iframe', 'object', 'embed', 'frame'].includes(tag)) bad.push(`<${tag}>`);
      if (tag === 'script' && !(el as HTMLScriptElement).src) bad.push('inline <script>');
      if (/^\s*(javascript|data):/i.test(el.getAttribute('href') ?? '') || /^\s*(javascript|data):/i.test(el.getAttribute('src') ?? '')) bad.push(`<${tag}> with an active URL`);
      if (tag === 'img' && (el.getAttribute('src') ?? '') === 'x') bad.push('<img src=x>');
    }
    return { bad, xss: (window as unknown as { __xss?: unknown }).__xss, text: document.body.innerText };
  });
}

/** Opens a page through the nav and checks it: inert, and showing at least one payload as text. */
async function visit(page: Page, label: string, shows: (text: string) => boolean): Promise<void> {
  await page.getByRole('link', { name: label, exact: true }).first().click();
  const seen = await until(() => inspect(page), (r) => shows(r.text), 30_000, `payload text on ${label}`);
  expect(seen.bad, `elements from payloads on ${label}`).toEqual([]);
  expect(seen.xss, `window.__xss on ${label}`).toBeUndefined();
}

const anyPayload = (t: string) => XSS.some((x) => t.includes(x.slice(0, 24)));

describe('XSS payloads render inert everywhere', () => {
  it('as spec titles and text, run messages, nudges, principles, bets, scars and command-bar notices', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await openApp(page, '/settings');
    await page.locator('[data-testid="hud-proof"]:not([data-state="unverified"])').waitFor({ timeout: 30_000 });
    await page.getByTestId('restore-file').setInputFiles(bundle);
    await page.locator('[data-testid="restore-summary"][data-verified="yes"]').waitFor({ timeout: 60_000 });

    await visit(page, 'Specs', (t) => t.includes(XSS[0]!));
    await page.getByRole('link', { name: XSS[0]! }).first().click();
    await page.locator('[data-testid="spec-editor"]').waitFor({ timeout: 30_000 });
    for (const mode of ['Rendered', 'Split']) {
      const button = page.getByRole('button', { name: mode, exact: true });
      if (await button.count()) await button.click();
      const r = await until(() => inspect(page), (x) => x.text.includes(XSS[4]!.slice(0, 20)), 30_000, `spec text (${mode})`);
      expect(r.bad, `spec view (${mode})`).toEqual([]);
    }
    await visit(page, 'Evidence', anyPayload);
    await visit(page, 'Priors', anyPayload);
    await visit(page, 'Failure modes', anyPayload);
    await visit(page, 'Bets', (t) => t.includes(XSS[7]!.slice(0, 24)));
    // Calibration shows numbers of the bets, not their texts: checked for inertness once loaded.
    await visit(page, 'Calibration', (t) => t.includes('from 6 resolved bets'));
    await visit(page, 'Scars', anyPayload);
    await visit(page, 'Log', anyPayload);

    // The command bar: a payload as a bet task, and as garbage it explains.
    for (const line of [`work bet "${XSS[10]!.replace(/"/g, "'")}" --hours 4 --confidence 75%`, XSS[0]!, `go ${XSS[2]}`]) {
      if (!(await page.getByTestId('command-bar').isVisible())) await page.keyboard.press('Control+k');
      const input = page.locator('[data-testid="command-input"]:not([disabled])');
      await input.fill(line);
      await input.press('Enter');
      // Done when the bar closed (the command ran) or it explains what is wrong.
      await until(
        async () => (await page.getByTestId('command-bar').isVisible()) && !(await page.getByTestId('command-error').isVisible()),
        (busy) => !busy,
        30_000,
        `the command bar to finish "${line.slice(0, 30)}"`,
      );
      const r = await inspect(page);
      expect(r.bad, `command bar after ${line}`).toEqual([]);
    }
    await until(() => page.getByTestId('notice').allTextContents(), (t) => t.some((n) => n.includes('onerror')), 30_000, 'the bet notice');
    await page.keyboard.press('Escape');
    const last = await inspect(page);
    expect(last.bad).toEqual([]);
    expect(last.xss).toBeUndefined();
    expect(dialogs).toEqual([]);
    await ctx.close();
  });
});
