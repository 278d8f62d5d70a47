import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { LONG } from './support/longBundle';
import { longDataPage } from './support/longDataPage';
import { measureOverflow } from './support/overflow';
import { PAGES, WIDTHS, openPage } from './support/pages';

/**
 * No page is wider than the screen, whatever the data: every stored text (spec titles, runs'
 * specs, nudges and errors, bets' tasks, principles and context, scars) is a long unbroken
 * string (a URL, a Java exception, a path, a 100-character identifier), and on each page every
 * empty text field is then typed into with one too. At 1366 and 390 px wide.
 */
const app = longDataPage();

/** Types a long string into every empty, enabled text field on the page (nothing is submitted). */
async function typeIntoEveryField(p: Page): Promise<number> {
  const fields = p.locator('main input:not([type]):enabled:visible, main input[type="text"]:enabled:visible, main input[type="search"]:enabled:visible, main input[type="url"]:enabled:visible, main textarea:enabled:visible');
  const n = await fields.count();
  for (let i = 0; i < n; i++) {
    const f = fields.nth(i);
    if ((await f.inputValue()) === '') await f.fill(LONG.exception);
  }
  return n;
}

/**
 * Chart text as drawn on the screen: at least 11 px (a fixed viewBox scaled down to a phone
 * drew 7 px labels), and no number with floating-point noise ("×7.999999999999998").
 */
function chartTextProblems(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const out: string[] = [];
    for (const t of Array.from(document.querySelectorAll<SVGTextElement>('main svg text'))) {
      const text = t.textContent ?? '';
      if (!text.trim() || t.getClientRects().length === 0) continue;
      const m = t.getScreenCTM();
      const scale = m ? Math.hypot(m.a, m.b) : 1;
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (px < 11) out.push(`"${text}" drawn at ${px.toFixed(1)} px`);
      if (/\d\.\d{5,}/.test(text)) out.push(`"${text}"`);
    }
    return out;
  });
}

describe('long unbroken strings keep every page inside the viewport', () => {
  for (const width of WIDTHS) {
    it(`at ${width} px`, async () => {
      await app.page.setViewportSize({ width, height: 900 });
      const wide: string[] = [];
      const charts: string[] = [];
      let typed = 0;
      for (const path of PAGES) {
        await openPage(app.page, path);
        const shown = await measureOverflow(app.page);
        if (shown.width > shown.viewport) wide.push(`${path}: ${shown.width} px wide; ${shown.culprits.join('; ')}`);
        charts.push(...(await chartTextProblems(app.page)).map((p) => `${path}: ${p}`));
        typed += await typeIntoEveryField(app.page);
        const typedIn = await measureOverflow(app.page);
        if (typedIn.width > typedIn.viewport) wide.push(`${path} after typing: ${typedIn.width} px wide; ${typedIn.culprits.join('; ')}`);
      }
      expect(wide, `pages wider than ${width} px`).toEqual([]);
      expect(charts, 'chart text too small or with floating-point noise').toEqual([]);
      // The check is not empty: the long data is on the pages, and fields were typed into.
      expect(typed).toBeGreaterThan(10);
      await openPage(app.page, '/bets');
      expect(await app.page.locator('main').innerText()).toContain(LONG.url.slice(0, 40));
    });
  }
});
