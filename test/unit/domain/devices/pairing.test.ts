import { describe, expect, it } from 'vitest';
import { generateDeviceKey } from '../../../../src/domain/ledger/treeHead';
import { PairingError } from '../../../../src/domain/devices/errors';
import { checkConfirmation, confirmationTag, derivePairingSecret, newHandshakeKey, pairedRoomName, shortCode, type PairingParty } from '../../../../src/domain/devices/pairing';
import { newPairInvite, pairLink, readPairLink } from '../../../../src/domain/devices/pairLink';

async function side(role: PairingParty['role'], deviceId: string) {
  const hs = await newHandshakeKey();
  const ledger = await generateDeviceKey();
  const party: PairingParty = { role, deviceId, name: `${role} device`, ecdh: hs.publicRaw, ledgerKey: ledger.publicKeyJwk };
  return { hs, party };
}

describe('pairing handshake', () => {
  it('gives both sides the same code and the same secret, and a stranger another code', async () => {
    const link = 'link-secret-0123456789abcdef';
    const a = await side('creator', 'device_a');
    const b = await side('joiner', 'device_b');
    const c = await side('joiner', 'device_c');
    const codeOnA = await shortCode(link, a.party, b.party);
    const codeOnB = await shortCode(link, a.party, b.party);
    expect(codeOnA).toMatch(/^\d{3} \d{3}$/);
    expect(codeOnB).toBe(codeOnA);
    expect(await shortCode(link, a.party, c.party)).not.toBe(codeOnA);
    // Someone who copies B's name and id but not its key still shows another code.
    expect(await shortCode(link, a.party, { ...c.party, deviceId: 'device_b', name: b.party.name })).not.toBe(codeOnA);

    const onA = await derivePairingSecret(a.hs.privateKey, b.party.ecdh, link, a.party, b.party);
    const onB = await derivePairingSecret(b.hs.privateKey, a.party.ecdh, link, a.party, b.party);
    expect(onA).toBe(onB);
    expect(onA).not.toContain(link);
    // C knows the link and both public keys, but not A's or B's private key.
    expect(await derivePairingSecret(c.hs.privateKey, a.party.ecdh, link, a.party, b.party)).not.toBe(onA);
    expect(await pairedRoomName(onA)).toBe(await pairedRoomName(onB));
    expect(await checkConfirmation(onA, 'joiner', await confirmationTag(onB, 'joiner'))).toBe(true);
    expect(await checkConfirmation(onA, 'creator', await confirmationTag(onB, 'joiner'))).toBe(false);
  });

  it('refuses to pair a browser with itself, and a key that is not a point', async () => {
    const a = await side('creator', 'device_a');
    const same = await side('joiner', 'device_a');
    await expect(shortCode('x'.repeat(20), a.party, same.party)).rejects.toThrow(PairingError);
    const b = await side('joiner', 'device_b');
    await expect(derivePairingSecret(a.hs.privateKey, 'AAAA', 'x'.repeat(20), a.party, b.party)).rejects.toThrow(/not a P-256 point/);
  });
});

describe('pairing links', () => {
  it('carry room, secret, engine and server, and catch an edited link', async () => {
    const invite = newPairInvite('websocket', 'ws://127.0.0.1:1234');
    const link = await pairLink('http://127.0.0.1:4173', invite);
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:4173\/settings#pair=/);
    const hash = new URL(link).hash;
    expect(await readPairLink(hash)).toEqual(invite);
    expect(await readPairLink('#join=abc')).toBeUndefined();
    await expect(readPairLink(hash.replace('websocket', 'webrtc'))).rejects.toThrow(/changed or cut short/);
    await expect(readPairLink(hash.replace(/key=[^&]+/, 'key=short'))).rejects.toThrow(/no valid secret/);
    expect(() => newPairInvite('websocket', 'http://x')).toThrow(/must start with ws/);
  });
});
