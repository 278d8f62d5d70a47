import type { Live } from '../../store/live';
import { endPairing, forgetEndedPairing, observeEndedPairings, observePairedDevices, type EndedPairing, type PairedDevice } from '../../store/pairingsRepo';

export type { PairedDevice, EndedPairing };

/** The devices this browser is paired with, live (also when another tab pairs or unpairs). */
export function observeDevices(): Live<PairedDevice[]> {
  return observePairedDevices();
}

/**
 * Unpairs: the pairing is removed from this browser and the exchange stops, in whichever tab
 * holds it; that tab then tells the other device through the pairing's document (as soon as
 * both are online), whose exchange stops too and which says it was unpaired.
 */
export async function unpair(id: string): Promise<void> {
  await endPairing(id, 'here', Date.now());
}

/** Pairings that ended: the other device unpaired this one, or this one is still telling it. */
export function observeEnded(): Live<EndedPairing[]> {
  return observeEndedPairings();
}

/** Hides the notice that a device unpaired this one, or stops trying to tell one. */
export function forgetEnded(id: string): Promise<void> {
  return forgetEndedPairing(id);
}
