import type { ConsentChannel, ConsentProposal } from './consent';

/**
 * Proposals on shared specs that are open in this page. The sync floor attaches one when a
 * peer session carries a proposal (with the channel over its Y.Array and the local
 * participant's name); the Governance page and the HUD's trust dial show them.
 */
export interface SharedProposal {
  readonly channel: ConsentChannel;
  readonly proposal: ConsentProposal;
  /** The local participant: the only position this page may move. */
  readonly me: string;
}

const open = new Map<string, SharedProposal>();
const listeners = new Set<() => void>();

function notify(): void {
  for (const l of listeners) l();
}

/** Shows a shared proposal until the returned function is called. */
export function attachProposal(shared: SharedProposal): () => void {
  open.set(shared.proposal.id, shared);
  const unsubscribe = shared.channel.subscribe(notify);
  notify();
  return () => {
    unsubscribe();
    open.delete(shared.proposal.id);
    notify();
  };
}

export function sharedProposals(): SharedProposal[] {
  return [...open.values()];
}

export function onSharedProposalsChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
