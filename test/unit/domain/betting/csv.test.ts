import { describe, expect, it } from 'vitest';
import {
  BetImportError,
  betsToCsv,
  betsToJson,
  dedupeById,
  joinList,
  parseBetsCsv,
  parseBetsJson,
  splitList,
} from '../../../../src/domain/betting/csv';
import type { Bet } from '../../../../src/domain/betting/bet';
import { readCsv, writeCsv } from '../../../../src/domain/csv/rfc4180';
import { ValidationError } from '../../../../src/domain/errors';

const t0 = Date.UTC(2024, 4, 1, 9, 30);
const bets: Bet[] = [
  {
    id: 'bet_1',
    task: 'Parse "quoted", comma\nand a second line',
    specId: 'spec_9',
    taskAnchor: 'task-3',
    estimatedHours: 3.3333333333333335,
    confidence: 0.123456789,
    stake: 12.5,
    principles: ['Test first', 'a;b', 'back\\slash'],
    context: ['solo'],
    placedAt: t0,
    quantiles: [
      { hours: 2, p: 0.5 },
      { hours: 3.3333333333333335, p: 0.85 },
    ],
    actualHours: 4.25,
    completed: true,
    resolvedAt: t0 + 86_400_123,
  },
  { id: 'bet_2', task: 'Open one', estimatedHours: 1, confidence: 0.8, stake: 1, principles: [], context: [], placedAt: t0 + 1 },
  {
    id: 'bet_3',
    task: 'Given up',
    estimatedHours: 2,
    confidence: 0.6,
    stake: 3,
    principles: [],
    context: [],
    placedAt: t0 + 2,
    actualHours: 0,
    completed: false,
    resolvedAt: t0 + 3,
  },
];

/** The problems of the BetImportError that `fn` throws, as "line:field". */
function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof BetImportError) return e.problems.map((p) => `${p.line ?? '-'}:${p.field}`);
    throw e;
  }
  throw new Error('expected a BetImportError');
}

describe('RFC 4180', () => {
  it('quotes fields with commas, quotes and line breaks, with CRLF between records', () => {
    expect(writeCsv([['a,b', 'say "hi"', 'x'], ['1', 'two\nlines', '']])).toBe('"a,b","say ""hi""",x\r\n1,"two\nlines",\r\n');
  });
  it('reads back what it writes, with the line each record starts on', () => {
    const recs = readCsv('\uFEFFa,"b\nc",d\r\n\r\n"",2,3\n');
    expect(recs).toEqual([
      { line: 1, fields: ['a', 'b\nc', 'd'] },
      { line: 4, fields: ['', '2', '3'] },
    ]);
  });
  it('refuses stray and unclosed quotes, naming the line', () => {
    expect(() => readCsv('a,b\nc,d"e\n')).toThrow('line 2: csv: a quote inside an unquoted field');
    expect(() => readCsv('a\n"open\n\n')).toThrow(/line 2: csv: a quoted field is never closed/);
    expect(() => readCsv('"a"b\n')).toThrow(/a quoted field must end at a comma or the end of the line/);
  });
});

describe('bet lists in a cell', () => {
  it('escapes the separator and the escape', () => {
    expect(joinList(['a;b', 'c\\d', 'e'])).toBe('a\\;b;c\\\\d;e');
    expect(splitList(joinList(['a;b', 'c\\d', 'e']))).toEqual(['a;b', 'c\\d', 'e']);
    expect(splitList('')).toEqual([]);
  });
});

