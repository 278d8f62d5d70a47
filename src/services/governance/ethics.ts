import { DEFAULT_CONSTITUTION } from '../../domain/governance/constitution';
import { adoptFirstConstitution } from '../../domain/governance/constitutionChain';
import { ethicsHeader, ethicsHeaderFromFold, type EthicsHeader } from '../../domain/governance/ethicsHeader';
import { sliceBounds, sliceIndexOf } from '../../domain/governance/slice';
import { currentEthicsFold } from '../../store/ethicsFoldRepo';
import { currentConstitution } from '../../store/governanceRepo';
import { latestHead } from '../../store/headsRepo';
import { readLogRange, readWholeLog } from '../../store/logRepo';
import { readScars } from '../../store/scarsRepo';

export type { EthicsHeader };

export const ETHICS_PATH = '/.well-known/compiler_ethics.json';

/**
 * The live `compiler_ethics_v0_1` header (DOMAIN.md section 4), computed from the store alone (no page state), so
 * the service worker can answer /.well-known/compiler_ethics.json with no tab open and
 * offline. It only reads: on a device that has adopted nothing yet, the defaults are reported
 * as the (unlogged) first constitution.
 * The proof handles come from the log's running fold (kept by every append), the slice
 * accounting from the entries of the current slice: a request reads a few rows, not the log.
 * Should the fold fail, the header is computed the reference way, from every entry.
 */
export async function computeEthicsHeader(now = Date.now()): Promise<EthicsHeader> {
  const [stored, sth] = await Promise.all([currentConstitution(), latestHead()]);
  const constitution = stored ?? (await adoptFirstConstitution(DEFAULT_CONSTITUTION));
  try {
    // A scar and its entry commit together, but the fold and the scars table are read one after
    // the other: a scar raised in between would look unlogged, so such a read is taken again.
    for (let attempt = 1; ; attempt++) {
      const fold = await currentEthicsFold();
      const scars = await readScars();
      const spec = constitution.constitution.slice;
      const b = sliceBounds(sliceIndexOf({ seq: fold.standing.size, at: now }, spec), spec);
      const sliceEntries = await readLogRange(b.by, b.from, b.to);
      const header = await ethicsHeaderFromFold({ constitution, fold, sliceEntries, scars, sth, now });
      const { log, store } = header.evidence.scars_logged;
      if (attempt >= 3 || (log.scars === store.scars && log.restorations === store.restorations)) return header;
    }
  } catch (err) {
    console.warn('ethics header: the running fold failed, reading the whole log instead:', err instanceof Error ? err.message : err);
    return ethicsHeader({ constitution, entries: await readWholeLog(), scars: await readScars(), sth, now });
  }
}

/** The header as the file people download and the service worker serves. */
export async function ethicsHeaderJson(now = Date.now()): Promise<string> {
  return `${JSON.stringify(await computeEthicsHeader(now), null, 2)}\n`;
}
