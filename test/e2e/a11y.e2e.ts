import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, describeFindings } from './support/axe';
import { LONG } from './support/longBundle';
import { longDataPage } from './support/longDataPage';
import { PAGES, openPage, setTheme } from './support/pages';

/**
 * axe-core over every page and every dialog, in the light and the dark theme: no serious or
 * critical violation (contrast, names, labels, table headers, landmarks), with data on every
 * page (the long-strings backup).
 */
const app = longDataPage();

/** Each dialog: how to open it from a page, and what shows it is open. */
const DIALOGS: { name: string; path: string; open: (p: Page) => Promise<void> }[] = [
  {
    name: 'command bar',
    path: '/specs',
    open: async (p) => {
      await p.keyboard.press('Control+k');
      await p.getByTestId('command-bar').waitFor();
    },
  },
  {
    name: 'import runs',
    path: '/evidence',
    open: async (p) => {
      await p.getByTestId('open-import').click();
      await p.getByTestId('import-file-input').waitFor({ state: 'attached' });
    },
  },
  {
    name: 'resolve a bet',
    path: '/bets',
    open: async (p) => {
      await p.getByRole('button', { name: /^Resolve/ }).first().click();
      await p.getByRole('dialog').waitFor();
    },
  },
  {
    name: 'a spec rendered with its tokens',
    path: '/specs',
    open: async (p) => {
      // The spec titled with the long identifier is the one with tokens.
      await p.locator(`.spec-list .item-link[title="${LONG.ident}"]`).click();
      await p.getByTestId('spec-title').waitFor({ timeout: 30_000 });
      await p.getByRole('button', { name: 'Rendered', exact: true }).click();
      await p.locator('.tok-nudge').first().waitFor({ timeout: 30_000 });
      await p.locator('.tok-passRate').first().waitFor();
    },
  },
  {
    name: 'a spec with its share dialog',
    path: '/specs',
    open: async (p) => {
      await p.locator('.spec-list .item-link').first().click();
      // The view (plain, rendered, split) is remembered: any of them will do.
      await p.getByTestId('spec-title').waitFor({ timeout: 30_000 });
      await p.getByRole('button', { name: /Share/ }).first().click();
      await p.getByRole('dialog').waitFor();
    },
  },
];

for (const theme of ['light', 'dark'] as const) {
  describe(`axe-core finds no serious or critical violation, ${theme} theme`, () => {
    beforeAll(async () => {
      await setTheme(app.page, theme);
    });
    for (const path of PAGES) {
      it(`on ${path}`, async () => {
        await openPage(app.page, path);
        expect(describeFindings(path, await axeViolations(app.page))).toEqual([]);
      });
    }
    for (const d of DIALOGS) {
      it(`in the ${d.name}`, async () => {
        await openPage(app.page, d.path);
        await d.open(app.page);
        const found = describeFindings(d.name, await axeViolations(app.page));
        await app.page.keyboard.press('Escape');
        expect(found).toEqual([]);
      });
    }
  });
}