describe('CSV export and import', () => {
  it('round-trips bets exactly', () => {
    const csv = betsToCsv(bets);
    expect(csv.split('\r\n')[0]).toBe(
      'id,task,specId,taskAnchor,estimatedHours,confidence,stake,principles,context,placedAt,quantiles,actualHours,completed,resolvedAt',
    );
    expect(csv).toContain('2024-05-01T09:30:00.000Z');
    expect(parseBetsCsv(csv)).toEqual(bets);
  });
  it('accepts columns in any order, epoch-ms times and yes/no', () => {
    const csv = `task,id,stake,confidence,estimatedHours,placedAt,actualHours,completed,resolvedAt\nShort,b9,5,0.7,2,${t0},1.5,yes,${t0 + 5}\n`;
    expect(parseBetsCsv(csv)).toEqual([
      { id: 'b9', task: 'Short', estimatedHours: 2, confidence: 0.7, stake: 5, principles: [], context: [], placedAt: t0, actualHours: 1.5, completed: true, resolvedAt: t0 + 5 },
    ]);
  });
  it('names the line and field of every bad row', () => {
    const head = 'id,task,estimatedHours,confidence,stake,placedAt,actualHours,completed,resolvedAt';
    const csv = [
      head,
      `ok,"two\nlines",1,0.5,1,${t0},,,`,
      `x1,Bad confidence,1,75,1,${t0},,,`,
      `x2,,0,0.5,1,2024-05-01T09:30,,,`,
      `x3,Half resolved,1,0.5,1,${t0},2,,`,
      `ok,Duplicate,1,0.5,1,${t0},,,`,
      'x4,Short row',
    ].join('\n');
    expect(problemsOf(() => parseBetsCsv(csv))).toEqual([
      '4:confidence',
      '5:task',
      '5:estimatedHours',
      '5:placedAt',
      '6:resolvedAt',
      '7:id',
      '8:row',
    ]);
  });
  it('says which file and line in the message', () => {
    const csv = `id,task,estimatedHours,confidence,stake,placedAt\na,T,1,abc,1,${t0}\n`;
    expect(() => parseBetsCsv(csv, { file: 'bets.csv' })).toThrow('bets.csv, line 2: confidence: must be a probability strictly between 0 and 1 (got "abc")');
  });
  it('checks the header: unknown and missing columns', () => {
    expect(problemsOf(() => parseBetsCsv('id,task,hours\n'))).toEqual(['1:header', '1:header', '1:header', '1:header', '1:header']);
    expect(() => parseBetsCsv('')).toThrow(BetImportError);
  });
  it('checks range-bet quantiles', () => {
    const csv = `id,task,estimatedHours,confidence,stake,placedAt,quantiles\na,T,4,0.5,1,${t0},6h @ 0.5; 4h @ 0.8\n`;
    expect(problemsOf(() => parseBetsCsv(csv))).toEqual(['2:quantiles']);
  });
});

describe('JSON export and import', () => {
  it('round-trips bets exactly, and reads a bare array', () => {
    expect(parseBetsJson(betsToJson(bets))).toEqual(bets);
    expect(parseBetsJson(JSON.stringify(bets))).toEqual(bets);
  });
  it('names the bet and field of every problem', () => {
    const second = { ...bets[1], stake: -1 };
    const third = { ...bets[1], id: 'bet_x', principles: 'a' };
    expect(problemsOf(() => parseBetsJson(JSON.stringify([bets[0], second, third, 7])))).toEqual([
      '-:bets[1].stake',
      '-:bets[2].principles',
      '-:bets[3]',
    ]);
    expect(problemsOf(() => parseBetsJson('{oops'))).toEqual(['-:json']);
  });
  it('reports problems as ValidationErrors', () => {
    try {
      parseBetsJson(JSON.stringify([{ ...bets[1], confidence: 1 }]));
      expect.unreachable();
    } catch (e) {
      expect((e as BetImportError).name).toBe('BetImportError');
      expect((e as BetImportError).problems[0]).toBeInstanceOf(ValidationError);
    }
  });
});

describe('dedupeById', () => {
  it('skips ids already known or repeated within the import', () => {
    const [a, b, c] = bets;
    if (!a || !b || !c) throw new Error('fixture');
    const { added, skipped } = dedupeById([a], [a, b, c, { ...b, task: 'again' }]);
    expect(added.map((x) => x.id)).toEqual(['bet_2', 'bet_3']);
    expect(skipped.map((x) => x.id)).toEqual(['bet_1', 'bet_2']);
  });
});
