/**
 * Lines of a document with their UTF-16 offsets, the unit every other spec module works in
 * (Y.Text and CodeMirror both index by UTF-16 code unit).
 */
export interface Line {
  /** 1-based, as CodeMirror numbers lines, so that messages and editors agree. */
  number: number;
  from: number;
  /** End of the line's content: before "\n", and before a "\r" that precedes it. */
  to: number;
  /** Offset where the next line starts (past the line break), or text.length on the last line. */
  next: number;
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let from = 0;
  let number = 1;
  for (;;) {
    const nl = text.indexOf('\n', from);
    const end = nl === -1 ? text.length : nl;
    const to = end > from && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    lines.push({ number, from, to, next: nl === -1 ? text.length : nl + 1 });
    if (nl === -1) return lines;
    from = nl + 1;
    number++;
  }
}

export function isBlank(s: string): boolean {
  return /^[ \t]*$/.test(s);
}

/** The line break a document already uses, so that inserted lines match it. */
export function lineBreakOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}
