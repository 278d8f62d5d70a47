import { ValidationError } from '../errors';

/** A spec's metadata; its text lives in a Y.Doc (the one source of truth), not here. */
export interface SpecMeta {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  /** Set when a person deletes the spec; the document is kept so that undo can bring it back. */
  deletedAt?: number;
  /**
   * When the title or the deletion last changed (absent: never since creation). Paired devices
   * settle a spec's title by it: `updatedAt` also moves with every edit of the text.
   */
  metaAt?: number;
}

export const MAX_TITLE_LENGTH = 200;

export function validateTitle(input: string): string {
  const title = input.replace(/\s+/g, ' ').trim();
  if (!title) throw new ValidationError('title', 'a spec needs a title');
  if (title.length > MAX_TITLE_LENGTH)
    throw new ValidationError('title', `at most ${MAX_TITLE_LENGTH} characters (got ${title.length})`);
  return title;
}
