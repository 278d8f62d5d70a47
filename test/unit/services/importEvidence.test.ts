import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import fc from 'fast-check';
import { useDatabase, type MetacompilerDb } from '../../../src/store/db';
import { describeImport, ImportCancelledError, importEvidence, FileTooLargeError, type FileImportOptions, type ImportProgress } from '../../../src/services/importEvidence';
import { DomainError, ValidationError } from '../../../src/domain/errors';
import { WRITE_BATCH } from '../../../src/store/evidenceImport';
import { bytesSource, fixture } from '../domain/evidence/import/helpers';
import { parseSource } from '../../../src/domain/evidence/import/pipeline';
import { hostileInput, NUM_RUNS, SEED } from '../domain/evidence/import/hostile';

let name = '';
let db: MetacompilerDb;
beforeEach(() => {
  name = `import-${Math.random().toString(36).slice(2)}`;
  db = useDatabase(name);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(name);
});

const file = (fileName: string, bytes: Uint8Array | string, lastModified = 1_700_000_000_000) =>
  new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], fileName, { lastModified });
const junit: FileImportOptions = { format: 'junit', nudges: [] };
const jsonl: FileImportOptions = { format: 'jsonl', nudges: [] };
const runLines = (n: number) => Array.from({ length: n }, (_, i) => JSON.stringify({ id: `r${i}`, specHash: 'name:s', passed: i % 3 > 0, at: i, nudges: [`n${i % 7}`] })).join('\n');

