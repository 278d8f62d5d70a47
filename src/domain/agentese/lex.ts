/**
 * The command bar's tokenizer: words separated by whitespace, shell-style quoting. Double
 * quotes allow `\"` and `\\`; single quotes are literal; outside quotes a backslash escapes
 * the next character. Every word keeps its span in the input so errors can be underlined.
 * Never throws: an unterminated quote is reported, and the open word is still returned
 * (completion needs it while the person is typing inside the quotes).
 */
export interface Word {
  /** The word with quotes and escapes removed. */
  value: string;
  /** Span of the word as typed, quotes included. */
  from: number;
  to: number;
  /** True when any part of it was quoted (then it is never a flag). */
  quoted: boolean;
  /** True when the input ended inside a quote. */
  open: boolean;
}

export interface LexResult {
  words: Word[];
  error?: { message: string; from: number; to: number };
}

const SPACE = /\s/;

export function lex(input: string): LexResult {
  const words: Word[] = [];
  let error: LexResult['error'];
  let i = 0;
  while (i < input.length) {
    if (SPACE.test(input[i] ?? '')) {
      i++;
      continue;
    }
    const from = i;
    let value = '';
    let quoted = false;
    let open = false;
    while (i < input.length && !SPACE.test(input[i] ?? '')) {
      const ch = input[i] ?? '';
      if (ch === '\\') {
        value += input[i + 1] ?? '\\';
        i += 2;
      } else if (ch === '"' || ch === "'") {
        quoted = true;
        const start = i;
        i++;
        let closed = false;
        while (i < input.length) {
          const c = input[i] ?? '';
          if (c === ch) {
            closed = true;
            i++;
            break;
          }
          if (ch === '"' && c === '\\' && (input[i + 1] === '"' || input[i + 1] === '\\')) {
            value += input[i + 1];
            i += 2;
          } else {
            value += c;
            i++;
          }
        }
        if (!closed) {
          open = true;
          error ??= { message: `unterminated ${ch === '"' ? 'double' : 'single'} quote`, from: start, to: input.length };
        }
      } else {
        value += ch;
        i++;
      }
    }
    words.push({ value, from, to: Math.min(i, input.length), quoted, open });
  }
  return error ? { words, error } : { words };
}
