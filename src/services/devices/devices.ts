import type { Live } from '../../store/live';
import { observePairedDevices, removePairing, type PairedDevice } from '../../store/pairingsRepo';

export type { PairedDevice };

/** The devices this browser is paired with, live (also when another tab pairs or unpairs). */
export function observeDevices(): Live<PairedDevice[]> {
  return observePairedDevices();
}

/** Unpairs: the pairing and its secret are removed from this browser. */
export async function unpair(id: string): Promise<void> {
  await removePairing(id);
}
