/**
 * Double-quoted strings inside tokens (`"label"`): a backslash escapes the next character, so
 * a label may contain `"` (written `\"`). A `]` needs no escape: the scanner skips quoted
 * text when it looks for the bracket that closes a token.
 */
export interface QuotedRead {
  value: string;
  /** Offset just past the closing quote. */
  end: number;
}

/** Reads a quoted string starting at `at` (which must hold `"`); undefined when unterminated. */
export function readQuoted(s: string, at: number, limit = s.length): QuotedRead | undefined {
  if (s[at] !== '"') return undefined;
  let value = '';
  for (let i = at + 1; i < limit; i++) {
    const ch = s[i];
    if (ch === '\\' && i + 1 < limit) {
      value += s[i + 1];
      i++;
    } else if (ch === '"') {
      return { value, end: i + 1 };
    } else {
      value += ch;
    }
  }
  return undefined;
}

/** The inverse of readQuoted. */
export function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => '\\' + c)}"`;
}
