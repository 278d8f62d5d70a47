import type { RunSource } from '../../run';
import type { ChunkParser, FileFacts, FileImportOptions } from '../types';

/** How one field of a run is filled from a file of this format (for the dialog and the README). */
export interface FieldMapping {
  field: string;
  from: string;
}

/**
 * One evidence file format, everything about it in one place (its folder under formats/):
 * how a file is recognised, how it is read, how its data becomes runs, and the real files it
 * is tested against. The import dialog, the detection and the tests read formats from the
 * registry (registry.ts), so adding a format is a new folder and one line there.
 */
export interface FormatSpec {
  /** Stable id, kept in the person's choices: 'junit'. */
  id: string;
  /** As the dialog names it: 'JUnit XML'. */
  name: string;
  /** The tools that write it, for the dialog's hint: 'pytest, jest-junit, Maven Surefire, TestNG'. */
  writtenBy: string;
  /** What the runs' `source` is. */
  source: RunSource;
  /** File name extensions (lower case, no dot) that say this format when no other claims them. */
  extensions: readonly string[];
  /**
   * How sure the first characters of a file (up to 4 KB, BOM removed) make us that it is this
   * format: 0 not at all, 1 a last resort, up to 10 unmistakable. The highest wins.
   */
  sniff(head: string): number;
  parser(facts: FileFacts, options: FileImportOptions): ChunkParser;
  mapping: readonly FieldMapping[];
  /** Real files of this format, under test/fixtures/evidence (their origins: ORIGINS.md there). */
  fixtures: readonly string[];
  /** The dialog asks which column holds which field (CSV). */
  columns?: boolean;
  /** How much of a file its preview reads (default PREVIEW_BYTES): a whole-document format needs all of it. */
  previewBytes?: number;
}

/** The first line of a head that is not blank. */
export function firstLine(head: string): string {
  return /^\s*([^\r\n]*)/.exec(head)?.[1] ?? '';
}
