import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseSource, type ByteSource } from '../../../../../src/domain/evidence/import/pipeline';
import type { FileImportOptions, ImportFormat, ParsedFile } from '../../../../../src/domain/evidence/import/types';

export const FIXTURES = fileURLToPath(new URL('../../../../fixtures/evidence/', import.meta.url));

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(FIXTURES + name));
}

/** A byte source that hands out the bytes in chunks of `chunk` bytes (streaming as a browser would). */
export function bytesSource(name: string, bytes: Uint8Array, chunk = 65536, lastModified = 1_700_000_000_000): ByteSource {
  return {
    name,
    size: bytes.byteLength,
    lastModified,
    async *chunks() {
      for (let i = 0; i < bytes.byteLength; i += chunk) yield bytes.subarray(i, i + chunk);
    },
  };
}

export function textSource(name: string, text: string, chunk = 65536, lastModified = 1_700_000_000_000): ByteSource {
  return bytesSource(name, new TextEncoder().encode(text), chunk, lastModified);
}

export function parse(source: ByteSource, format: ImportFormat, extra: Partial<FileImportOptions> = {}): Promise<ParsedFile> {
  return parseSource(source, { format, nudges: [], ...extra });
}

/** The error a parse rejects with (fails the test when it resolves). */
export async function parseError(source: ByteSource, format: ImportFormat, extra: Partial<FileImportOptions> = {}): Promise<Error & { field?: string; line?: number; file?: string }> {
  try {
    await parse(source, format, extra);
  } catch (err) {
    return err as Error;
  }
  throw new Error(`expected ${source.name} to be refused`);
}
