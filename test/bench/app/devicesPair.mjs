// Paired devices at scale: a profile holding N runs pairs with a fresh one through a y-websocket
// server on loopback (the npm package's server), as a person does it (Settings -> Pair a device,
// the link opened on the other device, the code confirmed on both). Timed from the second
// confirmation to the moment the fresh profile's IndexedDB holds all N runs; each page's long
// tasks (over 50 ms) are recorded from that moment until the transfer ends.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, freePort } from '../../support/browserRun.mjs';

function recordLongTasks() {
  const tasks = (window.__longTasks = []);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push({ start: e.startTime + performance.timeOrigin, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  // What ran in them: the long animation frames (over 50 ms, a task without rendering included)
  // name each script that ran in the frame (its function and file) and its time.
  const frames = (window.__longFrames = []);
  if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        frames.push({
          start: e.startTime + performance.timeOrigin,
          duration: e.duration,
          scripts: e.scripts.map((s) => ({ what: `${s.invoker} ${s.sourceFunctionName || ''}@${(s.sourceURL || '').replace(/^.*\//, '')}:${s.sourceCharPosition}`, ms: Math.round(s.duration) })),
        });
    }).observe({ type: 'long-animation-frame', buffered: true });
  }
}

/**
 * Adds `cpuMs` to each long task that one main-thread task of the trace matches by its wall time
 * (within 1 ms; the trace's clock is not the page's, so no start time to go by). The page's
 * main thread is the one of the renderer that runs the devices worker (the probe page runs none).
 */
function withCpu(tasks, events) {
  const names = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
  const runs = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask' || names.get(`${e.pid}:${e.tid}`) !== 'CrRendererMain') continue;
    const k = `${e.pid}:${e.tid}`;
    runs.set(k, [...(runs.get(k) ?? []), e]);
  }
  const withWorker = new Set([...names].filter(([, n]) => n === 'DedicatedWorker thread').map(([k]) => k.split(':')[0]));
  const main = [...runs].find(([k]) => withWorker.has(k.split(':')[0]))?.[1] ?? [];
  for (const t of tasks) {
    const near = main.filter((e) => Math.abs(e.dur / 1000 - t.ms) <= 1 && e.tdur !== undefined);
    if (near.length === 1) t.cpuMs = Math.round(near[0].tdur / 100) / 10;
    else if (near.length > 1) t.cpuMs = `${Math.min(...near.map((e) => e.tdur)) / 1000}-${Math.max(...near.map((e) => e.tdur)) / 1000}`;
  }
}

/** The page's long tasks between t0 and t1, longest first, each with the scripts of the frame it falls in. */
async function longTasksOf(page, t0, t1) {
  const { tasks, frames } = await page.evaluate(() => ({ tasks: window.__longTasks, frames: window.__longFrames }));
  return tasks
    .filter((t) => t.start >= t0 - 50 && t.start <= t1)
    .sort((x, y) => y.duration - x.duration)
    .map((t) => {
      const f = frames.find((f) => f.start <= t.start + 1 && t.start + t.duration <= f.start + f.duration + 1);
      return { at: Math.round(t.start - t0), ms: Math.round(t.duration), scripts: f ? f.scripts : [] };
    });
}

