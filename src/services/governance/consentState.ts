import type { ConsentBoard } from '../../domain/governance/consentBoard';

/*
 * The consent boards this page has read, by spec, and who wants to hear when one changes.
 * Kept apart from the channels that fill it (consentBoards.ts opens spec documents, hence
 * Yjs), so the HUD, on every page, reads it without loading a spec document.
 */

export interface SpecBoard {
  readonly specId: string;
  readonly title: string;
  readonly board: ConsentBoard;
}

const boards = new Map<string, SpecBoard>();
const listeners = new Set<() => void>();

export function publishBoard(b: SpecBoard): void {
  boards.set(b.specId, b);
  listeners.forEach((l) => l());
}

export function dropBoard(specId: string): void {
  if (boards.delete(specId)) listeners.forEach((l) => l());
}

export function consentBoards(): SpecBoard[] {
  return [...boards.values()];
}

export function boardOf(specId: string): ConsentBoard | undefined {
  return boards.get(specId)?.board;
}

export function onConsentChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
