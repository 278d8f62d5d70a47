import type { Page } from 'playwright-core';
import { editorText, until } from './app';

/** Shared steps of the fault-injection journeys (test/e2e/faults-*.e2e.ts). */

/** Screenshots for people to look at, in light and dark. */
export const SHOTS = '/tmp/shots11';

export async function shoot(page: Page, name: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    await page.screenshot({ path: `${SHOTS}/${name}-${theme}.png`, fullPage: true });
  }
  await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
}

/** Creates a spec and types `text` at its end; resolves once the editor says it is stored. */
export async function typeInNewSpec(page: Page, title: string, text: string): Promise<void> {
  await page.getByTestId('new-spec-title').fill(title);
  await page.getByTestId('create-spec').click();
  await page.locator('[data-testid="spec-editor"] .cm-line').first().waitFor({ timeout: 30_000 });
  await page.locator('[data-testid="spec-editor"]').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
  const last = text.split('\n').pop() ?? '';
  await until(() => editorText(page), (t) => t.includes(last), 30_000, 'typed text');
  await page.locator('[data-testid="save-state"][data-saved="yes"]').waitFor({ timeout: 30_000 });
}

/** Places a bet on the Bets page and resolves it; resolves once the page lists it as resolved. */
export async function placeAndResolveBet(page: Page, task: string): Promise<void> {
  await page.getByRole('link', { name: 'Bets', exact: true }).click();
  await page.getByTestId('place-bet-form').waitFor({ timeout: 30_000 });
  await placeBet(page, task);
  const open = page.getByTestId('open-bet').filter({ hasText: task });
  await open.getByTestId('resolve-open').click();
  await page.getByTestId('resolve-hours').fill('3h');
  await page.getByTestId('resolve-submit').click();
  await page.getByTestId('resolved-bet').filter({ hasText: task }).waitFor({ timeout: 30_000 });
}

export async function placeBet(page: Page, task: string): Promise<void> {
  await page.getByTestId('bet-task').fill(task);
  await page.getByTestId('bet-hours').fill('4h');
  await page.getByTestId('bet-confidence').fill('75');
  await page.getByTestId('bet-stake').fill('5');
  await page.getByTestId('place-bet').click();
  await page.getByTestId('open-bet').filter({ hasText: task }).waitFor({ timeout: 30_000 });
}
