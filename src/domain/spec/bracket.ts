/** Bodies of `[Evidence: ...]` and `[Nudge: ...]` (the text between the colon and `]`). */
import type { BodyResult, EvidenceToken, NudgeToken } from './types';
import { readQuoted } from './quoted';

/** Run ids as the app makes them (`r_...`) plus the usual characters of imported ids. */
export const EVIDENCE_ID = /^[A-Za-z0-9][A-Za-z0-9_.:/-]*$/;

export function parseEvidenceBody(body: string): BodyResult<EvidenceToken> {
  const id = body.trim();
  if (!id) return { ok: false, reason: 'missing evidence id, like [Evidence: r_123]' };
  if (/\s/.test(id)) return { ok: false, reason: `an evidence id has no spaces (got "${id}")` };
  if (!EVIDENCE_ID.test(id)) return { ok: false, reason: `"${id}" is not an evidence id (letters, digits, _ . : / -)` };
  return { ok: true, value: { kind: 'evidence', id } };
}

const ARROW = /^\s*(->|→)\s*/;
// U+2212 is the minus sign typographic tools substitute for "-".
const EFFECT = /^([+\-\u2212]?)(\d+(?:\.\d+)?|\.\d+)\s*(%|pp)\s*$/;

export function parseNudgeBody(body: string): BodyResult<NudgeToken> {
  const start = body.search(/\S/);
  if (start === -1 || body[start] !== '"') return { ok: false, reason: 'the nudge label must be in double quotes, like [Nudge: "add tests" -> +15%]' };
  const q = readQuoted(body, start);
  if (!q) return { ok: false, reason: 'unterminated quote in the nudge label' };
  const label = q.value.trim();
  if (!label) return { ok: false, reason: 'empty nudge label' };
  const rest = body.slice(q.end);
  const arrow = ARROW.exec(rest);
  if (!arrow) return { ok: false, reason: 'expected "->" after the nudge label' };
  const effect = rest.slice(arrow[0].length);
  const m = EFFECT.exec(effect);
  if (!m?.[2]) return { ok: false, reason: `"${effect.trim()}" is not an effect in percentage points, like +15% or -7.5%` };
  const magnitude = Number(m[2]);
  if (magnitude > 100) return { ok: false, reason: `an effect of ${m[2]}% is beyond 100 percentage points` };
  const pp = m[1] === '' || m[1] === '+' ? magnitude : -magnitude;
  return { ok: true, value: { kind: 'nudge', label, pp: pp === 0 ? 0 : pp } };
}
