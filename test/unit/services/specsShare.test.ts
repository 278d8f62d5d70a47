import { describe, expect, it } from 'vitest';
import { inviteLink, newRoom, readInvite } from '../../../src/services/specs/shareLink';

describe('share links', () => {
  it('carry room and password only in the fragment, and read back the same', () => {
    const { room, password } = newRoom();
    const invite = { specId: 'spec_abc', room, password, transport: 'webrtc' as const };
    const link = new URL(inviteLink('https://app.example', invite));
    expect(link.pathname).toBe('/specs/spec_abc');
    expect(link.search).toBe('');
    expect(link.pathname + link.search).not.toContain(password);
    expect(readInvite(link.pathname, link.hash)).toEqual(invite);
    // No title: anyone can edit a link, so the spec's title comes from its document.
    expect(link.hash).not.toContain('title');
    expect(readInvite(link.pathname, `${link.hash}&title=Forged`)).toEqual(invite);
  });

  it('makes fresh, long random rooms and passwords', () => {
    const a = newRoom();
    const b = newRoom();
    expect(a.room).not.toBe(b.room);
    expect(a.password).not.toBe(b.password);
    expect(a.password.length).toBeGreaterThanOrEqual(32);
  });

  it('ignores other fragments and rejects broken invites', () => {
    expect(readInvite('/specs/s_1', '#section-2')).toBeUndefined();
    expect(() => readInvite('/specs/s_1', '#join=mc-abcdefghijkl&key=short')).toThrow(/valid password/);
    expect(() => readInvite('/evidence', '#join=mc-abcdefghijkl&key=abcdefghijklmnop')).toThrow(/does not name a spec/);
    expect(() => readInvite('/specs/s_1', '#join=mc-abcdefghijkl&key=abcdefghijklmnop&via=carrier-pigeon')).toThrow(/unknown connection/);
  });
});
