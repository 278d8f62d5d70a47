import { PairingError } from './errors';
import { toB64Url } from './pairing';

/**
 * A pairing link: everything after `#`, which browsers never send to a server.
 *
 *   https://host/settings#pair=<room>&key=<secret>&via=websocket&srv=<server>&check=<8 chars>
 *
 * `room` and `key` open the handshake room (a fresh one per "Pair a device"); `via` and `srv`
 * say which engine and server both devices use; `check` ties them together, so a link that was
 * edited or cut short is caught at once.
 */
export type PairTransport = 'webrtc' | 'websocket';

export interface PairInvite {
  room: string;
  secret: string;
  transport: PairTransport;
  /** The y-websocket server or the signaling server. */
  server: string;
}

const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

function random(bytes: number): string {
  return toB64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** A fresh handshake room: 96 random bits of name, 256 of secret. */
export function newPairInvite(transport: PairTransport, server: string): PairInvite {
  return { room: `mcp-${random(12)}`, secret: random(32), transport, server: checkServer(server) };
}

function checkServer(server: string): string {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new PairingError(`the server "${server}" is not an address`);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new PairingError(`the server "${server}" must start with ws:// or wss://`);
  return server;
}

async function check(i: PairInvite): Promise<string> {
  const bytes = new TextEncoder().encode(`metacompiler-pair\u0000${i.room}\u0000${i.secret}\u0000${i.transport}\u0000${i.server}`);
  return toB64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)).slice(0, 6));
}

export async function pairLink(origin: string, invite: PairInvite): Promise<string> {
  const params = new URLSearchParams({ pair: invite.room, key: invite.secret, via: invite.transport, srv: invite.server, check: await check(invite) });
  return `${origin}/settings#${params.toString()}`;
}

/** The invite in a page's fragment; undefined when the fragment is not a pairing link. */
export async function readPairLink(hash: string): Promise<PairInvite | undefined> {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const room = params.get('pair');
  if (room === null) return undefined;
  const secret = params.get('key') ?? '';
  const via = params.get('via') ?? '';
  const server = params.get('srv') ?? '';
  if (!TOKEN.test(room.replace(/^mcp-/, ''))) throw new PairingError('the pairing link has no valid room');
  if (!TOKEN.test(secret)) throw new PairingError('the pairing link has no valid secret');
  if (via !== 'webrtc' && via !== 'websocket') throw new PairingError(`the pairing link names an unknown connection kind "${via}"`);
  const invite: PairInvite = { room, secret, transport: via, server: checkServer(server) };
  if (params.get('check') !== (await check(invite))) {
    throw new PairingError('this pairing link was changed or cut short. Make a new one on your other device.');
  }
  return invite;
}
