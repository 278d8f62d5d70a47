import { ValidationError } from '../../../../errors';
import { RunCollector } from '../../collector';
import { importIds } from '../../hash';
import { checkJsonlFields } from './jsonlFields';
import { lineParser } from '../../lineParser';
import { clip, epochNote, inDateRange, parseTime, readEpoch } from '../../values';
import type { ChunkParser, FileFacts, FileImportOptions } from '../../types';

/**
 * JSON Lines in the app's own run format (README "Evidence file formats"): one run object per
 * line, checked by validateRun. Conveniences for people who write these files by script:
 * `source` defaults to "jsonl"; a run without an `id` gets one from a hash of its line, so
 * importing the same file twice still finds every run a duplicate; an ISO `at` without an
 * offset is UTC, so the same file means the same times on every machine. A value of the wrong
 * type is refused with the value quoted (see checkJsonlFields), never dropped.
 */
export function jsonlParser(facts: FileFacts, options: FileImportOptions): ChunkParser {
  const file = facts.name;
  const out = new RunCollector(file, 'jsonl', options.nudges);
  /** The last millisecond of year 9999, the latest time validateRun allows. */
  const MAX_AT = 253402300799999;
  const onLine = (raw: string, line: number, unterminated: boolean): void => {
    const text = (line === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw).trim();
    if (!text) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      const hint = unterminated ? 'the line is cut off, so the file looks truncated' : 'each line must be one JSON object';
      throw new ValidationError('json', `is not valid JSON (${clip(why, 120)}); ${hint}`, { file, line });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ValidationError('run', 'must be a JSON object ({"id": …, "specHash": …, "passed": …})', { file, line });
    }
    // Freshly parsed and ours alone: the defaults are filled in place, not in a copy.
    const run = value as Record<string, unknown>;
    checkJsonlFields(run, { file, line });
    // An ISO time without an offset is read as UTC here (Date.parse would use the local zone);
    // a number by its size (epoch seconds, milliseconds…), said in a note unless milliseconds.
    const at = run.at;
    if (typeof at === 'string') {
      run.at = parseTime(at, 'at', { file, line }, (read) => {
        if (read.unit !== 'milliseconds') out.note('at', epochNote('at', at, read));
      });
    } else if (typeof at === 'number') {
      const read = readEpoch(at);
      if (!inDateRange(read.at) || read.at > MAX_AT) {
        throw new ValidationError('at', `must be a time between 1970 and 9999 (epoch seconds or milliseconds), not ${clip(String(at))}`, { file, line });
      }
      if (read.unit !== 'milliseconds') out.note('at', epochNote('at', String(at), read));
      run.at = read.at;
    }
    let legacyId: string | undefined;
    if (run.id === undefined) {
      const ids = importIds('jsonl', [text]);
      run.id = ids.id;
      legacyId = ids.legacyId;
    }
    if (run.source === undefined) run.source = 'jsonl';
    out.add(run, { file, line }, legacyId);
  };
  return lineParser(file, onLine, out);
}
