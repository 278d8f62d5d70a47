/**
 * Tokens that are not bracketed: `citing: "a", "b"`, `95% pass (n=100)` and AGENTESE paths.
 * Each matcher looks at one offset and returns a token or nothing; it never reads past the
 * end of the line, because no token spans lines.
 */
import type { CitingToken, MalformedToken, PassRateToken, PathToken, Token, TokenKind } from './types';
import { readQuoted } from './quoted';
import { percentToFraction } from './numbers';
import { CONTEXTS, isKnownPath } from '../agentese/paths';

function malformed(text: string, from: number, to: number, intended: TokenKind, reason: string): MalformedToken {
  return { kind: 'malformed', from, to, raw: text.slice(from, to), intended, reason };
}

function trimEnd(text: string, from: number, to: number): number {
  while (to > from && /\s/.test(text[to - 1] ?? '')) to--;
  return to;
}

const CITING = /citing[ \t]*:/y;

/**
 * Lower-case `citing:` only: "Citing:" at the start of a sentence is far more often prose.
 * After the colon come quoted principles separated by commas.
 */
export function matchCiting(text: string, at: number, lineEnd: number): Token | undefined {
  CITING.lastIndex = at;
  if (!CITING.exec(text)) return undefined;
  let i = CITING.lastIndex;
  const principles: string[] = [];
  let end = i;
  for (;;) {
    while (i < lineEnd && (text[i] === ' ' || text[i] === '\t')) i++;
    if (text[i] !== '"') break;
    const q = readQuoted(text, i, lineEnd);
    if (!q) return malformed(text, at, trimEnd(text, at, lineEnd), 'citing', 'unterminated quote in a cited principle');
    const principle = q.value.trim();
    if (!principle) return malformed(text, at, q.end, 'citing', 'empty principle ""');
    principles.push(principle);
    end = q.end;
    let j = end;
    while (j < lineEnd && (text[j] === ' ' || text[j] === '\t')) j++;
    if (text[j] !== ',') break;
    i = j + 1;
  }
  if (principles.length === 0)
    return malformed(text, at, CITING.lastIndex, 'citing', 'cite principles in double quotes, like citing: "depth over breadth"');
  const token: CitingToken = { kind: 'citing', from: at, to: end, raw: text.slice(at, end), principles };
  return token;
}

const PASS = /(\d+(?:\.\d+)?)%[ \t]+pass[ \t]*\(/y;

/** `95% pass (n=100)`; "95% pass (as expected)" is prose, but "(n=lots)" is a broken token. */
export function matchPassRate(text: string, at: number, lineEnd: number): Token | undefined {
  PASS.lastIndex = at;
  const m = PASS.exec(text);
  if (!m?.[1] || PASS.lastIndex > lineEnd) return undefined;
  const open = PASS.lastIndex;
  // "(n = 12345)" is short; looking no further keeps long lines linear.
  const found = text.slice(open, Math.min(lineEnd, open + 40)).indexOf(')');
  if (found === -1) return undefined;
  const close = open + found;
  const inner = text.slice(open, close);
  if (!/^\s*n\s*=/.test(inner)) return undefined;
  const to = close + 1;
  const n = /^\s*n\s*=\s*(\d+)\s*$/.exec(inner)?.[1];
  if (n === undefined) return malformed(text, at, to, 'passRate', `"${inner.trim()}" is not a run count, like (n=100)`);
  const pct = Number(m[1]);
  if (pct > 100) return malformed(text, at, to, 'passRate', `a pass rate of ${m[1]}% is above 100%`);
  if (Number(n) < 1) return malformed(text, at, to, 'passRate', 'a pass rate needs at least one run (n >= 1)');
  const token: PassRateToken = { kind: 'passRate', from: at, to, raw: text.slice(at, to), rate: percentToFraction(m[1]), n: Number(n) };
  return token;
}

const PATH = new RegExp(`(?:${CONTEXTS.join('|')})(?:\\.[A-Za-z0-9_-]+)+`, 'y');

/** A dotted path whose first segment is an AGENTESE context (self, world, concept, void, time). */
export function matchPath(text: string, at: number): PathToken | undefined {
  PATH.lastIndex = at;
  const m = PATH.exec(text);
  if (!m) return undefined;
  const path = m[0];
  return { kind: 'path', from: at, to: at + path.length, raw: path, path, known: isKnownPath(path) };
}
