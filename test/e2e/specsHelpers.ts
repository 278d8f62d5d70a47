import type { ConsoleMessage, Page } from 'playwright-core';
import { editorText, openApp, until } from './support/app';
import { gotoShell } from './support/shell';

/** Helpers shared by the spec and peer journeys (not a test file itself). */
export const rendered = (page: Page) => page.getByTestId('rendered-spec');
export const renderedTask = (page: Page, text: string) => rendered(page).getByTestId('task-item').filter({ hasText: text }).first();

/** Creates a spec through the UI and replaces its starter text with `text`, as a person would paste it. */
export async function createSpecWithText(page: Page, title: string, text: string, origin?: string): Promise<string> {
  // The peer journeys' own servers run in a namespace of their own, first opened on a fresh profile.
  if (origin) await gotoShell(page, `${origin}/specs`, { reloadOnce: true });
  else await openApp(page, '/specs');
  const errors: string[] = [];
  const onConsole = (m: ConsoleMessage) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
  };
  const onError = (e: Error) => errors.push(`page error: ${e.message}`);
  page.on('console', onConsole);
  page.on('pageerror', onError);
  try {
    await page.getByTestId('new-spec-title').fill(title);
    await page.getByTestId('create-spec').click();
    await page.getByTestId('spec-title').filter({ hasText: title }).waitFor();
  } catch (e) {
    // CI once waited 30 s here with nothing to go on: say what the page showed instead.
    const seen = await page
      .evaluate(() => ({
        url: location.href,
        error: document.getElementById('new-spec-error')?.textContent ?? '',
        input: (document.querySelector('[data-testid="new-spec-title"]') as HTMLInputElement | null)?.value ?? '(no input)',
        listed: [...document.querySelectorAll('.spec-list .items li')].map((li) => li.textContent?.trim()).slice(0, 10),
        main: (document.querySelector('.spec-main') as HTMLElement | null)?.innerText.slice(0, 200) ?? '',
      }))
      .catch((err: unknown) => `the page could not be read: ${String(err)}`);
    throw new Error(`creating the spec “${title}” did not open it: ${e instanceof Error ? e.message : String(e)}; page: ${JSON.stringify(seen)}; console: ${errors.join(' | ') || 'none'}`);
  } finally {
    page.off('console', onConsole);
    page.off('pageerror', onError);
  }
  await page.locator('[data-testid="spec-editor"] .cm-line').first().waitFor();
  await until(() => editorText(page), (t) => t.includes(`# ${title}`), 5000, 'starter text');
  await page.locator('[data-testid="spec-editor"]').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
  await until(() => editorText(page), (t) => t === text.replace(/\n$/, '\n'), 5000, 'pasted text');
  await page.locator('[data-testid="save-state"][data-saved="yes"]').waitFor();
  return page.url();
}

export async function openSpec(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('[data-testid="spec-editor"] .cm-line').first().waitFor();
}

export interface PeerChoice {
  name: string;
  websocketUrl?: string;
}

/** Fills and saves the connection settings form shown in `scope` (share dialog or join settings). */
async function fillPeerSettings(page: Page, choice: PeerChoice): Promise<void> {
  const form = page.getByTestId('peer-settings');
  await form.getByTestId('display-name').fill(choice.name);
  if (choice.websocketUrl) {
    await form.getByTestId('transport-websocket').check();
    await form.getByTestId('websocket-url').fill(choice.websocketUrl);
  }
  await form.getByTestId('save-peer-settings').click();
}

/** "Share session" on the open spec with these settings; returns the invite link. */
export async function shareOpenSpec(page: Page, choice: PeerChoice): Promise<string> {
  await page.getByTestId('share-session').click();
  const dialog = page.getByTestId('share-dialog');
  await dialog.getByRole('button', { name: 'Connection settings' }).click();
  await fillPeerSettings(page, choice);
  await dialog.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  await dialog.getByTestId('start-sharing').click();
  const link = await dialog.getByTestId('share-link').inputValue();
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  return link;
}

/** Opens an invite link on another device, sets its name (and server), and joins. */
export async function joinByLink(page: Page, link: string, choice: PeerChoice): Promise<void> {
  await page.goto(link);
  await page.getByTestId('join-banner').waitFor();
  await page.getByTestId('join-settings').click();
  // CI once waited 30 s here for the form with nothing to go on: say what the dialog showed.
  const form = page.getByTestId('peer-settings').getByTestId('display-name');
  if (!(await form.waitFor({ timeout: 20_000 }).then(() => true, () => false))) {
    const dialog = await page.getByTestId('join-settings-dialog').innerText({ timeout: 1000 }).catch(() => 'no join settings dialog open');
    throw new Error(`the join settings form did not appear within 20 s; the dialog showed: ${JSON.stringify(dialog)}; the page: ${JSON.stringify((await page.locator('body').innerText()).slice(0, 400))}`);
  }
  await fillPeerSettings(page, choice);
  await page.getByTestId('join-settings-dialog').waitFor({ state: 'detached' });
  await page.getByTestId('join-session').click();
  await page.locator('[data-testid="spec-editor"] .cm-line').first().waitFor();
}

/** Types at the end of the editor without Markdown's list continuation. */
export async function appendText(page: Page, text: string): Promise<void> {
  await page.locator('[data-testid="spec-editor"]').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText(text);
}

/** The names in the "people here" list of the open spec. */
export function peopleNames(page: Page): Promise<string[]> {
  return page.getByTestId('people').first().locator('.person-name').allTextContents();
}
