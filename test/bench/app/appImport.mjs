// The app's own import as a person runs it: a fresh profile opens /evidence, chooses the file
// in Import runs…, starts it, and waits for the result line. Timed from the click on Import to
// the result on screen, in the page.

/** ms from Import to the result, importing `text` (JSON Lines) as `name`. */
export async function appImport(browser, base, text, name = 'bench.jsonl') {
  const ctx = await browser.newContext();
  try {
    const page = await ctx.newPage();
    await page.goto(`${base}/evidence`);
    await page.getByTestId('open-import').click();
    await page.getByTestId('import-file-input').setInputFiles({ name, mimeType: 'application/x-ndjson', buffer: Buffer.from(text) });
    const start = page.getByTestId('import-start');
    await page.waitForFunction((el) => !el.disabled, await start.elementHandle(), { timeout: 5 * 60_000 });
    const ms = await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const t0 = performance.now();
          const seen = new MutationObserver(() => {
            if (!document.querySelector('[data-testid="import-result"]')) return;
            seen.disconnect();
            resolve(performance.now() - t0);
          });
          seen.observe(document.body, { childList: true, subtree: true });
          document.querySelector('[data-testid="import-start"]').click();
          setTimeout(() => reject(new Error('the import did not finish within 20 minutes')), 20 * 60_000);
        }),
    );
    const result = await page.getByTestId('import-result').textContent();
    return { ms, result };
  } finally {
    await ctx.close();
  }
}
