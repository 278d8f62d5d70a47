/** One floor of the house: the files on it and what they may import. */
export interface Floor {
  name: string;
  /** Globs of the files on this floor. */
  files: string[];
  /** Globs of files under `files` that belong to another floor. */
  ignores?: string[];
  /** Why the floor may import only this: the lint message says it. */
  why: string;
  /** Package names (a scope and name, or a virtual module) its files may import. */
  packages: string[];
  /** Repository folders, or single modules, its files may import. */
  folders: string[];
}

export const FLOORS: Floor[];
