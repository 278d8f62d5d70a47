// The app's own import as a person runs it: a fresh profile opens /evidence, chooses the file
// in Import runs…, starts it, and waits for the result line. Timed from the click on Import to
// the result on screen, in the page. The page's long tasks (over 50 ms) are recorded from the
// click until the page has been quiet for `settleMs` after the result (the runs table, the
// learner catching up): the longest while importing and the longest after.

function recordLongTasks() {
  const tasks = (window.__longTasks = []);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

/** { ms, result, longestImportMs, longestAfterMs } importing `text` (JSON Lines) as `name`. */
export async function appImport(browser, base, text, { name = 'bench.jsonl', settleMs = 5000 } = {}) {
  const ctx = await browser.newContext();
  try {
    const page = await ctx.newPage();
    await page.addInitScript(recordLongTasks);
    await page.goto(`${base}/evidence`);
    await page.getByTestId('open-import').click();
    await page.getByTestId('import-file-input').setInputFiles({ name, mimeType: 'application/x-ndjson', buffer: Buffer.from(text) }, { timeout: 5 * 60_000 });
    const start = page.getByTestId('import-start');
    await page.waitForFunction((el) => !el.disabled, await start.elementHandle(), { timeout: 5 * 60_000 });
    const { t0, t1 } = await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const t0 = performance.now();
          const seen = new MutationObserver(() => {
            if (!document.querySelector('[data-testid="import-result"]')) return;
            seen.disconnect();
            resolve({ t0, t1: performance.now() });
          });
          seen.observe(document.body, { childList: true, subtree: true });
          document.querySelector('[data-testid="import-start"]').click();
          setTimeout(() => reject(new Error('the import did not finish within 20 minutes')), 20 * 60_000);
        }),
    );
    const result = await page.getByTestId('import-result').textContent();
    // After the result: wait until no long task has started for settleMs (at most 5 minutes).
    await page.waitForFunction(
      ({ t1, settleMs }) => {
        const last = Math.max(t1, ...window.__longTasks.map((t) => t.start + t.duration));
        return performance.now() - last > settleMs;
      },
      { t1, settleMs },
      { timeout: 5 * 60_000, polling: 250 },
    );
    const tasks = await page.evaluate(() => window.__longTasks);
    const longest = (from, to) => Math.max(0, ...tasks.filter((t) => t.start >= from && t.start < to).map((t) => t.duration));
    return { ms: t1 - t0, result, longestImportMs: longest(t0, t1), longestAfterMs: longest(t1, Infinity) };
  } finally {
    await ctx.close();
  }
}
