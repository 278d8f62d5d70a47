import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../../../src/domain/evidence/import/formats/registry';
import { FileTooLargeError, MAX_IMPORT_BYTES, fromErrorInfo, toErrorInfo } from '../../../../../src/domain/evidence/import/errors';
import { parseSources, type ByteSource } from '../../../../../src/domain/evidence/import/pipeline';
import { previewSource, PREVIEW_BYTES } from '../../../../../src/domain/evidence/import/preview';
import { describeImport } from '../../../../../src/domain/evidence/import/summary';
import { ValidationError } from '../../../../../src/domain/errors';
import type { ImportProgress } from '../../../../../src/domain/evidence/import/types';
import { bytesSource, fixture, textSource } from './helpers';

/** A file that only claims a size: reading it fails the test, proving the size check comes first. */
function hugeSource(name: string, size: number): ByteSource {
  return {
    name,
    size,
    lastModified: 0,
    chunks: () => {
      throw new Error('a file over the limit must not be read');
    },
  };
}

const runLine = (i: number) => JSON.stringify({ id: `r${i}`, specHash: 'name:x', passed: i % 2 === 0, at: i, nudges: ['n'] });

describe('size limit', () => {
  it('refuses a 2 GB file before reading it, naming the file and both sizes', async () => {
    const err = await parseSources([{ source: hugeSource('results.xml', 2 * 1024 ** 3), options: { format: 'junit', nudges: [] } }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileTooLargeError);
    expect((err as Error).message).toBe('results.xml is 2 GB; evidence files can be at most 512 MB. Split it into smaller files and import them one by one.');
    expect((err as Error).name).toBe('FileTooLargeError');
  });

  it('accepts a file of exactly the limit (it is read)', async () => {
    await expect(parseSources([{ source: hugeSource('edge.jsonl', MAX_IMPORT_BYTES), options: { format: 'jsonl', nudges: [] } }])).rejects.toThrow(
      'a file over the limit must not be read',
    );
  });
});

describe('progress', () => {
  it('reports bytes read over all files, ending at the total', async () => {
    const a = textSource('a.jsonl', `${runLine(1)}\n${runLine(2)}\n`, 10);
    const b = textSource('b.jsonl', `${runLine(3)}\n`, 10);
    const seen: ImportProgress[] = [];
    const files = await parseSources(
      [
        { source: a, options: { format: 'jsonl', nudges: [] } },
        { source: b, options: { format: 'jsonl', nudges: [] } },
      ],
      { onProgress: (p) => seen.push(p) },
    );
    expect(files.map((f) => f.runs.length)).toEqual([2, 1]);
    const total = a.size + b.size;
    expect(seen.every((p) => p.phase === 'reading' && p.total === total)).toBe(true);
    expect(seen.map((p) => p.done)).toEqual([...seen.map((p) => p.done)].sort((x, y) => x - y));
    expect(seen.at(-1)?.done).toBe(total);
  });
});

describe('format detection', () => {
  it('trusts a known extension, else looks at the first character', () => {
    expect(detectFormat('report.xml', '')).toBe('junit');
    expect(detectFormat('runs.jsonl', '')).toBe('jsonl');
    expect(detectFormat('runs.ndjson', '')).toBe('jsonl');
    expect(detectFormat('runs.CSV', '')).toBe('csv');
    expect(detectFormat('report', '\uFEFF  <?xml version="1.0"?>')).toBe('junit');
    expect(detectFormat('runs.json', '{"id":1}')).toBe('jsonl');
    expect(detectFormat('export.txt', 'spec,passed')).toBe('csv');
  });
});

describe('preview', () => {
  it('shows the first rows of a large file without choking on the line its head cuts', async () => {
    const text = Array.from({ length: 5000 }, (_, i) => runLine(i)).join('\n');
    expect(text.length).toBeGreaterThan(PREVIEW_BYTES);
    const p = await previewSource(textSource('big.jsonl', text), { nudges: [] });
    expect(p).toMatchObject({ format: 'jsonl', detected: 'jsonl', complete: false, skippedTests: 0 });
    expect(p.error).toBeUndefined();
    expect(p.runs.map((r) => r.id)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7']);
    expect(p.runsRead).toBeGreaterThan(500);
  });

  it('gives final counts and the first error for a small file', async () => {
    const ok = await previewSource(bytesSource('pytest-junit.xml', fixture('pytest-junit.xml')), { nudges: [] });
    expect(ok).toMatchObject({ format: 'junit', complete: true, runsRead: 9, skippedTests: 3 });
    const bad = await previewSource(bytesSource('pytest-truncated.xml', fixture('pytest-truncated.xml')), { nudges: [] });
    expect(bad.error).toMatchObject({ name: 'ValidationError', file: 'pytest-truncated.xml', line: 20, field: 'xml' });
    // The cases before the cut are still shown.
    expect([bad.runsRead, bad.skippedTests]).toEqual([5, 2]);
  });

  it('returns the CSV header and the guessed mapping even when the mapping is not usable yet', async () => {
    const p = await previewSource(textSource('x.csv', 'a,b,c\n1,2,3\n'), { nudges: [] });
    expect(p.headers).toEqual(['a', 'b', 'c']);
    expect(p.csv).toEqual({});
    expect(p.error?.message).toBe('x.csv, line 1: spec: choose the column that holds the spec');
    const mapped = await previewSource(textSource('x.csv', 'a,b,c\nlexer,fail,3\n'), { nudges: [], csv: { spec: 0, passed: 1 } });
    expect(mapped.error).toBeUndefined();
    expect(mapped.runs[0]).toMatchObject({ specHash: 'name:lexer', passed: false });
  });

  it('uses the format the person chose over the guess', async () => {
    const p = await previewSource(textSource('runs.csv', '{"x":1}\n'), { nudges: [], format: 'jsonl' });
    expect(p).toMatchObject({ format: 'jsonl', detected: 'csv' });
    expect(p.error?.message).toBe('runs.csv, line 1: specHash: is missing');
  });
});

describe('errors cross the worker boundary as data and come back as the same classes', () => {
  it('round-trips ValidationError and FileTooLargeError with their fields', () => {
    const v = new ValidationError('passed', 'must be true or false', { file: 'a.jsonl', line: 3 });
    const back = fromErrorInfo(structuredClone(toErrorInfo(v)));
    expect(back).toBeInstanceOf(ValidationError);
    expect([back.message, (back as ValidationError).field, (back as ValidationError).line]).toEqual([v.message, 'passed', 3]);
    const big = new FileTooLargeError('x.xml', 2 * 1024 ** 3);
    expect(fromErrorInfo(toErrorInfo(big))).toBeInstanceOf(FileTooLargeError);
    expect(fromErrorInfo(toErrorInfo(big)).message).toBe(big.message);
  });
});

describe('the message after an import', () => {
  it('says what was written and what was skipped', () => {
    expect(describeImport({ files: [], added: 118, skippedTests: 3, duplicates: 2 })).toBe('Imported 118 runs (3 skipped tests, 2 duplicates)');
    expect(describeImport({ files: [], added: 1, skippedTests: 0, duplicates: 1 })).toBe('Imported 1 run (1 duplicate)');
    expect(describeImport({ files: [], added: 100000, skippedTests: 0, duplicates: 0 })).toBe('Imported 100,000 runs');
  });
});
