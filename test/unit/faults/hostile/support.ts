import fc from 'fast-check';
import { expect } from 'vitest';
import { DomainError } from '../../../../src/domain/errors';

/**
 * Hostile input for every parser of the app (issue 8): seeded, 500 cases per parser in the
 * normal run, 10,000 with FULL=1 (`npm run test:faults`). fast-check prints the seed and the
 * shrunk counterexample of a failure; FC_SEED replays it.
 */
export const FULL = Boolean(process.env.FULL);
export const RUNS = FULL ? 10_000 : 500;
/** Cases that write to a database (each one a fresh profile): a tenth, and never fewer than 50. */
export const WRITE_RUNS = Math.max(50, Math.round(RUNS / 10));
export const SEED = Number(process.env.FC_SEED ?? 20_260_808);
export const TIMEOUT = FULL ? 1_800_000 : 300_000;

export const params = (numRuns = RUNS) => ({ seed: SEED, numRuns });

/** A failure must be one of the app's own errors (a DomainError subclass with its name), never a TypeError etc. */
export function expectAppError(err: unknown): void {
  expect(err, `a ${(err as Error)?.name}: ${(err as Error)?.message}`).toBeInstanceOf(DomainError);
  expect((err as Error).name).not.toMatch(/^(Error|TypeError|RangeError|SyntaxError|ReferenceError|DomainError)$/);
}

/** Runs `f`; returns its value, or undefined after checking that what it threw is an app error. */
export async function attempt<T>(f: () => T | Promise<T>): Promise<T | undefined> {
  try {
    return await f();
  } catch (err) {
    expectAppError(err);
    return undefined;
  }
}

type Path = (string | number)[];

function paths(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

function setAt(root: unknown, path: Path, value: unknown, remove: boolean): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let o = copy;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (remove) {
    if (Array.isArray(o)) o.splice(last as number, 1);
    else delete o[last];
  } else o[last] = value;
  return copy;
}

const odd = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom<unknown>(null, '', -1, 0, 1e308, -0, 2 ** 53, '__proto__', JSON.parse('{"__proto__":{"polluted":1}}'), [], {}, 'ff'.repeat(32), '\u0000', '\ud800'),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.double(),
);

/** A valid document with one to three of its fields replaced, removed or retyped. */
export function mutated(base: unknown): fc.Arbitrary<unknown> {
  const all = paths(base);
  const one = fc.tuple(fc.nat({ max: all.length - 1 }), odd, fc.boolean());
  return fc.array(one, { minLength: 1, maxLength: 3 }).map((edits) =>
    edits.reduce<unknown>((doc, [i, value, remove]) => {
      const p = paths(doc)[i % paths(doc).length]!;
      return setAt(doc, p, value, remove && p.length > 0);
    }, base),
  );
}

/** Text of a valid document, cut short, with bytes flipped, or with junk spliced in. */
export function damagedText(text: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.nat({ max: text.length }).map((n) => text.slice(0, n)),
    fc.tuple(fc.nat({ max: Math.max(0, text.length - 1) }), fc.string({ unit: 'binary', minLength: 1, maxLength: 8 })).map(([i, junk]) => text.slice(0, i) + junk + text.slice(i + junk.length)),
    fc.tuple(fc.nat({ max: text.length }), fc.string({ maxLength: 20 })).map(([i, junk]) => text.slice(0, i) + junk + text.slice(i)),
  );
}

/** Whatever a hostile file could hold, as text: random, JSON-shaped, or a damaged valid one. */
export function hostileText(valid: string, validDoc: unknown): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.json({ maxDepth: 4 }),
    damagedText(valid),
    mutated(validDoc).map((d) => JSON.stringify(d) ?? 'undefined'),
  );
}
