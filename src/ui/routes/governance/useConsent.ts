import { createSignal, onCleanup } from 'solid-js';
import { consentBoards, onConsentChange, type SpecBoard } from '../../../services/governance';

/** The consent boards of the shared specs this page watches, kept current. */
export function useConsentBoards(): () => SpecBoard[] {
  const [boards, setBoards] = createSignal<SpecBoard[]>(consentBoards());
  onCleanup(onConsentChange(() => setBoards(consentBoards())));
  return boards;
}
