import type { Run } from '../run';
import { guessCsvMapping } from './formats/csv/csvMapping';
import { detectFormat, formatSpec } from './formats/registry';
import { checkFileSize, toErrorInfo, type ImportErrorInfo } from './errors';
import { feed, makeParser, Utf8Text, type ByteSource } from './pipeline';
import type { ChunkParser, CsvMapping, ImportFormat } from './types';

/** How much of a file the dialog reads to show its first rows (the whole file when smaller). */
export const PREVIEW_BYTES = 64 * 1024;
export const PREVIEW_ROWS = 8;

export interface PreviewRequest {
  /** Chosen in the dialog; detected from the name and first bytes when absent. */
  format?: ImportFormat;
  nudges: string[];
  csv?: CsvMapping;
}

export interface PreviewResult {
  format: ImportFormat;
  detected: ImportFormat;
  /** The head was the whole file, so the counts are final. */
  complete: boolean;
  runs: Run[];
  runsRead: number;
  skippedTests: number;
  duplicates: number;
  /** How the file was read, in words (ParsedFile.notes). */
  notes: string[];
  headers?: string[];
  /** The CSV mapping in effect: the one asked for, or the guess from the header. */
  csv?: CsvMapping;
  error?: ImportErrorInfo;
}

async function readHead(source: ByteSource, limit: number): Promise<{ bytes: Uint8Array[]; read: number }> {
  const bytes: Uint8Array[] = [];
  let read = 0;
  for await (const chunk of source.chunks()) {
    const part = chunk.byteLength > limit - read ? chunk.subarray(0, limit - read) : chunk;
    bytes.push(part);
    read += part.byteLength;
    if (read >= limit) break; // leaving the loop cancels the rest of the stream
  }
  return { bytes, read };
}

/**
 * The first rows of a file as they would be imported, for the dialog, with the first error
 * met in them. Never throws: a file that cannot be read comes back with `error` set.
 */
export async function previewSource(source: ByteSource, request: PreviewRequest): Promise<PreviewResult> {
  let format: ImportFormat = request.format ?? 'csv';
  let detected: ImportFormat = format;
  let parser: ChunkParser | undefined;
  let complete = false;
  try {
    checkFileSize(source.name, source.size);
    let { bytes, read } = await readHead(source, PREVIEW_BYTES);
    const utf8 = new Utf8Text(source.name);
    const head = new TextDecoder().decode(bytes[0]?.subarray(0, 4096) ?? new Uint8Array(0));
    detected = detectFormat(source.name, head);
    format = request.format ?? detected;
    // A format read as one document (promptfoo) shows rows only when all of it is read.
    const wanted = formatSpec(format).previewBytes ?? PREVIEW_BYTES;
    if (wanted > read && read < source.size) ({ bytes, read } = await readHead(source, wanted));
    complete = read >= source.size;
    parser = makeParser(format, source, { format, nudges: request.nudges, csv: request.csv });
    for (const b of bytes) feed(parser, utf8, b);
    if (complete) feed(parser, utf8, undefined);
    const parsed = complete ? parser.end() : parser.partial();
    return { ...summary(parsed.runs, parsed.skippedTests, parsed.duplicates), notes: parsed.notes, format, detected, complete, ...csvFacts(parser, request) };
  } catch (err) {
    let partial = { runs: [] as Run[], skippedTests: 0, duplicates: 0, notes: [] as string[] };
    try {
      partial = parser?.partial() ?? partial;
    } catch {
      // the parser broke mid-record; the error below says where
    }
    return { ...summary(partial.runs, partial.skippedTests, partial.duplicates), notes: partial.notes, format, detected, complete, ...csvFacts(parser, request), error: toErrorInfo(err) };
  }
}

function summary(runs: Run[], skippedTests: number, duplicates: number) {
  return { runs: runs.slice(0, PREVIEW_ROWS), runsRead: runs.length, skippedTests, duplicates };
}

function csvFacts(parser: ChunkParser | undefined, request: PreviewRequest): { headers?: string[]; csv?: CsvMapping } {
  const headers = parser?.headers?.();
  if (!headers) return {};
  return { headers, csv: request.csv ?? guessCsvMapping(headers) };
}
