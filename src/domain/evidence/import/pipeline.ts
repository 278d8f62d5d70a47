import { ValidationError } from '../../errors';
import { checkFileSize } from './errors';
import { formatSpec } from './formats/registry';
import type { ChunkParser, FileFacts, FileImportOptions, ImportFormat, ImportProgress, ParsedFile } from './types';

/** A file as the parsers see it: facts plus its bytes as a stream (a File in the browser). */
export interface ByteSource extends FileFacts {
  size: number;
  chunks(): AsyncIterable<Uint8Array>;
}

export interface ParseHooks {
  onProgress?(p: ImportProgress): void;
  /** Awaited between chunks: where a worker yields to its message queue and a cancel lands. */
  checkpoint?(): Promise<void> | void;
}

export function makeParser(format: ImportFormat, facts: FileFacts, options: FileImportOptions): ChunkParser {
  return formatSpec(format).parser(facts, options);
}

/**
 * UTF-8 text from byte chunks. Bytes that are not UTF-8 are an error at the line they are on;
 * the valid text before them is still handed out first, so that an earlier error in the file
 * wins whatever the chunking (the same file always gives the same message).
 */
export class Utf8Text {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private lines = 1;
  /** The previous chunk's unfinished multi-byte character, which the decoder holds back. */
  private tail: Uint8Array = new Uint8Array(0);
  private atStart = true;

  constructor(private readonly file: string) {}

  decode(bytes: Uint8Array | undefined): { text: string; error?: ValidationError } {
    try {
      const text = bytes ? this.decoder.decode(bytes, { stream: true }) : this.decoder.decode();
      this.atStart &&= text.length === 0;
      this.lines += countLines(text);
      if (bytes) this.tail = unfinishedTail(bytes, this.tail);
      return { text };
    } catch {
      // Hand out the valid text before the first bad byte, so an earlier error still wins.
      const all = concat(this.tail, bytes ?? new Uint8Array(0));
      let text = bytes ? new TextDecoder('utf-8', { ignoreBOM: true }).decode(all.subarray(0, validUtf8Prefix(all))) : '';
      if (this.atStart && text.charCodeAt(0) === 0xfeff) text = text.slice(1); // as the streaming decoder does
      this.lines += countLines(text);
      const error = new ValidationError('encoding', 'is not UTF-8 text (a binary file, or text saved in another encoding?)', {
        file: this.file,
        line: this.lines,
      });
      return { text, error };
    }
  }
}

/**
 * The length of the longest prefix of `b` that is well-formed UTF-8 (the WHATWG decoder's
 * rules: no overlong forms, no surrogates, nothing above U+10FFFF).
 */
export function validUtf8Prefix(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined) return i;
      if (k === 1 ? d < lo || d > hi : d < 0x80 || d > 0xbf) return i;
    }
    i += need + 1;
  }
  return i;
}

function countLines(text: string): number {
  let k = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) k++;
  return k;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The bytes at the end of `bytes` (after `before`) that start a character not yet complete. */
function unfinishedTail(bytes: Uint8Array, before: Uint8Array): Uint8Array {
  const all = bytes.length >= 3 ? bytes : concat(before, bytes);
  for (let k = 1; k <= Math.min(3, all.length); k++) {
    const c = all[all.length - k] ?? 0;
    if ((c & 0xc0) === 0x80) continue;
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > k ? all.slice(all.length - k) : new Uint8Array(0);
  }
  return new Uint8Array(0);
}

/** Decodes a chunk into the parser; an encoding error is thrown after the text before it. */
export function feed(parser: ChunkParser, utf8: Utf8Text, bytes: Uint8Array | undefined): void {
  const { text, error } = utf8.decode(bytes);
  if (text) parser.push(text);
  if (error) throw error;
}

/**
 * Reads and validates one whole file. Throws the first ValidationError (file, line, field);
 * nothing is written here, so an error anywhere in the file means nothing of it is stored.
 */
export async function parseSource(
  source: ByteSource,
  options: FileImportOptions,
  hooks: ParseHooks = {},
  progress: { done: number; total: number } = { done: 0, total: source.size },
): Promise<ParsedFile> {
  checkFileSize(source.name, source.size);
  const parser = makeParser(options.format, source, options);
  const text = new Utf8Text(source.name);
  for await (const chunk of source.chunks()) {
    await hooks.checkpoint?.();
    feed(parser, text, chunk);
    progress.done += chunk.byteLength;
    hooks.onProgress?.({ phase: 'reading', done: progress.done, total: progress.total, file: source.name });
  }
  feed(parser, text, undefined);
  return parser.end();
}

/** Several files read one after the other, progress counted over all their bytes. */
export async function parseSources(
  items: readonly { source: ByteSource; options: FileImportOptions }[],
  hooks: ParseHooks = {},
): Promise<ParsedFile[]> {
  for (const { source } of items) checkFileSize(source.name, source.size);
  const progress = { done: 0, total: items.reduce((s, i) => s + i.source.size, 0) };
  const parsed: ParsedFile[] = [];
  for (const { source, options } of items) parsed.push(await parseSource(source, options, hooks, progress));
  return parsed;
}