/** Profiles every worker the page starts from now on; `stop()` resolves to their profiles. */
async function profileWorkers(cdp) {
  const sessions = new Map();
  let next = 1;
  const pending = new Map();
  const send = (sessionId, method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const m = JSON.parse(message);
    const p = m.id !== undefined && pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error) p.reject(new Error(m.error.message));
    else p.resolve(m.result);
  });
  cdp.on('Target.attachedToTarget', async ({ sessionId, targetInfo }) => {
    if (targetInfo.type !== 'worker') return;
    sessions.set(sessionId, targetInfo.url);
    await send(sessionId, 'Profiler.enable');
    await send(sessionId, 'Profiler.setSamplingInterval', { interval: 500 });
    await send(sessionId, 'Profiler.start');
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  return {
    stop: async () => {
      const out = [];
      for (const [sessionId, url] of sessions) {
        const r = await send(sessionId, 'Profiler.stop').catch(() => undefined);
        if (r) out.push({ url, profile: r.profile });
      }
      return out;
    },
  };
}

async function websocketServer() {
  const port = await freePort();
  const child = spawn(process.execPath, ['node_modules/@y/websocket-server/src/server.js'], { env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`y-websocket server exited with code ${code}`)));
    child.stdout.on('data', (c) => c.toString().includes('running at') && resolve());
  });
  return { url: `ws://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

async function settings(page, base, name, url) {
  await page.goto(`${base}/settings`);
  const form = page.getByTestId('peer-settings');
  await form.getByTestId('display-name').fill(name);
  await form.getByTestId('transport-websocket').check();
  await form.getByTestId('websocket-url').fill(url);
  await form.getByTestId('save-peer-settings').click();
  await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
}

const runCount = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open('metacompiler');
        open.onsuccess = () => {
          const req = open.result.transaction('runs').objectStore('runs').count();
          req.onsuccess = () => (open.result.close(), resolve(req.result));
        };
      }),
  );

/** { ms, reached, runs, longestMs: {from, to} } or, when the runs do not all arrive in `limitMs`, ms: undefined. */
export async function pairTransfer(chromiumPath, base, importText, runs, { limitMs = 10 * 60_000 } = {}) {
  const server = await websocketServer();
  const dirs = [mkdtempSync(join(tmpdir(), 'bench-pair-a-')), mkdtempSync(join(tmpdir(), 'bench-pair-b-'))];
  const contexts = [];
  try {
    for (const dir of dirs) contexts.push(await chromium.launchPersistentContext(dir, { executablePath: chromiumPath, args: CHROMIUM_ARGS, headless: true }));
    const [a, b] = await Promise.all(contexts.map(async (c) => c.pages()[0] ?? c.newPage()));
    for (const p of [a, b]) await p.addInitScript(recordLongTasks);
    await settings(a, base, 'Bench laptop', server.url);
    await settings(b, base, 'Bench phone', server.url);
    // The laptop's runs, imported through the app before pairing.
    await a.goto(`${base}/evidence`);
    await a.getByTestId('open-import').click();
    await a.getByTestId('import-file-input').setInputFiles({ name: 'bench.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(importText) }, { timeout: 5 * 60_000 });
    const start = a.getByTestId('import-start');
    await a.waitForFunction((el) => !el.disabled, await start.elementHandle(), { timeout: 5 * 60_000 });
    await start.click();
    await a.getByTestId('import-result').waitFor({ timeout: 20 * 60_000 });
    if ((await runCount(a)) !== runs) throw new Error(`the laptop profile holds ${await runCount(a)} runs, not ${runs}`);

    await a.goto(`${base}/settings`);
    await a.getByTestId('pair-device').click();
    const link = await a.getByTestId('pair-link').inputValue();
    await b.goto(link);
    await a.getByTestId('pair-confirm').click({ timeout: 60_000 });
    const profiling = process.env.DEVICES_PROFILE ? await Promise.all([a, b].map(async (p) => {
      const cdp = await p.context().newCDPSession(p);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
      // Workers started from here on (the devices worker starts at the second confirmation) are
      // profiled too, through the page's session (Target messages, not flattened sessions).
      cdp.workers = await profileWorkers(cdp);
      return cdp;
    })) : [];
    // DEVICES_TRACE=prefix: a Chrome trace of each page from the second confirmation until all
    // runs arrived (prefix-a.json, prefix-b.json): each main-thread task's wall and CPU time.
    const tracing = process.env.DEVICES_TRACE ? await Promise.all([a, b].map(async (p) => {
      const cdp = await p.context().newCDPSession(p);
      const events = [];
      cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
      const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: ['toplevel', 'devtools.timeline', 'v8'], excludedCategories: ['*'] } });
      return { cdp, events, done };
    })) : [];
    for (const p of [a, b]) p.on('console', (m) => process.env.DEVICES_PROFILE && console.log(`[${p === a ? 'a' : 'b'}] ${m.text()}`));
    // The runs are counted from a page of their own (same profile, another renderer, not the
    // service worker's app): counting from the receiving page would put the probe's own tasks on
    // the very thread whose longest task is measured.
    const probe = await contexts[1].newPage();
    await (await contexts[1].newCDPSession(probe)).send('Network.setBypassServiceWorker', { bypass: true });
    await probe.goto(`${base}/icon.svg`);
    await b.getByTestId('pair-confirm').click({ timeout: 60_000 });
    const t0 = Date.now();
    let reached = 0;
    // IndexedDB counts row by row, in the browser process, in a transaction that takes turns with
    // the receiving worker's writes to the same table: counted every 250 ms, 100k runs cost the
    // machine a count of up to 100k rows four times a second. So the probe waits half the time the
    // runs still missing would take at the rate seen so far (250 ms to 2 s): near the end it counts
    // every 250 ms as before. The end can only be seen later than it happened, never earlier.
    const counts = [];
    let last = { at: t0, reached: 0 };
    while (Date.now() - t0 < limitMs) {
      const before = Date.now();
      reached = await runCount(probe);
      const now = Date.now();
      counts.push(now - before);
      if (reached >= runs) break;
      const rate = (reached - last.reached) / Math.max(1, now - last.at);
      last = { at: now, reached };
      const wait = rate > 0 ? Math.min(2000, Math.max(250, ((runs - reached) / rate) * 0.5)) : 1000;
      await new Promise((r) => setTimeout(r, wait));
    }
    const t1 = Date.now();
    for (const [i, t] of tracing.entries()) {
      await t.cdp.send('Tracing.end');
      await t.done;
      (await import('node:fs')).writeFileSync(`${process.env.DEVICES_TRACE}-${i ? 'b' : 'a'}.json`, JSON.stringify(t.events));
    }
    for (const [i, cdp] of profiling.entries()) {
      const { profile } = await cdp.send('Profiler.stop');
      (await import('node:fs')).writeFileSync(`${process.env.DEVICES_PROFILE}-${i ? 'b' : 'a'}.cpuprofile`, JSON.stringify(profile));
      for (const [k, w] of (await cdp.workers.stop()).entries()) {
        (await import('node:fs')).writeFileSync(`${process.env.DEVICES_PROFILE}-${i ? 'b' : 'a'}-worker${k}-${w.url.replace(/^.*\//, '').replace(/[^\w.-]/g, '_')}.cpuprofile`, JSON.stringify(w.profile));
      }
    }
    const [from, to] = [await longTasksOf(a, t0, t1), await longTasksOf(b, t0, t1)];
    // With a trace, each long task's CPU time: a task of a few ms of CPU stretched past 50 ms is
    // the machine's load (the thread waited for a core), not work to move off the thread.
    for (const [i, t] of tracing.entries()) withCpu(i ? to : from, t.events);
    return { ms: reached >= runs ? t1 - t0 : undefined, reached, runs, longestMs: { from: from[0]?.ms ?? 0, to: to[0]?.ms ?? 0 }, longTasks: { from, to }, counts };
  } finally {
    for (const c of contexts) await c.close().catch(() => undefined);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    server.stop();
  }
}
