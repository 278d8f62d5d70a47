import { DomainError } from '../../domain/errors';
import type { PeerTransport } from '../../sync/peers';

/**
 * A share link carries everything a peer needs to join in the URL fragment (after `#`), which
 * browsers never send to a server: not the app's host, not the signaling server. Only the
 * room name ever reaches the signaling server; the password stays between the people who
 * have the link.
 *
 *   https://host/specs/<specId>#join=<room>&key=<password>&via=webrtc
 *
 * No title: a link can be edited by anyone, so the spec's title comes from its document (the
 * `title=` of older links is ignored).
 */
export interface Invite {
  specId: string;
  room: string;
  password: string;
  transport: PeerTransport;
}

export class InviteError extends DomainError {
  constructor(message: string) {
    super(message, 'InviteError');
  }
}

const TOKEN = /^[A-Za-z0-9_-]{8,128}$/;

function randomToken(bytes: number): string {
  const b = new Uint8Array(bytes);
  crypto.getRandomValues(b);
  return btoa(String.fromCharCode(...b)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A fresh room: 96 random bits of name, 192 of password. */
export function newRoom(): { room: string; password: string } {
  return { room: `mc-${randomToken(12)}`, password: randomToken(24) };
}

export function inviteLink(origin: string, invite: Invite): string {
  const params = new URLSearchParams({ join: invite.room, key: invite.password, via: invite.transport });
  return `${origin}/specs/${encodeURIComponent(invite.specId)}#${params.toString()}`;
}

/** Reads an invite from a page's path and fragment; undefined when the fragment is not one. */
export function readInvite(pathname: string, hash: string): Invite | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const room = params.get('join');
  if (room === null) return undefined;
  const specId = decodeURIComponent(/^\/specs\/([^/]+)/.exec(pathname)?.[1] ?? '');
  const password = params.get('key') ?? '';
  const via = params.get('via') ?? 'webrtc';
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(specId)) throw new InviteError('the link does not name a spec');
  if (!TOKEN.test(room.replace(/^mc-/, ''))) throw new InviteError('the link has no valid room name');
  if (!TOKEN.test(password)) throw new InviteError('the link has no valid password');
  if (via !== 'webrtc' && via !== 'websocket') throw new InviteError(`unknown connection kind "${via}"`);
  return { specId, room, password, transport: via };
}
