import { ValidationError } from '../../errors';
import { MAX_RECORD_CHARS, describeBytes } from './errors';

export type LineHandler = (text: string, line: number, unterminated: boolean) => void;

/**
 * Splits streamed text into lines (LF or CRLF), numbering them from 1, however the chunks
 * fall. Only the unfinished tail is kept between chunks, so memory stays bounded by the
 * longest line, and that is capped so a file with no line breaks cannot exhaust it.
 */
export class LineSplitter {
  private rest = '';
  private line = 0;

  constructor(
    private readonly file: string,
    private readonly onLine: LineHandler,
  ) {}

  push(text: string): void {
    const buf = this.rest ? this.rest + text : text;
    let start = 0;
    for (let nl = buf.indexOf('\n'); nl !== -1; nl = buf.indexOf('\n', start)) {
      const end = nl > start && buf.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      this.onLine(buf.slice(start, end), ++this.line, false);
      start = nl + 1;
    }
    this.rest = buf.slice(start);
    if (this.rest.length > MAX_RECORD_CHARS) {
      throw new ValidationError('line', `is longer than ${describeBytes(MAX_RECORD_CHARS)} (is this a text file with one record per line?)`, {
        file: this.file,
        line: this.line + 1,
      });
    }
  }

  /** The last line, when the file does not end with a line break. */
  end(): void {
    if (this.rest) this.onLine(this.rest, ++this.line, true);
    this.rest = '';
  }
}
