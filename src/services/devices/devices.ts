import type { Live } from '../../store/live';
import { observePairedDevices, removePairing, type PairedDevice } from '../../store/pairingsRepo';
import { markLeaving } from './exchangeRunner';

export type { PairedDevice };

/** The devices this browser is paired with, live (also when another tab pairs or unpairs). */
export function observeDevices(): Live<PairedDevice[]> {
  return observePairedDevices();
}

/**
 * Unpairs: the pairing and its secret are removed from this browser, the exchange stops, and
 * the pairing's document tells the other device, whose exchange stops too.
 */
export async function unpair(id: string): Promise<void> {
  markLeaving(id);
  await removePairing(id);
}
