import fc from 'fast-check';
import { FORMATS } from '../../../../../src/domain/evidence/import/formats/registry';
import type { ImportFormat } from '../../../../../src/domain/evidence/import/types';
import { fixture } from './helpers';
import { validFile } from './valid';

/** Issue 8: 500 cases per parser in the normal run, 10,000 with FULL=1; SEED=n replays a run. */
export const NUM_RUNS = process.env.FULL === '1' ? 10_000 : 500;
export const SEED = Number(process.env.SEED ?? 20_240_818);

/** Each format's real files, as its registry entry declares them. */
export const FIXTURE_FILES: Record<ImportFormat, readonly string[]> = Object.fromEntries(FORMATS.map((f) => [f.id, f.fixtures]));

/** Pieces that break each format in interesting ways when spliced in anywhere. */
const FRAGMENTS: Record<ImportFormat, string[] | undefined> = {
  junit: [
    '<', '>', '/>', '</testcase>', '<testcase name="x">', '<testcase>', '<testsuite timestamp="9999-99-99">', '</testsuite>',
    '<failure message="&amp;">', '<skipped/>', ']]>', '<![CDATA[', '&#0;', '&bogus;', '"', "'", '<!DOCTYPE x [<!ENTITY a "b">]>',
    '<property name="nudge" value=""/>', '<properties><property name="nudge" value="  X  "/></properties>', '<?xml version="1.0"?>',
    '\uFEFF', '\u0000', '🎯', '\r\n', 'x'.repeat(300),
  ],
  jsonl: [
    '{', '}', '"', '\n', '\r\n', 'null', '"passed":"abc"', '"passed":1', '1e400', '"at":-1', '"at":1e20', '"at":"2024-13-01"', '\\u0000',
    '[]', '"nudges":[""]', '"nudges":"x"', '"temperature":NaN', '"testFailures":[{}]', '"typeErrors":[{"line":0}]', '"id":""', ',', ':',
    '\uFEFF', '\uD800', '🎯', '__proto__', '{"__proto__":{"passed":true}}',
  ],
  csv: [',', '"', '""', '\n', '\r', '\r\n', 'abc', 'pass', 'fail', ';', ';;', '\\;', '\\', ' ', '\uFEFF', '9999-99-99', '1e400', '-1', '1700000000', 'x'.repeat(300), '🎯'],
  promptfoo: [
    '{', '}', '[', ']', '"', ',', ':', 'null', '"success":"yes"', '"success":false', '"failureReason":2', '"error":null', '"results":{}', '"results":[]',
    '"testCase":{"description":""}', '"metadata":{"nudges":[1]}', '"metadata":{"nudges":"x"}', '"prompt":{"label":"  "}', '"timestamp":"yesterday"', '\uFEFF', '🎯', '__proto__',
  ],
  tap: [
    'TAP version 13\n', 'ok', 'not ok', 'ok 1 - ', 'not ok 2 - x # SKIP', '# TODO', '# Subtest: ', '    ', '  ---\n', '  ...\n', "error: 'x''y'", 'error: "\\u0041"',
    '1..0', '1..99', 'Bail out!', '\n', '\r\n', '\t', '\uFEFF', '🎯', '#x1B[31m',
  ],
  gotest: [
    '{', '}', '"Action":"fail"', '"Action":"pass"', '"Action":"skip"', '"Action":"run"', '"Action":1', '"Test":"T/x"', '"Test":""', '"Package":"p"', '"Time":"x"', '"Time":"2024-13-01T00:00:00Z"',
    '"Output":"    a_test.go:1: boom\\n"', '"OutputType":"error"', '"Action":"build-fail"', '\n', 'go: downloading x\n', '\uFEFF', '🎯',
  ],
};

function fragments(format: ImportFormat): string[] {
  const f = FRAGMENTS[format];
  if (!f) throw new Error(`no hostile fragments for the ${format} format: add some here`);
  return f;
}

type Mutation =
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate'; at: number; len: number }
  | { kind: 'byte'; at: number; value: number };

function mutation(format: ImportFormat): fc.Arbitrary<Mutation> {
  const at = fc.nat();
  return fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at, len: fc.integer({ min: 1, max: 200 }) }),
    fc.record({ kind: fc.constant('insert' as const), at, text: fc.oneof(fc.constantFrom(...fragments(format)), fc.string({ maxLength: 20 })) }),
    fc.record({ kind: fc.constant('truncate' as const), at }),
    fc.record({ kind: fc.constant('duplicate' as const), at, len: fc.integer({ min: 1, max: 400 }) }),
    fc.record({ kind: fc.constant('byte' as const), at, value: fc.integer({ min: 0, max: 255 }) }),
  );
}

const encoder = new TextEncoder();

export function applyMutation(bytes: Uint8Array, m: Mutation): Uint8Array {
  const at = bytes.length ? m.at % (bytes.length + 1) : 0;
  const join = (...parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  };
  switch (m.kind) {
    case 'delete':
      return join(bytes.subarray(0, at), bytes.subarray(at + m.len));
    case 'insert':
      return join(bytes.subarray(0, at), encoder.encode(m.text), bytes.subarray(at));
    case 'truncate':
      return bytes.subarray(0, at);
    case 'duplicate':
      return join(bytes.subarray(0, at + m.len), bytes.subarray(at));
    case 'byte': {
      const copy = bytes.slice();
      if (at < copy.length) copy[at] = m.value;
      return copy;
    }
  }
}

/** Hostile inputs for one format: random bytes, random text, and fixtures mutated 1 to 5 times. */
export function hostileInput(format: ImportFormat): fc.Arbitrary<Uint8Array> {
  const fixtures = (FIXTURE_FILES[format] ?? []).map(fixture);
  if (!fixtures.length) throw new Error(`the ${format} format declares no fixtures`);
  const mutated = fc
    .tuple(fc.constantFrom(...fixtures), fc.array(mutation(format), { minLength: 1, maxLength: 5 }))
    .map(([base, ms]) => ms.reduce(applyMutation, base));
  // Generated valid files, whole or broken once: many succeed, and many fail after good runs.
  const generated = validFile(format).map((f) => encoder.encode(f.text));
  const generatedBroken = fc.tuple(generated, mutation(format)).map(([b, m]) => applyMutation(b, m));
  return fc.oneof(
    { arbitrary: mutated, weight: 4 },
    { arbitrary: generated, weight: 2 },
    { arbitrary: generatedBroken, weight: 2 },
    { arbitrary: fc.uint8Array({ maxLength: 600 }), weight: 1 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 400 }).map((s) => encoder.encode(s)), weight: 1 },
    { arbitrary: fc.array(fc.constantFrom(...fragments(format)), { maxLength: 60 }).map((xs) => encoder.encode(xs.join(''))), weight: 2 },
  );
}
