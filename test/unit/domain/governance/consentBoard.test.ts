import { beforeAll, describe, expect, it } from 'vitest';
import { readBoard, type Checked } from '../../../../src/domain/governance/consentBoard';
import { keyFingerprint, readRecord, signRecord, verifyRecord, type ConsentRecord } from '../../../../src/domain/governance/consentRecords';
import { generateDeviceKey } from '../../../../src/domain/ledger/treeHead';

/*
 * The consent channel read the same way on every device, with real ECDSA keys: a position
 * counts only when the key that signed it is bound to the participant it names, silence never
 * applies a proposal, and every refused record is said with its reason.
 */

const SPEC = 'spec_1';
type Signer = { name: string; privateKey: CryptoKey; fingerprint: string; publicKeyJwk: JsonWebKey };
let ada: Signer;
let bob: Signer;
let eve: Signer;

async function device(name: string): Promise<Signer> {
  const k = await generateDeviceKey();
  return { name, privateKey: k.privateKey, publicKeyJwk: k.publicKeyJwk, fingerprint: await keyFingerprint(k.publicKeyJwk) };
}
beforeAll(async () => {
  [ada, bob, eve] = await Promise.all([device('Ada'), device('Bob'), device('Eve')]);
});

const roster = (s: Signer, name = s.name) => signRecord(SPEC, 'roster', { name, publicKeyJwk: s.publicKeyJwk, at: 1 }, s);
const proposal = (s: Signer, stewards = ['Ada', 'Bob'], proposer = s.name) =>
  signRecord(SPEC, 'proposal', { proposalId: 'p1', action: 'inject_priors', intent: 'write the priors', params: { specId: SPEC }, stewards, proposer, at: 2 }, s);
const position = (s: Signer, to: 'CONSENT_GIVEN' | 'LISTEN' | 'ABSTAIN' | 'DISSENT', participant = s.name) =>
  signRecord(SPEC, 'position', { proposalId: 'p1', participant, to, at: 3 }, s);
const applied = (s: Signer) => signRecord(SPEC, 'applied', { proposalId: 'p1', by: s.name, at: 4 }, s);

/** What a device does with the document's entries: parse, check each signature against the key the roster shows, fold. */
async function board(entries: readonly unknown[]) {
  const parsed = entries.map((e) => readRecord(JSON.parse(JSON.stringify(e))));
  const keys = new Map<string, JsonWebKey>();
  for (const r of parsed) if (typeof r !== 'string' && r.type === 'roster' && (await verifyRecord(SPEC, r, r.body.publicKeyJwk))) keys.set(r.key, r.body.publicKeyJwk);
  const checked: Checked[] = [];
  for (const [i, r] of parsed.entries()) {
    if (typeof r === 'string') checked.push({ id: `entry-${i}`, record: null, problem: r, valid: false });
    else {
      const jwk = r.type === 'roster' ? r.body.publicKeyJwk : keys.get(r.key);
      checked.push({ id: r.sig, record: r, valid: jwk !== undefined && (await verifyRecord(SPEC, r, jwk)) });
    }
  }
  return readBoard(checked);
}

