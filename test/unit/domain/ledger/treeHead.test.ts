import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../src/domain/errors';
import {
  generateDeviceKey,
  importPublicKeyJwk,
  signTreeHead,
  verifyTreeHead,
} from '../../../../src/domain/ledger/treeHead';

const ROOT = '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328';

describe('signed tree head (ECDSA P-256 / SHA-256)', () => {
  it('makes a device key whose private half cannot be exported', async () => {
    const key = await generateDeviceKey();
    expect(key.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('jwk', key.privateKey)).rejects.toThrow();
    expect(key.publicKeyJwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
    expect(key.publicKeyJwk.d).toBeUndefined();
  });

  it('round-trips: a head signed on the device verifies, also with the key rebuilt from its JWK', async () => {
    const key = await generateDeviceKey();
    const sth = await signTreeHead({ size: 8, root: ROOT, at: 1_700_000_000_000 }, key.privateKey);
    expect(sth.signature).toMatch(/^[0-9a-f]{128}$/);
    expect(await verifyTreeHead(sth, key.publicKey)).toBe(true);
    expect(await verifyTreeHead(sth, await importPublicKeyJwk(key.publicKeyJwk))).toBe(true);
  });

  it('rejects a head whose size, root, time or signature was changed, or another device key', async () => {
    const key = await generateDeviceKey();
    const other = await generateDeviceKey();
    const sth = await signTreeHead({ size: 8, root: ROOT, at: 1_700_000_000_000 }, key.privateKey);
    expect(await verifyTreeHead({ ...sth, size: 9 }, key.publicKey)).toBe(false);
    expect(await verifyTreeHead({ ...sth, root: ROOT.replace(/^5/, '6') }, key.publicKey)).toBe(false);
    expect(await verifyTreeHead({ ...sth, at: sth.at + 1 }, key.publicKey)).toBe(false);
    const sig = sth.signature;
    const flipped = sig.slice(0, 10) + (sig[10] === '0' ? '1' : '0') + sig.slice(11);
    expect(await verifyTreeHead({ ...sth, signature: flipped }, key.publicKey)).toBe(false);
    expect(await verifyTreeHead({ ...sth, signature: 'zz' }, key.publicKey)).toBe(false);
    expect(await verifyTreeHead(sth, other.publicKey)).toBe(false);
  });

  it('refuses to sign a malformed head, naming the field', async () => {
    const key = await generateDeviceKey();
    await expect(signTreeHead({ size: -1, root: ROOT, at: 0 }, key.privateKey)).rejects.toThrow(ValidationError);
    await expect(signTreeHead({ size: 1, root: 'ABC', at: 0 }, key.privateKey)).rejects.toThrow(/root/);
  });
});
