/**
 * What a linked folder and each of its files are doing, as the app shows it. Stored (so every
 * tab shows the same) and computed only by the sync in the tab that holds the folder.
 */
export type LinkedFileStatus =
  /** The file and the spec hold the same text. */
  | 'synced'
  /** The spec changed and its file is being written. */
  | 'writing'
  /** The file changed outside the app and was merged into the spec. */
  | 'merged'
  /** The last sync failed (the message says which file and why); the spec keeps its text. */
  | 'error'
  /** The file is gone from the folder; the app asks before deleting anything. */
  | 'deleted-outside';

export type FolderAccess =
  /** The browser lets the app read and write the folder. */
  | 'granted'
  /** The browser wants the person to allow access again (after a reload, one click). */
  | 'needs-permission'
  /** The folder can no longer be reached (moved, deleted, or access refused). */
  | 'unavailable';

export type FolderKind =
  /** A folder on disk the person picked (File System Access API). */
  | 'picked'
  /** A folder in this browser's origin private file system: invisible to other programs. */
  | 'private';

export interface FolderProblem {
  file: string;
  message: string;
}

export type AtomicMethod =
  /** Written to a hidden temporary file, then moved over the real name (FileSystemHandle.move). */
  | 'move'
  /** createWritable(): Chromium writes a `.crswap` swap file and renames it into place on close(). */
  | 'swap-file';
