import { ValidationError } from '../../../../errors';
import { RunCollector } from '../../collector';
import { guessCsvMapping, CSV_FIELDS } from './csvMapping';
import { CsvTokenizer } from '../../../../csv/rfc4180';
import { splitList } from '../../../../csv/lists';
import { importIds } from '../../hash';
import { epochNote, parseNumber, parseOutcome, parseTime } from '../../values';
import type { ChunkParser, CsvField, CsvMapping, FileFacts, FileImportOptions } from '../../types';

/**
 * CSV with a header row; the dialog maps columns to run fields (csvMapping.ts). A spec cell
 * names outside work, stored as specHash "name:<cell>" exactly as the record-a-run form does.
 * Without a time column every run gets the file's time; without an id column the id is a hash
 * of the file name, line and row, so re-importing the same file finds duplicates. Nudges in a
 * cell are separated by ";" ("\;" inside a name), the one list convention (csv/lists.ts).
 */
export function csvParser(facts: FileFacts, options: FileImportOptions): ChunkParser {
  const file = facts.name;
  const out = new RunCollector(file, 'csv', options.nudges);
  let headers: string[] | undefined;
  let mapping: CsvMapping = {};

  const checkMapping = (): void => {
    for (const { field, label, required } of CSV_FIELDS) {
      const col = mapping[field];
      if (col === undefined) {
        if (required) throw new ValidationError(field, `choose the column that holds the ${label.toLowerCase()}`, { file, line: 1 });
      } else if (!Number.isInteger(col) || col < 0 || col >= (headers?.length ?? 0)) {
        throw new ValidationError(field, `is mapped to column ${col + 1}, but the header has ${headers?.length ?? 0} columns`, { file, line: 1 });
      }
    }
  };

  const onRecord = (fields: string[], line: number): void => {
    if (!headers) {
      headers = fields.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim() || `column ${i + 1}`);
      mapping = options.csv ?? guessCsvMapping(headers);
      checkMapping();
      return;
    }
    const where = { file, line };
    if (fields.length !== headers.length) {
      throw new ValidationError('csv', `this row has ${fields.length} fields but the header has ${headers.length} (a cut-off or damaged line?)`, where);
    }
    const cols = headers;
    const cell = (f: CsvField): string | undefined => {
      const col = mapping[f];
      return col === undefined ? undefined : (fields[col] ?? '');
    };
    // Names the column when it is not called like the field: "outcome (passed)".
    const label = (f: CsvField): string => {
      const h = cols[mapping[f] ?? -1] ?? f;
      return h.toLowerCase() === f.toLowerCase() ? f : `${h} (${f})`;
    };
    const spec = (cell('spec') ?? '').trim();
    if (!spec) throw new ValidationError(label('spec'), 'is empty (name the spec or work this run was for)', where);
    const nudges = splitList(cell('nudges') ?? '').map((n, i) => out.label(n, `${label('nudges')}[${i + 1}]`, where));
    const at = cell('at');
    const id = cell('id')?.trim();
    const generated = id ? undefined : importIds('csv', [file, String(line), fields.join('\u0001')]);
    const model = cell('model')?.trim();
    const temperature = cell('temperature')?.trim();
    out.add(
      {
        id: id || generated!.id,
        specHash: `name:${spec}`,
        nudges,
        passed: parseOutcome(cell('passed') ?? '', label('passed'), where),
        errorMessages: (cell('errors') ?? '').split(/\r?\n/).map((m) => m.trim()).filter(Boolean),
        testFailures: [],
        typeErrors: [],
        model: model || undefined,
        temperature: temperature ? parseNumber(temperature, label('temperature'), where) : undefined,
        source: 'csv',
        at: at === undefined ? facts.lastModified : parseTime(at, label('at'), where, (read) => read.unit !== 'milliseconds' && out.note('at', epochNote(label('at'), at, read))),
      },
      where,
      generated?.legacyId,
    );
  };

  const tokens = new CsvTokenizer(file, onRecord);
  return {
    push: (text) => tokens.push(text),
    take: () => out.take(),
    takeLegacy: () => out.takeLegacy(),
    end() {
      tokens.end();
      if (!headers) throw new ValidationError('csv', 'the file is empty: it needs a header row and one row per run', { file, line: 1 });
      return out.result();
    },
    partial: () => out.result(),
    headers: () => headers,
  };
}