describe('importing evidence files', () => {
  it('writes every run of a pytest report with its nudges, then finds them all duplicates the second time', async () => {
    const report = file('pytest-junit.xml', fixture('pytest-junit.xml'));
    const first = await importEvidence([{ file: report, options: { ...junit, nudges: ['Pair programming'] } }]);
    expect(describeImport(first)).toBe('Imported 9 runs (3 skipped tests)');
    expect(first.files).toEqual([{ name: 'pytest-junit.xml', format: 'junit', added: 9, duplicates: 0, skippedTests: 3, notes: [] }]);
    expect(await db.runs.count()).toBe(9);
    expect((await db.nudges.toArray()).map((n) => n.label).sort()).toEqual(['Add type hints', 'Pair programming', 'Use global state', 'Write tests first']);

    const again = await importEvidence([{ file: report, options: { ...junit, nudges: ['Pair programming'] } }]);
    expect(describeImport(again)).toBe('Imported 0 runs (3 skipped tests, 9 duplicates)');
    expect(await db.runs.count()).toBe(9);
  });

  it('counts a run met twice in one import as a duplicate', async () => {
    const report = fixture('jest-junit.xml');
    const s = await importEvidence([
      { file: file('a.xml', report), options: junit },
      { file: file('a.xml', report), options: junit },
    ]);
    expect([s.added, s.duplicates, s.skippedTests]).toEqual([7, 7, 2]);
  });

  it('writes nothing at all when any file of the import is wrong, and keeps what was there', async () => {
    await importEvidence([{ file: file('old.jsonl', runLines(3)), options: jsonl }]);
    const err = await importEvidence([
      { file: file('good.xml', fixture('pytest-junit.xml')), options: junit },
      { file: file('pytest-truncated.xml', fixture('pytest-truncated.xml')), options: junit },
    ]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toMatch(/^pytest-truncated\.xml, line 20: xml: /);
    expect(await db.runs.count()).toBe(3);
    expect(await db.nudges.count()).toBe(3);
  });

  it('refuses a 2 GB file by its size, before reading it', async () => {
    const huge = Object.assign(Object.create(File.prototype) as File, {});
    Object.defineProperties(huge, {
      name: { value: 'huge.xml' },
      size: { value: 2 * 1024 ** 3 },
      lastModified: { value: 0 },
      stream: { value: () => { throw new Error('must not be read'); } },
    });
    const err = await importEvidence([{ file: huge, options: junit }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileTooLargeError);
    expect((err as Error).message).toBe('huge.xml is 2 GB; evidence files can be at most 512 MB. Split it into smaller files and import them one by one.');
    expect(await db.runs.count()).toBe(0);
  });

  it('Cancel while reading writes nothing', async () => {
    const controller = new AbortController();
    const big = file('big.jsonl', runLines(20_000));
    const err = await importEvidence([{ file: big, options: jsonl }], (p) => p.phase === 'reading' && controller.abort(), controller.signal).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportCancelledError);
    expect(await db.runs.count()).toBe(0);
  });

  it('Cancel while writing rolls the transaction back: nothing is written', async () => {
    const controller = new AbortController();
    const seen: ImportProgress[] = [];
    const err = await importEvidence(
      [{ file: file('big.jsonl', runLines(6 * WRITE_BATCH)), options: jsonl }],
      (p) => {
        seen.push(p);
        if (p.phase === 'writing' && p.done > 0) controller.abort();
      },
      controller.signal,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportCancelledError);
    // Batches had been written inside the transaction when Cancel came; none of them stays.
    const last = seen.filter((p) => p.phase === 'writing').at(-1)!;
    expect(last.done).toBeGreaterThan(0);
    expect(last.done).toBeLessThan(last.total);
    expect(await db.runs.count()).toBe(0);
    expect(await db.nudges.count()).toBe(0);
  }, 120_000);

  it('reports reading (bytes parsed, written as it goes) then writing progress up to the totals', async () => {
    const seen: ImportProgress[] = [];
    const f = file('many.jsonl', runLines(2 * WRITE_BATCH + 1));
    const s = await importEvidence([{ file: f, options: jsonl }], (p) => seen.push(p));
    expect(s.added).toBe(2 * WRITE_BATCH + 1);
    const reading = seen.filter((p) => p.phase === 'reading');
    const writing = seen.filter((p) => p.phase === 'writing');
    expect(seen.slice(0, reading.length)).toEqual(reading); // reading first, then writing
    expect(reading.map((p) => p.done)).toEqual([...reading.map((p) => p.done)].sort((a, b) => a - b));
    expect(reading.at(-1)?.done).toBe(f.size);
    expect(writing.every((p) => p.total === 2 * WRITE_BATCH + 1)).toBe(true);
    expect(writing.map((p) => p.done)).toEqual([...writing.map((p) => p.done)].sort((a, b) => a - b));
    expect(writing.at(-1)?.done).toBe(2 * WRITE_BATCH + 1);
  });

  it('counts runs already stored as duplicates, per file, without writing them again', async () => {
    const lines = runLines(WRITE_BATCH + 10);
    const first = await importEvidence([{ file: file('a.jsonl', lines), options: jsonl }]);
    expect(first.added).toBe(WRITE_BATCH + 10);
    const more = runLines(WRITE_BATCH + 20).split('\n').slice(WRITE_BATCH + 10).join('\n');
    const again = await importEvidence([
      { file: file('again.jsonl', lines), options: jsonl },
      { file: file('more.jsonl', more), options: jsonl },
    ]);
    expect(again.files.map((f) => [f.name, f.added, f.duplicates])).toEqual([
      ['again.jsonl', 0, WRITE_BATCH + 10],
      ['more.jsonl', 10, 0],
    ]);
    expect(await db.runs.count()).toBe(WRITE_BATCH + 20);
  });
});

describe('runs imported before ids were SHA-256', () => {
  it('keep their ids, and a re-import of the same file still finds them all as duplicates', async () => {
    const report = file('pytest-junit.xml', fixture('pytest-junit.xml'));
    const first = await importEvidence([{ file: report, options: junit }]);
    expect(first.added).toBe(9);
    // Turn the store into what an import before the change left: the same runs under their
    // cyrb128 ids (the ids this fixture was always given, see junit.test.ts).
    const old = [
      'junit_a6a4dda494f6a4ed87a5b1a11351bd23', 'junit_39950e25b0f7a9ccb7d6ddd2f496a286', 'junit_99dfa4109fdb01d6108b09866b782a4f',
      'junit_4eedf1b1496949eb8aa2f0ea199adf8c', 'junit_0491b914172190bbc8db92c51c92b7b3', 'junit_acedc227f62600d910514149be1291b5',
      'junit_843443a0305f2db5568e647ec7789549', 'junit_279c1df9e461c40ac0ae5b874f58f2d4', 'junit_58cba36aa5c121e8ba1566c9cf991c00',
    ];
    // The runs in file order (as parsed) get the old ids in the same order (junit.test.ts pairs them).
    const parsed = await parseSource(bytesSource('pytest-junit.xml', fixture('pytest-junit.xml'), 65536, report.lastModified), junit);
    await db.runs.clear();
    await db.runs.bulkAdd(parsed.runs.map((r, i) => ({ ...r, id: old[i]! })));
    const again = await importEvidence([{ file: report, options: junit }]);
    expect([again.added, again.duplicates]).toEqual([0, 9]);
    expect((await db.runs.toCollection().primaryKeys()).sort()).toEqual([...old].sort());
    // A run the old import never had is still added beside them.
    const other = await importEvidence([{ file: file('other.xml', fixture('pytest-junit.xml')), options: junit }]);
    expect(other.added).toBe(9);
  });
});

describe('hostile files never write partially', () => {
  it.each(['junit', 'jsonl', 'csv'] as const)(`%s: all of the file or none of it (${NUM_RUNS} cases, seed ${SEED})`, async (format) => {
    await fc.assert(
      fc.asyncProperty(hostileInput(format), async (bytes) => {
        const before = await db.runs.count();
        const options: FileImportOptions = { format, nudges: [], csv: { at: 0, spec: 1, passed: 2, nudges: 3, errors: 4 } };
        const outcome = await importEvidence([{ file: file('hostile.dat', bytes), options }]).then(
          (summary) => ({ summary }),
          (error: unknown) => ({ error }),
        );
        const after = await db.runs.count();
        if ('error' in outcome) {
          expect(outcome.error).toBeInstanceOf(DomainError);
          expect(after).toBe(before);
        } else {
          expect(after).toBe(before + outcome.summary.added);
        }
      }),
      { seed: SEED, numRuns: NUM_RUNS },
    );
  }, 600_000);
});
