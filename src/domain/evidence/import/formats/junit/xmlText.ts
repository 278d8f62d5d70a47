import { ValidationError } from '../../../../errors';
import { clip } from '../../values';

/**
 * Refuses text that does not start with "<": it is not XML at all. Says so at the line of its
 * first character and quotes its start (gathered across chunks, so the message is the same
 * however the file is cut), rather than wherever the XML parser gives up on it.
 */
export class XmlStart {
  started = false;
  private leadingLines = 1;
  private notXml: string | undefined;
  private pendingCR = false;

  constructor(private readonly file: string) {}

  private refuse(): never {
    const start = clip((this.notXml ?? '').split(/\r?\n|\r/)[0] ?? '', 20);
    throw new ValidationError('xml', `is not XML: it starts with "${start}" where "<" was expected`, { file: this.file, line: this.leadingLines });
  }

  /** Line ends as XML counts them (LF, CRLF, CR), a CRLF split across chunks counted once. */
  private countLines(ws: string): void {
    let i = this.pendingCR && ws.charCodeAt(0) === 10 ? 1 : 0;
    this.pendingCR = false;
    for (; i < ws.length; i++) {
      const c = ws.charCodeAt(i);
      if (c === 10) this.leadingLines++;
      else if (c === 13) {
        this.leadingLines++;
        if (i + 1 === ws.length) this.pendingCR = true;
        else if (ws.charCodeAt(i + 1) === 10) i++;
      }
    }
  }

  check(text: string): void {
    if (this.started) return;
    if (this.notXml !== undefined) {
      this.notXml += text.slice(0, 40);
      if (this.notXml.length >= 40) this.refuse();
      return;
    }
    const at = text.search(/[^\s\uFEFF]/);
    this.countLines(at === -1 ? text : text.slice(0, at));
    if (at === -1) return;
    if (text[at] === '<') this.started = true;
    else {
      this.notXml = text.slice(at, at + 40);
      if (this.notXml.length >= 40) this.refuse();
    }
  }

  end(): void {
    if (this.notXml !== undefined) this.refuse();
  }
}
