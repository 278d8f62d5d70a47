import { appendFileSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';

/**
 * Opt-in tracing of WebRTC peer connections (RTC_TRACE=<file>): every RTCPeerConnection a page
 * makes, its offers, answers, ICE and connection states and its close, with in-page timestamps,
 * plus y-webrtc's own log (lib0 reads `log` from localStorage). Both browsers share this
 * machine's clock, so the lines of both devices sort into one timeline.
 */
export async function traceRtc(ctx: BrowserContext, device: string): Promise<void> {
  const file = process.env.RTC_TRACE;
  if (!file) return;
  await ctx.addInitScript(() => {
    try {
      localStorage.setItem('log', 'y-webrtc');
    } catch {
      // no storage: no y-webrtc log
    }
    // y-webrtc's log lines, stamped with the page's clock (lib0 logs through console.log).
    const plain = console.log.bind(console);
    console.log = (...a: unknown[]) => {
      if (typeof a[0] === 'string' && a[0].includes('y-webrtc')) {
        const words = a.filter((x) => typeof x === 'string' && !x.includes('color:') && !x.includes('font-weight')).map((x) => String(x).replace(/%c/g, ''));
        if (!/(broadcast|send) message|received message/.test(words.join(' '))) console.debug(`[rtc] ${Date.now()} yw`, words.join(' '));
        return;
      }
      plain(...a);
    };
    // The signaling sockets: when each opens and closes, and what it sends (types only: the room's messages are encrypted).
    const WS = window.WebSocket;
    let wsN = 0;
    window.WebSocket = function (this: unknown, url: string | URL, protocols?: string | string[]) {
      const ws = new WS(url, protocols);
      const id = ++wsN;
      const log = (...x: unknown[]) => console.debug(`[rtc] ${Date.now()} ws${id}`, ...x);
      log('new', String(url));
      ws.addEventListener('open', () => log('open'));
      ws.addEventListener('close', (e) => log('close', e.code));
      ws.addEventListener('message', (e) => {
        try {
          const m = JSON.parse(String(e.data)) as { type?: string; topic?: string };
          if (m.type !== 'pong') log('got', m.type, m.topic?.slice(0, 12));
        } catch {
          // not JSON
        }
      });
      const send = ws.send.bind(ws);
      ws.send = (d: string | ArrayBufferLike | Blob | ArrayBufferView) => {
        try {
          const m = JSON.parse(String(d)) as { type?: string; topic?: string; topics?: string[] };
          if (m.type !== 'ping') log('sent', m.type, (m.topic ?? m.topics?.join(','))?.slice(0, 40));
        } catch {
          // not JSON
        }
        send(d);
      };
      return ws;
    } as unknown as typeof WebSocket;
    Object.assign(window.WebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
    window.WebSocket.prototype = WS.prototype;
    // When each fault's line first shows in this page's editor (page clock).
    const shown = new Set<string>();
    setInterval(() => {
      const text = document.querySelector('[data-testid="spec-editor"]')?.textContent ?? '';
      for (const m of text.matchAll(/fault \d+ \w+ \d+s: (?:other|frozen)/g))
        if (!shown.has(m[0])) {
          shown.add(m[0]);
          console.debug(`[rtc] ${Date.now()} editor shows "${m[0]}"`);
        }
    }, 100);
    const w = window as unknown as { RTCPeerConnection: typeof RTCPeerConnection };
    const Orig = w.RTCPeerConnection;
    if (!Orig) return;
    let n = 0;
    const log = (id: number, ...a: unknown[]) => console.debug(`[rtc] ${Date.now()} pc${id}`, ...a);
    const Traced = function (this: unknown, ...args: ConstructorParameters<typeof RTCPeerConnection>) {
      const pc = new Orig(...args);
      const id = ++n;
      log(id, 'created');
      pc.addEventListener('signalingstatechange', () => log(id, 'signaling', pc.signalingState));
      pc.addEventListener('iceconnectionstatechange', () => log(id, 'ice', pc.iceConnectionState));
      pc.addEventListener('connectionstatechange', () => log(id, 'conn', pc.connectionState));
      pc.addEventListener('icegatheringstatechange', () => log(id, 'gathering', pc.iceGatheringState));
      pc.addEventListener('datachannel', () => log(id, 'datachannel'));
      for (const m of ['createOffer', 'createAnswer', 'setLocalDescription', 'setRemoteDescription', 'addIceCandidate'] as const) {
        const f = (pc[m] as (...x: unknown[]) => Promise<unknown>).bind(pc);
        (pc as unknown as Record<string, unknown>)[m] = (...x: unknown[]) => {
          const d = x[0] as { type?: string; candidate?: string } | undefined;
          log(id, m, d?.type ?? (d?.candidate ? d.candidate.split(' ').slice(4, 8).join(' ') : ''));
          return f(...x).then(
            (r) => r,
            (e: unknown) => {
              log(id, m, 'FAILED', (e as Error)?.name, (e as Error)?.message);
              throw e;
            },
          );
        };
      }
      const close = pc.close.bind(pc);
      pc.close = () => {
        log(id, 'close()');
        close();
      };
      return pc;
    } as unknown as typeof RTCPeerConnection;
    Traced.prototype = Orig.prototype;
    w.RTCPeerConnection = Traced;
  });
  const watch = (page: import('playwright-core').Page) =>
    page.on('console', (m) => {
      const text = m.text().replace(/%c/g, '');
      if (text.includes('[rtc]')) appendFileSync(file, `${device} ${text}\n`);
    });
  ctx.pages().forEach(watch);
  ctx.on('page', watch);
}

/** A line in the trace from the test itself (fault start and end), on the same clock. */
export function traceMark(text: string): void {
  const file = process.env.RTC_TRACE;
  if (file) appendFileSync(file, `test [mark] ${Date.now()} ${text}\n`);
}