describe('the consent board', () => {
  it('applies a proposal only when every steward has consented by their own signed position', async () => {
    const base = [await roster(ada), await roster(bob), await proposal(ada)];
    const open = await board(base);
    expect(open.participants.map((p) => p.name)).toEqual(['Ada', 'Bob']);
    expect(open.proposals[0]).toMatchObject({ applies: false, waitingFor: ['Ada', 'Bob'], applied: null });
    const one = await board([...base, await position(ada, 'CONSENT_GIVEN')]);
    expect(one.proposals[0]).toMatchObject({ applies: false, waitingFor: ['Bob'] });
    const both = await board([...base, await position(ada, 'CONSENT_GIVEN'), await position(bob, 'CONSENT_GIVEN')]);
    expect(both.proposals[0]).toMatchObject({ applies: true, waitingFor: [] });
    expect(both.proposals[0]?.accepted.map((a) => a.body.participant)).toEqual(['Ada', 'Bob']);
    expect(both.refusals).toEqual([]);
  });

  it('never applies on silence: listening, abstaining, or a consent later withdrawn', async () => {
    const base = [await roster(ada), await roster(bob), await proposal(ada), await position(ada, 'CONSENT_GIVEN')];
    for (const quiet of ['LISTEN', 'ABSTAIN'] as const) {
      expect((await board([...base, await position(bob, quiet)])).proposals[0]?.applies).toBe(false);
    }
    const withdrawn = await board([...base, await position(bob, 'CONSENT_GIVEN'), await position(bob, 'DISSENT')]);
    expect(withdrawn.proposals[0]).toMatchObject({ applies: false, waitingFor: ['Bob'] });
  });

  it('refuses a consent in another participant’s name signed by this device’s key, and says so', async () => {
    const forged = await position(bob, 'CONSENT_GIVEN', 'Ada');
    const b = await board([await roster(ada), await roster(bob), await proposal(ada), forged, await position(bob, 'CONSENT_GIVEN')]);
    expect(b.proposals[0]).toMatchObject({ applies: false, waitingFor: ['Ada'] });
    expect(b.proposals[0]?.field.positions.Ada).toBe('LISTEN');
    expect(b.refusals).toEqual([{ id: forged.sig, type: 'position', proposalId: 'p1', participant: 'Ada', signer: 'Bob', reason: "a position in Ada's name signed by Bob's key" }]);
  });

  it('refuses a record whose body was changed after signing, a key nobody has shown, and a second claim on a name', async () => {
    const real = await position(bob, 'DISSENT');
    const tampered = { ...real, body: { ...real.body, to: 'CONSENT_GIVEN' } } as ConsentRecord;
    const stranger = await position(eve, 'CONSENT_GIVEN', 'Eve');
    const impostor = await roster(eve, 'Ada');
    const b = await board([await roster(ada), await roster(bob), impostor, await proposal(ada), tampered, stranger, await position(ada, 'CONSENT_GIVEN')]);
    expect(b.proposals[0]).toMatchObject({ applies: false, waitingFor: ['Bob'] });
    expect(b.participants.map((p) => p.name)).toEqual(['Ada', 'Bob']);
    expect(b.refusals.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^Ada is already the name of another device \(key [0-9a-f]{4} [0-9a-f]{4}\)$/),
      "its signature does not match Bob's key",
      'signed by a key no participant of this spec has shown',
    ]);
  });

  it('refuses a proposal signed by someone other than its proposer, an applied mark before consent, and a malformed entry', async () => {
    const b = await board([await roster(ada), await roster(bob), await proposal(bob, ['Ada', 'Bob'], 'Ada'), await proposal(ada), await applied(ada), { type: 'position', body: 'x' }]);
    expect(b.refusals.map((r) => r.reason)).toEqual([
      'not a consent record',
      "signed by Bob's key, not the proposer Ada's",
      'marked applied before every steward consented',
    ]);
    expect(b.proposals[0]?.applied).toBeNull();
    const done = await board([await roster(ada), await roster(bob), await proposal(ada), await position(ada, 'CONSENT_GIVEN'), await position(bob, 'CONSENT_GIVEN'), await applied(bob), await applied(ada)]);
    expect(done.refusals.map((r) => r.reason)).toEqual(['only the proposer Ada marks it applied']);
    expect(done.proposals[0]?.applied?.body.by).toBe('Ada');
  });

  it('reads the same records the same way whatever device reads them', async () => {
    const entries = [await roster(ada), await roster(bob), await proposal(ada), await position(bob, 'CONSENT_GIVEN', 'Ada'), await position(ada, 'CONSENT_GIVEN')];
    expect(JSON.stringify(await board(entries))).toBe(JSON.stringify(await board(JSON.parse(JSON.stringify(entries)) as unknown[])));
  });
});
