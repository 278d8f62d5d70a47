import type { Page } from 'playwright-core';
import { openApp } from './app';

export interface BetForm {
  task: string;
  hours: string;
  confidence: string;
  stake: string;
  principle?: string;
}

/** The Bets page, once its form is there to fill. */
export async function openBets(page: Page): Promise<void> {
  await openApp(page, '/bets');
  await page.getByTestId('place-bet-form').waitFor();
}

/** Fills the place-bet form as a person would (a principle is typed and confirmed with Enter). */
export async function fillBet(page: Page, bet: BetForm): Promise<void> {
  await page.getByTestId('bet-task').fill(bet.task);
  await page.getByTestId('bet-hours').fill(bet.hours);
  await page.getByTestId('bet-confidence').fill(bet.confidence);
  await page.getByTestId('bet-stake').fill(bet.stake);
  if (bet.principle) {
    await page.locator('#bet-principles').fill(bet.principle);
    await page.locator('#bet-principles').press('Enter');
  }
}
