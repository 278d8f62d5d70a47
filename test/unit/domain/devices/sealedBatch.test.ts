import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DeviceBatchError } from '../../../../src/domain/devices/errors';
import { decodeBatch, deriveRecordKey, encodeBatch, MAX_BATCH_RECORDS, newBatchName, openBatch, sealBatch, splitRecords, type Batch } from '../../../../src/domain/devices/sealedBatch';
import type { DeviceRecord } from '../../../../src/domain/devices/records';

const run = (i: number): DeviceRecord => ({
  kind: 'run',
  id: `run_${i}`,
  origin: 'device_a',
  body: { id: `run_${i}`, specHash: 'name:lexer', nudges: ['add type hints'], passed: i % 2 === 0, errorMessages: [], testFailures: [], typeErrors: [], source: 'jsonl', at: 1_700_000_000_000 + i },
});

const batch = (records: DeviceRecord[]): Batch => ({ origin: 'device_a', records });

describe('sealed batches', () => {
  it('open to exactly what was sealed, bytes included', async () => {
    const key = await deriveRecordKey('s3cret-s3cret-s3cret', 'mcd-room');
    const state = new Uint8Array([0, 1, 2, 250, 255]);
    const records: DeviceRecord[] = [
      run(1),
      { kind: 'checkpoint', id: 'cp_1', origin: 'device_a', body: { id: 'cp_1', specId: 'spec_1', name: 'v1', createdAt: 5, automatic: false, state, text: 'Hi' } },
      { kind: 'specDoc', id: 'u1', origin: 'device_a', body: { specId: 'spec_1', update: new Uint8Array([9, 8, 7]) } },
    ];
    const name = newBatchName();
    const sealed = await sealBatch(key, name, batch(records));
    const opened = await openBatch(key, name, sealed);
    expect(opened.origin).toBe('device_a');
    expect(opened.records).toEqual(records);
    expect(opened.records[1]!.body.state).toBeInstanceOf(Uint8Array);
  });

  it('show a relay nothing readable', async () => {
    const key = await deriveRecordKey('s3cret-s3cret-s3cret', 'mcd-room');
    const sealed = await sealBatch(key, 'n1', batch([run(1)]));
    const text = new TextDecoder('latin1').decode(sealed);
    for (const word of ['run_1', 'lexer', 'type hints', 'device_a', 'specHash']) expect(text).not.toContain(word);
  });

  it('refuse another key, another name and a changed byte, in words', async () => {
    const key = await deriveRecordKey('s3cret-s3cret-s3cret', 'mcd-room');
    const other = await deriveRecordKey('another-secret-entirely', 'mcd-room');
    const sealed = await sealBatch(key, 'n1', batch([run(1)]));
    await expect(openBatch(other, 'n1', sealed)).rejects.toThrow(/does not open with this pairing's key/);
    await expect(openBatch(key, 'n2', sealed)).rejects.toThrow(DeviceBatchError);
    const changed = sealed.slice();
    changed[40] = changed[40]! ^ 1;
    await expect(openBatch(key, 'n1', changed)).rejects.toThrow(/batch n1/);
    await expect(openBatch(key, 'n1', new Uint8Array(5))).rejects.toThrow(/too short/);
  });

  it('read only well-formed records, naming the record that is not', () => {
    const bad = (records: unknown) => () => decodeBatch('x', deflateSync(new TextEncoder().encode(JSON.stringify({ v: 1, origin: 'd', records }))));
    expect(bad([['run', 'r', { id: 'r' }], ['wine', 'w', {}]])).toThrow('record 1 has an unknown kind "wine"');
    expect(bad([['run', '', {}]])).toThrow('record 0 (run) has no usable id');
    expect(bad([['run', 'r', []]])).toThrow('has no body object');
    expect(bad('nope')).toThrow('no list of records');
    expect(() => decodeBatch('x', encodeBatch(batch([run(1)])).slice(0, 10))).toThrow('does not read as a deflated JSON batch');
  });

  it('split many records into batches within the limits, in order', () => {
    const records = Array.from({ length: MAX_BATCH_RECORDS * 2 + 10 }, (_, i) => run(i));
    const parts = splitRecords(records);
    expect(parts.map((p) => p.length)).toEqual([MAX_BATCH_RECORDS, MAX_BATCH_RECORDS, 10]);
    expect(parts.flat()).toEqual(records);
    const big = Array.from({ length: 5 }, (_, i): DeviceRecord => ({ kind: 'checkpoint', id: `c${i}`, origin: 'a', body: { id: `c${i}`, text: 'x'.repeat(700_000) } }));
    expect(splitRecords(big).map((p) => p.length)).toEqual([2, 2, 1]);
  });
});
