import { DEFAULT_CONSTITUTION } from '../../../src/domain/governance/constitution';
import { adoptFirstConstitution } from '../../../src/domain/governance/constitutionChain';
import { createScar } from '../../../src/domain/scars/scarLog';
import { computeEthicsHeader } from '../../../src/services/governance/ethics';
import { exportDossier, proveInclusion } from '../../../src/services/governance/proofs';
import { adoptIfNone } from '../../../src/store/governanceRepo';
import { scheduleHeadRefresh } from '../../../src/store/headsRepo';
import { appendGoverned, logSize, withGovernedLog } from '../../../src/store/logRepo';
import { insertScar } from '../../../src/store/scarsRepo';
import { governedItems } from './fill';
import { fillBets, fillRuns } from './profile';

/**
 * Opened by test/perf/run.mjs. Fills the app's own database with a governed log of
 * `?fill=N` entries (default 100,000) through the store's functions, then times, on this
 * page, the ethics header (computeEthicsHeader, as the service worker runs it) and inclusion
 * proofs and a dossier (the ledger worker, as the Log page runs them). Reads window.__perfResult.
 * `npm run bench` also asks for `&evidence=N&bets=N` (runs and bets of a long-used profile,
 * test/perf/browser/profile.ts) and `&measure=0` (fill, time nothing).
 */
declare global {
  interface Window {
    __perfResult?: unknown;
    __perfError?: string;
  }
}

const params = new URLSearchParams(location.search);
const FILL = Number(params.get('fill') ?? 100_000);
const RUNS = Number(params.get('runs') ?? 5);
const BATCH = 1000;
const EVIDENCE = Number(params.get('evidence') ?? 0);
const BETS = Number(params.get('bets') ?? 0);
const MEASURE = params.get('measure') !== '0';

const out = document.getElementById('log') as HTMLElement;
function log(s: string): void {
  out.textContent += s + '\n';
  console.log(`[perf] ${s}`);
}

async function time<T>(what: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await what();
  return { ms: performance.now() - t0, value };
}

async function fill(): Promise<number> {
  const start = Date.now() - 40 * 86_400_000;
  const first = await adoptFirstConstitution(DEFAULT_CONSTITUTION);
  await adoptIfNone(first, start);
  const items = [...governedItems(FILL - 1, start)];
  const t0 = performance.now();
  for (let i = 0; i < items.length; i += BATCH) {
    const chunk = items.slice(i, i + BATCH);
    await withGovernedLog(['scars'], async (log) => {
      for (const item of chunk) {
        if ('scar' in item) await insertScar(createScar(item.scar), log);
        else log.append(item.event);
      }
    });
    if (i % 20_000 === 0) log(`filled ${i + chunk.length}`);
  }
  await scheduleHeadRefresh();
  log(`filled ${await logSize()} entries in ${Math.round(performance.now() - t0)} ms`);
  return logSize();
}

async function main(): Promise<void> {
  const size = (await logSize()) > 1 ? await logSize() : await fill();
  await scheduleHeadRefresh();
  if (EVIDENCE > 0) await fillRuns(EVIDENCE, log);
  if (BETS > 0) await fillBets(BETS);
  if (!MEASURE) {
    window.__perfResult = { size };
    return;
  }
  const header: number[] = [];
  let json = '';
  for (let i = 0; i < RUNS; i++) {
    const r = await time(() => computeEthicsHeader());
    header.push(r.ms);
    json = JSON.stringify(r.value);
    log(`computeEthicsHeader ${Math.round(r.ms)} ms`);
  }
  const proofFirst = await time(() => proveInclusion(Math.floor(size / 3)));
  log(`first inclusion proof (log loaded into the worker, tree built) ${Math.round(proofFirst.ms)} ms, verified ${proofFirst.value.verified}`);
  const proofWarm: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await time(() => proveInclusion(Math.floor((size * i) / RUNS)));
    proofWarm.push(r.ms);
  }
  log(`inclusion proofs, same head: ${proofWarm.map(Math.round).join(', ')} ms`);
  const proofNewHead: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await appendGoverned({ kind: 'session_started', at: Date.now(), payload: { sessionId: `perf-${i}` } });
    await scheduleHeadRefresh();
    const r = await time(() => proveInclusion(i * 7));
    if (!r.value.verified) throw new Error('an inclusion proof did not verify');
    proofNewHead.push(r.ms);
  }
  log(`inclusion proof after one more entry (new signed head): ${proofNewHead.map(Math.round).join(', ')} ms`);
  const dossier = await time(() => exportDossier({ from: Math.floor(size / 2) }));
  log(`dossier of ${dossier.value.dossier.entries.length} entries ${Math.round(dossier.ms)} ms`);
  window.__perfResult = { size: await logSize(), header, headerJson: json, proofFirst: proofFirst.ms, proofWarm, proofNewHead, dossier: dossier.ms };
}

main().catch((err: unknown) => {
  window.__perfError = err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err);
  log(`error: ${window.__perfError}`);
});
