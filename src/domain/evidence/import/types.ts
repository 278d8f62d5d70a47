import type { Nudge, Run } from '../run';

/** The evidence file formats the app reads (README "Evidence file formats"). */
export type ImportFormat = 'junit' | 'jsonl' | 'csv';

export const IMPORT_FORMATS: readonly ImportFormat[] = ['junit', 'jsonl', 'csv'];

/**
 * Which CSV column (0-based index into the header) holds each field. Indexes rather than
 * header names, so that a file with two columns of the same name can still be mapped.
 */
export interface CsvMapping {
  spec?: number;
  passed?: number;
  nudges?: number;
  at?: number;
  errors?: number;
  id?: number;
  model?: number;
  temperature?: number;
}

export type CsvField = keyof CsvMapping;

/** What the person chose for one file in the import dialog. */
export interface FileImportOptions {
  format: ImportFormat;
  /** Nudge labels applied to every run of the file (the dialog's tags). */
  nudges: string[];
  /** Required for CSV; ignored otherwise. */
  csv?: CsvMapping;
}

/** Facts about the file that the parsers need: its name for messages and ids, its time as a fallback. */
export interface FileFacts {
  name: string;
  /** File.lastModified (epoch ms): the run time when the file itself carries none. */
  lastModified: number;
}

/** The result of parsing one file, validated and ready to write. */
export interface ParsedFile {
  name: string;
  format: ImportFormat;
  runs: Run[];
  /** Nudges the runs use, each with the first spelling met in the file as its label. */
  nudges: Nudge[];
  /** JUnit testcases marked skipped: counted and reported, not stored as runs. */
  skippedTests: number;
  /** Runs whose id appeared earlier in the same file (kept once, counted as duplicates). */
  duplicates: number;
}

/** A streaming parser: text arrives in chunks of any size; `end` checks the file is complete. */
export interface ChunkParser {
  push(text: string): void;
  /**
   * The runs validated since the last take, handed over (an importer writes them as it goes,
   * so a big file's runs never all sit in memory). They are not in end()'s or partial()'s runs.
   */
  take(): Run[];
  end(): ParsedFile;
  /** For previews of a file's head: what was parsed so far, ignoring a cut-off last record. */
  partial(): ParsedFile;
  /** CSV only: the header row, once read. */
  headers?(): string[] | undefined;
}

export interface ImportProgress {
  /** 'reading': parsing and checking (checked runs are written meanwhile); 'writing': the last batches landing. */
  phase: 'reading' | 'writing';
  /** Bytes parsed (reading) or runs written (writing). */
  done: number;
  total: number;
  file?: string;
}
