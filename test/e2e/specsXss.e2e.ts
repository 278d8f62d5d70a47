import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './support/chromium';
import { createSpecWithText, rendered } from './specsHelpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(5)"><script>window.__xss5=1</script></svg>').toString('base64');
const PAYLOAD = `# Hostile

<img src=x onerror="window.__xss1=1;alert(1)">

<script>window.__xss2=1;alert(2)</script>

Inline <img src=y onerror="window.__xss3=1"> html and <a href="javascript:window.__xss4=1">a raw link</a>.

[click me](javascript:window.__xss6=1;alert(6)) and [tabbed](<java\tscript:alert(7)>) and [data](data:text/html,<script>alert(8)</script>)

![svg data](data:image/svg+xml;base64,${SVG}) ![remote svg](https://attacker.invalid/x.svg) ![js](javascript:alert(9))

<svg onload="window.__xss10=1"><script>window.__xss11=1</script></svg>

<iframe src="javascript:window.__xss12=1"></iframe>

- [ ] task [Evidence: <img src=z onerror=window.__xss13=1>]
`;

describe('a hostile spec renders inert', () => {
  it('runs no script or handler, follows no javascript: link and loads no active image', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const dialogs: string[] = [];
    const requests: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('request', (r) => requests.push(r.url()));
    await createSpecWithText(page, 'Hostile', PAYLOAD);
    const view = rendered(page);
    await view.getByTestId('task-item').waitFor();

    // The HTML is there for the person to read, as text.
    const text = (await view.textContent()) ?? '';
    expect(text).toContain('<img src=x onerror="window.__xss1=1;alert(1)">');
    expect(text).toContain('<script>window.__xss2=1;alert(2)</script>');
    expect(text).toContain('<iframe src="javascript:window.__xss12=1"></iframe>');
    // ...and nothing of it became an element.
    for (const tag of ['script', 'img', 'svg', 'iframe', 'object', 'embed'])
      expect(await view.locator(tag).count(), `<${tag}> elements in the rendered view`).toBe(0);
    const hrefs = await view.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.filter((h) => !/^(https?:|mailto:|\/)/.test(h))).toEqual([]);
    expect(await view.getByTestId('inert-link').count()).toBe(3);
    expect(await view.getByTestId('image-placeholder').count()).toBe(3);

    // Clicking what looks like a link does nothing either.
    await view.getByTestId('inert-link').filter({ hasText: 'click me' }).click();
    await view.getByText('a raw link').click();
    const globals = await page.evaluate(() => Object.keys(window).filter((k) => k.startsWith('__xss')));
    expect(globals).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(requests.filter((u) => u.includes('attacker.invalid') || /\/(x|y|z)$/.test(u))).toEqual([]);
    await ctx.close();
  });
});
