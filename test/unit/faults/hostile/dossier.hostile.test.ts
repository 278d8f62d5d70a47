import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildDossier, verifyDossier } from '../../../../src/domain/ledger/dossier';
import { parseDossier } from '../../../../src/domain/ledger/dossierShape';
import { sealEntries, type StoredLogEntry } from '../../../../src/domain/ledger/logEntry';
import { MerkleTree } from '../../../../src/domain/ledger/merkleTree';
import { fromHex, toHex } from '../../../../src/domain/ledger/bytes';
import { generateDeviceKey, signTreeHead } from '../../../../src/domain/ledger/treeHead';
import { attempt, hostileText, mutated, params, RUNS, SEED, TIMEOUT } from './support';
import { XSS } from './xss';

let text = '';
let doc: unknown;

beforeAll(async () => {
  const events = Array.from({ length: 20 }, (_, i) => ({ kind: 'scar' as const, at: 1000 + i, payload: { description: XSS[i % XSS.length]!, n: i } }));
  const entries: StoredLogEntry[] = await sealEntries(0, events);
  const tree = await MerkleTree.build(entries.map((e) => fromHex(e.leafHash)));
  const key = await generateDeviceKey();
  const head = await signTreeHead({ size: entries.length, root: toHex(tree.root()), at: 5000 }, key.privateKey);
  const dossier = await buildDossier(entries, { from: 2 }, head, key.publicKeyJwk, 'summary <script>window.__xss=1</script>');
  text = JSON.stringify(dossier);
  doc = JSON.parse(text);
  expect(await verifyDossier(text)).toMatchObject({ valid: true });
});

describe('incident dossiers on hostile input', () => {
  it(`verifyDossier answers valid or why not, never throws (${RUNS} cases, seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(hostileText(text, doc), async (input) => {
        const verdict = await verifyDossier(input);
        expect(typeof verdict.valid).toBe('boolean');
        if (!verdict.valid) expect(verdict.reason.length).toBeGreaterThan(0);
      }),
      params(),
    );
  }, TIMEOUT);

  it(`parseDossier accepts a well-formed object or throws DossierShapeError (${RUNS} cases, seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated(doc), fc.jsonValue({ maxDepth: 4 })), async (value) => {
        await attempt(() => parseDossier(value));
      }),
      params(),
    );
  }, TIMEOUT);
});
