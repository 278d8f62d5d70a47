import { clip } from '../../values';

/**
 * The text most recently handed to the XML parser, with its absolute offset, so an error can
 * quote what it is about (saxes says only "disallowed character" and where).
 */
export class XmlWindow {
  private text = '';
  /** Absolute offset (UTF-16 units) of the end of `text`. */
  private end = 0;

  next(piece: string): void {
    this.text = this.text.slice(-256) + piece;
    this.end += piece.length;
  }

  /** Up to 40 characters ending at absolute offset `at`. */
  before(at: number): string {
    const stop = this.text.length - (this.end - at);
    return stop < 0 ? '' : this.text.slice(Math.max(0, stop - 40), stop);
  }
}

const NAMES: Record<number, string> = { 0: 'NUL', 7: 'BEL', 8: 'BS', 11: 'VT', 12: 'FF', 27: 'ESC', 127: 'DEL' };

function describeChar(code: number): string {
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return NAMES[code] ? `${hex} (${NAMES[code]})` : hex;
}

/**
 * saxes' error message in words a person can act on, naming the character, reference or
 * entity it is about and its column (the ValidationError adds file and line):
 * - a raw control character (a terminal colour code written as is: ESC [31m),
 * - a character reference to one (&#x1B;), which XML 1.0 forbids as well,
 * - an entity defined in the file's DTD: the file is well-formed, but the app never expands
 *   DTD entities (a safety rule against entity bombs), so it cannot read it as written.
 */
export function explainXmlError(message: string, window: XmlWindow, position: number, column: number, dtdEntities: boolean): string {
  const why = message.replace(/^(?:[^:]*:)?\d+:\d+: /, '').replace(/\.$/, '');
  const before = window.before(position);
  if (why === 'disallowed character') {
    const code = before.codePointAt(before.length - 1) ?? 0;
    const colour = code === 27 ? ' (a terminal colour code written into the report as it is?)' : '';
    return `contains the character ${describeChar(code)} at column ${column}, which XML does not allow${colour}`;
  }
  if (why === 'malformed character entity') {
    const ref = /&#[^;&<]*;?$/.exec(before)?.[0] ?? '';
    const num = /^&#(x?)([0-9a-f]+);$/i.exec(ref);
    const code = num ? parseInt(num[2]!, num[1] ? 16 : 10) : undefined;
    const what = code !== undefined && Number.isFinite(code) && code <= 0x10ffff ? ` (${describeChar(code)})` : '';
    return `contains the character reference "${clip(ref, 16)}"${what} at column ${startColumn(column, ref)}, which XML does not allow`;
  }
  if (why === 'undefined entity') {
    const entity = /&[^;&<\s]*;?$/.exec(before)?.[0] ?? '';
    if (dtdEntities) {
      return `uses the entity "${clip(entity, 30)}" at column ${startColumn(column, entity)}, declared in the file's DTD; the app does not expand DTD entities (a safety rule), so it cannot read this report as written (replace the entity with its text)`;
    }
    return `uses the entity "${clip(entity, 30)}" at column ${startColumn(column, entity)}, which XML does not define (only &amp; &lt; &gt; &quot; &apos; exist; was a "&" meant to be written "&amp;"?)`;
  }
  return `is not well-formed XML: ${clip(why, 160)}`;
}

/** saxes gives the column of a reference's last character; a person looks for its first. */
function startColumn(column: number, ref: string): number {
  return Math.max(1, column - [...ref].length + 1);
}
