import { ValidationError } from '../../domain/errors';
import { getSetting, observeSetting, setSetting } from '../../store/settingsRepo';
import type { Live } from '../../store/live';
import type { PeerTransport } from '../../sync/peers';
import { setLocalUserName } from '../../sync/specSession';

/** How this device joins shared sessions; kept in this browser's settings. */
export interface PeerSettings {
  displayName: string;
  transport: PeerTransport;
  signaling: string[];
  /** STUN/TURN servers for WebRTC; none by default, so no third party learns of a session. */
  iceServers: string[];
  websocketUrl: string;
}

export const DEFAULT_PEER_SETTINGS: PeerSettings = {
  displayName: '',
  transport: 'webrtc',
  signaling: ['ws://127.0.0.1:4444'],
  iceServers: [],
  websocketUrl: 'ws://127.0.0.1:1234',
};

const KEY = 'peers';

function withDefaults(stored: Partial<PeerSettings> | undefined): PeerSettings {
  return { ...DEFAULT_PEER_SETTINGS, ...(stored ?? {}) };
}

export async function peerSettings(): Promise<PeerSettings> {
  return withDefaults(await getSetting<Partial<PeerSettings> | undefined>(KEY, undefined));
}

export function observePeerSettings(): Live<PeerSettings> {
  const source = observeSetting<Partial<PeerSettings> | undefined>(KEY, undefined);
  return { subscribe: (o) => source.subscribe({ next: (v) => o.next?.(withDefaults(v)), error: (e) => o.error?.(e) }) };
}

function checkUrls(field: string, urls: readonly string[], schemes: readonly string[]): string[] {
  return urls
    .map((u) => u.trim())
    .filter(Boolean)
    .map((u) => {
      let url: URL;
      try {
        url = new URL(u);
      } catch {
        throw new ValidationError(field, `"${u}" is not a URL`);
      }
      if (!schemes.includes(url.protocol)) throw new ValidationError(field, `"${u}" must start with ${schemes.join(' or ')}//`);
      return u;
    });
}

/** Validates and stores the settings; throws ValidationError naming the field. */
export async function savePeerSettings(input: PeerSettings): Promise<PeerSettings> {
  const displayName = input.displayName.replace(/\s+/g, ' ').trim();
  if (displayName.length > 60) throw new ValidationError('displayName', 'at most 60 characters');
  const signaling = checkUrls('signaling', input.signaling, ['ws:', 'wss:']);
  if (input.transport === 'webrtc' && signaling.length === 0) throw new ValidationError('signaling', 'WebRTC needs at least one signaling server');
  const [websocketUrl] = checkUrls('websocketUrl', [input.websocketUrl], ['ws:', 'wss:']);
  if (input.transport === 'websocket' && !websocketUrl) throw new ValidationError('websocketUrl', 'give the y-websocket server address');
  const settings: PeerSettings = {
    displayName,
    transport: input.transport,
    signaling,
    iceServers: checkUrls('iceServers', input.iceServers, ['stun:', 'turn:', 'turns:']),
    websocketUrl: websocketUrl ?? DEFAULT_PEER_SETTINGS.websocketUrl,
  };
  await setSetting(KEY, settings);
  if (displayName) setLocalUserName(displayName);
  return settings;
}

/** Shows the chosen display name on this tab's cursor (call once when the specs page opens). */
export async function applyDisplayName(): Promise<void> {
  const { displayName } = await peerSettings();
  if (displayName) setLocalUserName(displayName);
}
