import { forgetEndedPairing, type EndedPairing } from '../../store/pairingsRepo';
import { openPairedDoc } from '../../sync/devices/pairedDoc';

/**
 * Tells the other device that this one unpaired: says so in the pairing's document, keeps it
 * connected until the other device answers (it says it left too, once it stopped), then
 * forgets the document and the pairing. Until then the pairing waits in this browser's
 * settings, so a tab that is closed, or both devices offline, only delays it. Returns a stop
 * for when the person gives up on telling it (Settings).
 */
export function tellUnpaired(ended: EndedPairing, deviceId: string): () => void {
  const p = ended.pending;
  if (!p) return () => undefined;
  let cancelled = false;
  let wake = () => undefined as void;
  void (async () => {
    const paired = openPairedDoc(p.id, { transport: p.transport, server: p.server, room: p.id, password: p.secret });
    await paired.whenLoaded;
    paired.leave(deviceId);
    await new Promise<void>((resolve) => {
      const check = () => {
        if (!cancelled && !paired.leftDevices().includes(p.peer.deviceId)) return;
        off();
        resolve();
      };
      const off = paired.onChange(check);
      wake = check;
      check();
    });
    await paired.destroy(true);
    if (!cancelled) await forgetEndedPairing(p.id);
  })();
  return () => {
    cancelled = true;
    wake();
  };
}
