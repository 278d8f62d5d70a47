import { describe, expect, it } from 'vitest';
import { checkHello, helloKey, HelloVerdicts, makeHello } from '../../../../src/sync/peers/keyedHello';

describe('keyed hello', () => {
  it('verifies with the same room password and fails with another, or for another room', async () => {
    const ada = await helloKey('mc-room', 'the-password-of-the-room');
    const same = await helloKey('mc-room', 'the-password-of-the-room');
    const wrong = await helloKey('mc-room', 'notthepasswordatall');
    const otherRoom = await helloKey('mc-other', 'the-password-of-the-room');
    const hello = await makeHello(ada, 'mc-room', 'device-a');
    expect(await checkHello(same, 'mc-room', hello)).toBe(true);
    expect(await checkHello(wrong, 'mc-room', hello)).toBe(false);
    expect(await checkHello(otherRoom, 'mc-other', hello)).toBe(false);
    expect(await checkHello(same, 'mc-room', { ...hello, device: 'device-b' })).toBe(false);
    expect(await checkHello(same, 'mc-room', { ...hello, mac: 'not base64!' })).toBe(false);
    expect(await checkHello(same, 'mc-room', null)).toBe(false);
  });

  it('calls this device wrong only when others answer and none with its password', () => {
    const v = new HelloVerdicts();
    expect(v.passwordMismatch).toBe(false);
    v.record('eve', false);
    expect(v.passwordMismatch).toBe(true);
    v.record('bob', true);
    expect(v.passwordMismatch).toBe(false);
  });
});
