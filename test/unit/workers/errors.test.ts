import { afterEach, describe, expect, it } from 'vitest';
import * as Comlink from 'comlink';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError, ValidationError, errorFromData, errorToData } from '../../../src/domain/errors';
import { installWorkerErrors } from '../../../src/domain/workerErrors';
import { FileTooLargeError } from '../../../src/domain/evidence/import/errors';
import { EntryNotSignedError } from '../../../src/domain/ledger/errors';
import { NotPositiveDefiniteError } from '../../../src/domain/learning/linalg';

/*
 * Errors cross a worker boundary as plain data with their fields and come back as the same
 * class. The boundary here is a real MessageChannel (structured clone), with Comlink on both
 * ends as the workers use it.
 */

installWorkerErrors(Comlink.transferHandlers);
const ports: MessagePort[] = [];
afterEach(() => {
  for (const p of ports.splice(0)) p.close();
});

function remoteOf<T>(api: T): Comlink.Remote<T> {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  Comlink.expose(api, port1 as unknown as Comlink.Endpoint);
  return Comlink.wrap<T>(port2 as unknown as Comlink.Endpoint);
}

const api = {
  invalid(): void {
    throw new ValidationError('passed', 'must be true or false, not "abc"', { file: 'runs.jsonl', line: 7 });
  },
  tooLarge(): void {
    throw new FileTooLargeError('big.xml', 600 * 1024 * 1024);
  },
  notSigned(): void {
    throw new EntryNotSignedError(12, 10);
  },
  solver(): void {
    throw new NotPositiveDefiniteError('the Hessian is not positive definite');
  },
  plain(): void {
    throw new TypeError('x is not a function');
  },
  thrownString(): void {
    throw 'just a string';
  },
};

describe('errors across a worker boundary', () => {
  it('come back as the same class with their fields', async () => {
    const remote = remoteOf(api);
    const err = await remote.invalid().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ name: 'ValidationError', field: 'passed', file: 'runs.jsonl', line: 7 });
    expect((err as Error).message).toBe('runs.jsonl, line 7: passed: must be true or false, not "abc"');
    expect(await remote.tooLarge().catch((e: unknown) => e)).toSatisfy((e) => e instanceof FileTooLargeError && e.size === 600 * 1024 * 1024 && e.file === 'big.xml');
    expect(await remote.notSigned().catch((e: unknown) => e)).toSatisfy((e) => e instanceof EntryNotSignedError && e.seq === 12 && e.size === 10);
    expect(await remote.solver().catch((e: unknown) => e)).toBeInstanceOf(NotPositiveDefiniteError);
  });

  it('keeps the name of an error the page has no class for, and passes non-errors through', async () => {
    const remote = remoteOf(api);
    const plain = await remote.plain().catch((e: unknown) => e);
    expect(plain).toMatchObject({ name: 'TypeError', message: 'x is not a function' });
    expect(await remote.thrownString().catch((e: unknown) => e)).toBe('just a string');
  });

  it('sends only JSON fields as data', () => {
    const e = Object.assign(new DomainError('m', 'Odd'), { when: 5, fn: () => 1, nested: { a: [1, 'b'] }, date: new Date(0) });
    expect(errorToData(e)).toEqual({ name: 'Odd', message: 'm', fields: { when: 5, nested: { a: [1, 'b'] } } });
    expect(errorFromData(errorToData(e))).toMatchObject({ name: 'Odd', when: 5 });
  });
});

describe('every error class derives from the app’s named base', () => {
  it('has no class extending Error but DomainError itself', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(f)) files.push(p);
      }
    };
    walk('src');
    walk('workers');
    const offenders = files.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/class (\w+) extends (Error|TypeError|RangeError)\b/g)].map((m) => `${f}: ${m[1]}`),
    );
    expect(offenders).toEqual(['src/domain/errors.ts: DomainError']);
  });
});
