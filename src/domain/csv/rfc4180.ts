import { ValidationError } from '../errors';

/** One record longer than this is refused rather than buffered (an unclosed quote in a huge file). */
export const MAX_RECORD_CHARS = 16 * 1024 * 1024;

export type RecordHandler = (fields: string[], line: number) => void;

const enum S {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

/**
 * The app's one CSV reader (bets and evidence): RFC 4180 records from streamed text: comma-separated, a field with a comma, quote or line
 * break is quoted with its quotes doubled; LF, CRLF or CR end a record; a leading byte-order mark is
 * skipped. Strict about quotes,
 * because a stray one usually means a damaged or truncated file and guessing would silently
 * shift every later column. Each record reports the line it starts on; blank lines are skipped.
 */
export class CsvTokenizer {
  private fields: string[] = [];
  private field = '';
  private state = S.FieldStart;
  private line = 1;
  private recordLine = 1;
  private recordChars = 0;
  /** Where the current record began in the chunk being read, or -1 if in an earlier chunk. */
  private recordStart = -1;
  private afterCR = false;
  private quotedAny = false;
  private atStart = true;

  constructor(
    private readonly file: string | undefined,
    private readonly onRecord: RecordHandler,
  ) {}

  private fail(message: string, line = this.line): never {
    throw new ValidationError('csv', message, { file: this.file, line });
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.state = S.FieldStart;
  }

  private endRecord(): void {
    this.endField();
    const blank = this.fields.length === 1 && this.fields[0] === '' && !this.quotedAny;
    if (!blank) this.onRecord(this.fields, this.recordLine);
    this.fields = [];
    this.quotedAny = false;
    this.recordLine = this.line;
  }

  push(text: string): void {
    let i = 0;
    if (this.atStart && text.length > 0) {
      this.atStart = false;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    if (this.afterCR && text.charCodeAt(0) === 10) i = 1; // the LF of a CRLF split across chunks
    this.afterCR = false;
    this.recordStart = -1;
    const n = text.length;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (this.state === S.Quoted) {
        const q = text.indexOf('"', i);
        const stop = q === -1 ? n : q;
        const piece = text.slice(i, stop);
        this.field += piece;
        this.line += countNewlines(piece);
        if (q === -1) break;
        this.state = S.QuoteInQuoted;
        i = q + 1;
        continue;
      }
      if (c === 44 /* , */) {
        this.endField();
        i++;
        continue;
      }
      if (c === 10 || c === 13) {
        this.line++;
        this.endRecord();
        if (c === 13) {
          if (i + 1 === n) this.afterCR = true;
          else if (text.charCodeAt(i + 1) === 10) i++;
        }
        i++;
        this.recordStart = i;
        continue;
      }
      if (this.state === S.QuoteInQuoted) {
        if (c === 34) {
          this.field += '"';
          this.state = S.Quoted;
          i++;
          continue;
        }
        this.fail('a quoted field must end at a comma or the end of the line (is a quote missing its double?)');
      }
      if (c === 34 /* " */) {
        if (this.state === S.Unquoted) this.fail('a quote inside an unquoted field (quote the whole field and double the quote)');
        this.state = S.Quoted;
        this.quotedAny = true;
        i++;
        continue;
      }
      // Unquoted text: take it up to the next comma, quote or line end in one slice.
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 44 || d === 10 || d === 13 || d === 34) break;
        j++;
      }
      this.field += text.slice(i, j);
      this.state = S.Unquoted;
      i = j;
    }
    this.recordChars = this.recordStart === -1 ? this.recordChars + n : n - this.recordStart;
    if (this.recordChars > MAX_RECORD_CHARS) {
      this.fail(`a record is longer than ${MAX_RECORD_CHARS / 1024 / 1024} MB (an unclosed quote?)`, this.recordLine);
    }
  }

  /** The end of the file: a still-open quote means the file was cut off. */
  end(): void {
    if (this.state === S.Quoted) {
      this.fail('a quoted field is never closed: the file looks truncated', this.recordLine);
    }
    if (this.state !== S.FieldStart || this.fields.length > 0) this.endRecord();
  }
}

/** Line breaks inside a quoted field, for the line numbers of later records (LF and CRLF). */
function countNewlines(s: string): number {
  let k = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) k++;
  return k;
}

export interface CsvRecord {
  /** 1-based line on which the record starts, for error messages. */
  line: number;
  fields: string[];
}

/** A whole text's records in order (blank lines skipped); throws a ValidationError naming the line. */
export function readCsv(text: string, where: { file?: string } = {}): CsvRecord[] {
  const records: CsvRecord[] = [];
  const tokens = new CsvTokenizer(where.file, (fields, line) => records.push({ line, fields }));
  tokens.push(text);
  tokens.end();
  return records;
}

export function quoteCsvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Records joined by CRLF, each field quoted when it holds a comma, a quote or a line break. */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(quoteCsvField).join(',') + '\r\n').join('');
}
