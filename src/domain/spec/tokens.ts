/**
 * The token grammar of spec documents, read straight from the Markdown text with exact
 * offsets. One left-to-right pass, so tokens come out sorted and never overlap; what the
 * Markdown tree shows verbatim (code blocks, inline code, raw HTML: markdown.ts) and
 * backslash-escaped characters are skipped. Never throws: a document being typed is malformed
 * most of the time, and the UI must still render it.
 *
 *   [Evidence: r_123]                  evidence       (bracket keywords ignore case)
 *   [Nudge: "label" -> +15%]           nudge          ("→" works too; effect in points)
 *   [Bet: 4h @ 75% -> 3.5h hit #b_1]   bet            (see bet.ts)
 *   citing: "a", "b"                   citing         (lower-case keyword only)
 *   95% pass (n=100)                   passRate
 *   self.work.bet.place                path           (first segment: an AGENTESE context)
 *
 * A bracket token must close on its own line; `[Bet: 4h` with no `]` yet is plain text, so
 * half-typed tokens do not flash warnings. Once closed, a body that does not parse is a
 * `malformed` token carrying the reason.
 */
import type { Token, TokenKind, WellFormedToken } from './types';
import { markdownTree } from './markdown';
import { parseEvidenceBody, parseNudgeBody } from './bracket';
import { parseBetBody } from './bet';
import { matchCiting, matchPassRate, matchPath } from './inline';

export type * from './types';

const BRACKET = /\[[ \t]*(evidence|nudge|bet)[ \t]*:/iy;

/**
 * Longer than this, a bracket is prose, not a token. The bound also keeps a line full of
 * unclosed "[Bet:" from costing quadratic time.
 */
const MAX_BRACKET_TOKEN = 500;

const BODY_PARSERS = {
  evidence: parseEvidenceBody,
  nudge: parseNudgeBody,
  bet: parseBetBody,
} as const;

/** Offset of the `]` closing a bracket token, skipping quoted text; -1 when none on the line. */
function closingBracket(text: string, from: number, lineEnd: number): { at: number; quoteBroken: boolean } {
  let inQuote = false;
  for (let i = from; i < lineEnd; i++) {
    const ch = text[i];
    if (inQuote && ch === '\\') i++;
    else if (ch === '"') inQuote = !inQuote;
    else if (ch === ']' && !inQuote) return { at: i, quoteBroken: false };
  }
  // An unterminated quote swallowed the bracket: close at the first `]` and say why it broke.
  const plain = text.slice(from, lineEnd).indexOf(']');
  return plain !== -1 ? { at: from + plain, quoteBroken: true } : { at: -1, quoteBroken: false };
}

function matchBracket(text: string, at: number, lineEnd: number): Token | undefined {
  BRACKET.lastIndex = at;
  const m = BRACKET.exec(text);
  if (!m?.[1] || BRACKET.lastIndex > lineEnd) return undefined;
  const kind = m[1].toLowerCase() as keyof typeof BODY_PARSERS;
  const bodyFrom = BRACKET.lastIndex;
  const close = closingBracket(text, bodyFrom, Math.min(lineEnd, at + MAX_BRACKET_TOKEN));
  if (close.at === -1) return undefined;
  const to = close.at + 1;
  const raw = text.slice(at, to);
  if (close.quoteBroken) return { kind: 'malformed', from: at, to, raw, intended: kind, reason: 'unterminated quote' };
  const parsed = BODY_PARSERS[kind](text.slice(bodyFrom, close.at));
  if (!parsed.ok) return { kind: 'malformed', from: at, to, raw, intended: kind, reason: parsed.reason };
  return { ...parsed.value, from: at, to, raw } as WellFormedToken;
}

const WORDISH = /[A-Za-z0-9_]/;
// Characters that, just before a context name, show it is part of something else (a URL,
// an e-mail address, a file name, a longer identifier).
const PATH_GLUE = /[A-Za-z0-9_./@\\:-]/;

function matchAt(text: string, i: number, lineEnd: number): Token | undefined {
  const ch = text[i] ?? '';
  const prev = i > 0 ? (text[i - 1] ?? '') : '';
  if (ch === '[') return matchBracket(text, i, lineEnd);
  if (ch === 'c' && !WORDISH.test(prev)) {
    const citing = matchCiting(text, i, lineEnd);
    if (citing) return citing;
  }
  if (/[0-9]/.test(ch) && !WORDISH.test(prev) && prev !== '.') return matchPassRate(text, i, lineEnd);
  if (/[swcvt]/.test(ch) && !PATH_GLUE.test(prev)) return matchPath(text, i);
  return undefined;
}

/** Every token of a document, sorted by offset, non-overlapping, outside code and raw HTML. */
export function parseTokens(text: string): Token[] {
  const { lines, literal } = markdownTree(text);
  const tokens: Token[] = [];
  let s = 0; // next literal range that may lie ahead
  let i = 0;
  for (const line of lines) {
    i = Math.max(i, line.from);
    while (i < line.to) {
      while (s < literal.length && literal[s]!.to <= i) s++;
      const code = literal[s];
      if (code && code.from <= i) {
        i = code.to;
        continue;
      }
      if (text[i] === '\\') {
        i += 2;
        continue;
      }
      const token = matchAt(text, i, line.to);
      // A token may not run into code: code binds tighter than token syntax.
      if (token && !(code && code.from < token.to)) {
        tokens.push(token);
        i = token.to;
      } else {
        i++;
      }
    }
  }
  return tokens;
}

/** Tokens of one kind, well-formed only; a convenience for callers that want, say, bets. */
export function tokensOfKind<K extends TokenKind>(tokens: readonly Token[], kind: K): Extract<Token, { kind: K }>[] {
  return tokens.filter((t): t is Extract<Token, { kind: K }> => t.kind === kind);
}
