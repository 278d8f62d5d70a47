import { fromHex, toHex } from '../../../../src/domain/ledger/bytes';
import { sealEntries } from '../../../../src/domain/ledger/logEntry';
import { MerkleAccumulator } from '../../../../src/domain/ledger/merkleAccumulator';
import { generateDeviceKey, signTreeHead } from '../../../../src/domain/ledger/treeHead';
import type { GovernedEvent, StoredLogEntry } from '../../../../src/domain/ledger/logEntry';

const T0 = Date.UTC(2025, 0, 1);

/** n varied governed events, the way services would append them. */
export function sampleEvents(n: number): GovernedEvent[] {
  return Array.from({ length: n }, (_, i): GovernedEvent => {
    const at = T0 + i * 60_000;
    switch (i % 4) {
      case 0:
        return { kind: 'bet_placed', at, payload: { betId: `b${i}`, estimatedHours: 4, confidence: 0.75 } };
      case 1:
        return { kind: 'run_recorded', at, payload: { runId: `r${i}`, passed: i % 3 === 0, nudges: ['add type hints'] } };
      case 2:
        return { kind: 'scar', at, payload: { id: `s${i}`, severity: 0.4, locus: { kind: 'principle', ref: 'p' } } };
      default:
        return { kind: 'restoration', at, payload: { scarId: `s${i - 1}`, note: 'talked it through' } };
    }
  });
}

/** A sealed log of n entries and a head signed over all of them by a fresh device key. */
export async function signedLog(n: number) {
  const key = await generateDeviceKey();
  const entries: StoredLogEntry[] = await sealEntries(0, sampleEvents(n));
  const acc = await MerkleAccumulator.fromLeafHashes(entries.map((e) => fromHex(e.leafHash)));
  const sth = await signTreeHead({ size: n, root: toHex(await acc.root()), at: T0 + n * 60_000 }, key.privateKey);
  return { key, entries, sth };
}
