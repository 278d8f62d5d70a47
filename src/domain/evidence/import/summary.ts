import type { ImportFormat } from './types';

/** What an import did, per file and in total. */
export interface FileImportSummary {
  name: string;
  format: ImportFormat;
  /** Runs written. */
  added: number;
  /** Runs whose id was already stored, or appeared earlier in this import: skipped, never changed. */
  duplicates: number;
  skippedTests: number;
  /** How the file was read, in words (ParsedFile.notes). */
  notes: string[];
}

export interface ImportSummary {
  files: FileImportSummary[];
  added: number;
  duplicates: number;
  skippedTests: number;
}

export function totals(files: FileImportSummary[]): ImportSummary {
  return {
    files,
    added: files.reduce((s, f) => s + f.added, 0),
    duplicates: files.reduce((s, f) => s + f.duplicates, 0),
    skippedTests: files.reduce((s, f) => s + f.skippedTests, 0),
  };
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** "Imported 118 runs (3 skipped tests, 2 duplicates)": what the person is told afterwards. */
export function describeImport(s: ImportSummary): string {
  const notes: string[] = [];
  if (s.skippedTests) notes.push(plural(s.skippedTests, 'skipped test', 'skipped tests'));
  if (s.duplicates) notes.push(plural(s.duplicates, 'duplicate', 'duplicates'));
  return `Imported ${plural(s.added, 'run', 'runs')}${notes.length ? ` (${notes.join(', ')})` : ''}`;
}
