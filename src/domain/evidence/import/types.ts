import type { Nudge, Run } from '../run';

/**
 * The id of an evidence file format ('junit', 'promptfoo', …): one of the formats in the
 * registry (formats/registry.ts, README "Evidence file formats").
 */
export type ImportFormat = string;

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
  /**
   * What the person should know about how the file was read, in words: a value read by a rule
   * they may not expect (a bare number taken as epoch seconds), or not read at all (a
   * timestamp in no known form, replaced by the file's time). Each said once per file.
   */
  notes: string[];
}

/** A streaming parser: text arrives in chunks of any size; `end` checks the file is complete. */
export interface ChunkParser {
  push(text: string): void;
  /**
   * The runs validated since the last take, handed over (an importer writes them as it goes,
   * so a big file's runs never all sit in memory). They are not in end()'s or partial()'s runs.
   */
  take(): Run[];
  /**
   * For the runs handed over by the last take(): the id each would have had before ids were
   * SHA-256 (hash.ts), by new id, so a store can still find a run imported then.
   */
  takeLegacy(): Map<string, string>;
  end(): ParsedFile;
  /** For previews of a file's head: what was parsed so far, ignoring a cut-off last record. */
  partial(): ParsedFile;
  /** CSV only: the header row, once read. */
  headers?(): string[] | undefined;
}

export interface ImportProgress {
  /**
   * 'reading': parsing and checking (checked runs are written meanwhile); 'writing': the last
   * batches landing; 'committing': every write issued and landed, the transaction committing
   * (IndexedDB's own last step: no count to show, only that it is under way).
   */
  phase: 'reading' | 'writing' | 'committing';
  /** Bytes parsed (reading) or runs written (writing, committing). */
  done: number;
  total: number;
  file?: string;
  /** Files read so far and in all, when several are imported at once. */
  fileIndex?: number;
  files?: number;
}
