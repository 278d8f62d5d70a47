/**
 * CSV as RFC 4180 defines it: comma-separated, CRLF between records, a field that holds a
 * comma, a quote or a line break is quoted and its quotes doubled. Reading is strict about
 * quotes (a stray one usually means a damaged file) but accepts LF or CR line ends and a
 * leading byte-order mark, as spreadsheets write them.
 */
import { ValidationError } from '../errors';

export interface CsvRecord {
  /** 1-based line on which the record starts, for error messages. */
  line: number;
  fields: string[];
}

export function quoteCsvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function writeCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(quoteCsvField).join(',') + '\r\n').join('');
}

/** Records in order; blank lines are skipped. Throws a ValidationError naming the line. */
export function readCsv(text: string, where: { file?: string } = {}): CsvRecord[] {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const fail = (message: string, at: number): never => {
    throw new ValidationError('csv', message, { ...where, line: at });
  };
  const endRecord = (): void => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  while (i < src.length) {
    const ch = src[i];
    if (ch === '"' && field === '') {
      const start = line;
      i++;
      for (;;) {
        if (i >= src.length) fail('a quoted field is never closed', start);
        const c = src[i];
        if (c === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n' || (c === '\r' && src[i + 1] !== '\n')) line++;
        field += c;
        i++;
      }
      const next = src[i];
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
        fail('text after a closing quote: a quote inside a field must be doubled ("")', line);
      }
      continue;
    }
    if (ch === '"') fail('a quote in the middle of an unquoted field: quote the whole field', line);
    if (ch === ',') {
      fields.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}
