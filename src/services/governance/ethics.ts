import { DEFAULT_CONSTITUTION } from '../../domain/governance/constitution';
import { adoptFirstConstitution } from '../../domain/governance/constitution-chain';
import { ethicsHeader, type EthicsHeader } from '../../domain/governance/ethics-header';
import { currentConstitution } from '../../store/governanceRepo';
import { latestHead } from '../../store/headsRepo';
import { readWholeLog } from '../../store/logRepo';

export type { EthicsHeader };

export const ETHICS_PATH = '/.well-known/compiler_ethics.json';

/**
 * The live `compiler_ethics_v0_1` header, computed from the store alone (no page state), so
 * the service worker can answer /.well-known/compiler_ethics.json with no tab open and
 * offline. It only reads: on a device that has adopted nothing yet, the defaults are reported
 * as the (unlogged) first constitution.
 */
export async function computeEthicsHeader(now = Date.now()): Promise<EthicsHeader> {
  const [stored, entries, sth] = await Promise.all([currentConstitution(), readWholeLog(), latestHead()]);
  const constitution = stored ?? (await adoptFirstConstitution(DEFAULT_CONSTITUTION));
  return ethicsHeader({ constitution, entries, sth, now });
}

/** The header as the file people download and the service worker serves. */
export async function ethicsHeaderJson(now = Date.now()): Promise<string> {
  return `${JSON.stringify(await computeEthicsHeader(now), null, 2)}\n`;
}
