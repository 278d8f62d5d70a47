import { ValidationError } from '../../errors';
import { encodedFromTransfer, transferList, type EncodedRuns } from '../encode';

/**
 * Runs on their way to the learner worker: everything as typed arrays or one string, so a
 * batch of 100k runs is a handful of transferred buffers rather than 100k cloned objects.
 *
 * - enc: the runs at full weight (flaky handling is the worker's business, because it can
 *   change without the runs changing);
 * - at: each run's time (the learning curve);
 * - flaky: 1 when the run belongs to a flaky group (as far as the page knows now);
 * - becameFlaky: indices of runs sent EARLIER that this batch made flaky (their group now
 *   holds both outcomes), in the order the worker received them;
 * - messages: each run's failure messages (evidence/signature runMessages), for failure modes.
 */
export interface RunBatch {
  enc: EncodedRuns;
  at: Float64Array;
  flaky: Uint8Array;
  becameFlaky: Int32Array;
  messages: PackedMessages;
}

/** Strings packed end to end: run i has counts[i] messages, message j has lengths[j] characters. */
export interface PackedMessages {
  text: string;
  counts: Int32Array;
  lengths: Int32Array;
}

export function packMessages(perRun: readonly (readonly string[])[]): PackedMessages {
  const counts = new Int32Array(perRun.length);
  let total = 0;
  perRun.forEach((m, i) => {
    counts[i] = m.length;
    total += m.length;
  });
  const lengths = new Int32Array(total);
  const parts: string[] = [];
  let j = 0;
  for (const messages of perRun) {
    for (const m of messages) {
      lengths[j++] = m.length;
      parts.push(m);
    }
  }
  return { text: parts.join(''), counts, lengths };
}

const NONE: readonly string[] = Object.freeze([]);

export function unpackMessages(p: PackedMessages): (readonly string[])[] {
  const out: (readonly string[])[] = [];
  let pos = 0;
  let j = 0;
  for (let i = 0; i < p.counts.length; i++) {
    const c = p.counts[i]!;
    if (c === 0) {
      out.push(NONE);
      continue;
    }
    const messages: string[] = [];
    for (let m = 0; m < c; m++) {
      const len = p.lengths[j++]!;
      messages.push(p.text.slice(pos, pos + len));
      pos += len;
    }
    out.push(messages);
  }
  return out;
}

export function batchTransferList(b: RunBatch): ArrayBuffer[] {
  return [
    ...transferList(b.enc),
    b.at.buffer as ArrayBuffer,
    b.flaky.buffer as ArrayBuffer,
    b.becameFlaky.buffer as ArrayBuffer,
    b.messages.counts.buffer as ArrayBuffer,
    b.messages.lengths.buffer as ArrayBuffer,
  ];
}

/** Checks a batch that crossed from the page; throws ValidationError naming the bad field. */
export function batchFromTransfer(b: RunBatch): RunBatch {
  const enc = encodedFromTransfer(b.enc);
  const fail = (field: string, msg: string): never => {
    throw new ValidationError(`batch.${field}`, msg);
  };
  if (!(b.at instanceof Float64Array) || b.at.length !== enc.n) fail('at', 'must be a Float64Array of n');
  if (!(b.flaky instanceof Uint8Array) || b.flaky.length !== enc.n) fail('flaky', 'must be a Uint8Array of n');
  if (!(b.becameFlaky instanceof Int32Array)) fail('becameFlaky', 'must be an Int32Array');
  const m = b.messages;
  if (typeof m?.text !== 'string' || !(m.counts instanceof Int32Array) || !(m.lengths instanceof Int32Array)) {
    fail('messages', 'must be packed text with Int32Array counts and lengths');
  }
  if (m.counts.length !== enc.n) fail('messages.counts', 'must have one count per run');
  let total = 0;
  for (let i = 0; i < m.counts.length; i++) total += m.counts[i]!;
  if (total !== m.lengths.length) fail('messages.lengths', 'must have one length per message');
  let chars = 0;
  for (let j = 0; j < m.lengths.length; j++) chars += m.lengths[j]!;
  if (chars !== m.text.length) fail('messages.text', 'must be exactly the packed messages');
  return { ...b, enc };
}
