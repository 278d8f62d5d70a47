import { ValidationError } from '../../errors';
import { RunCollector } from './collector';
import { importId } from './hash';
import { checkJsonlFields } from './jsonlFields';
import { LineSplitter } from './lines';
import { clip, parseTime } from './values';
import type { ChunkParser, FileFacts, FileImportOptions } from './types';

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
    // An ISO time without an offset is read as UTC here (Date.parse would use the local zone).
    if (typeof run.at === 'string') run.at = parseTime(run.at, 'at', { file, line });
    if (run.id === undefined) run.id = importId('jsonl', [text]);
    if (run.source === undefined) run.source = 'jsonl';
    out.add(run, { file, line });
  };
  const lines = new LineSplitter(file, onLine);
  return {
    push: (text) => lines.push(text),
    take: () => out.take(),
    end() {
      lines.end();
      return out.result();
    },
    // A preview of the file's head leaves out the line the head cuts in half.
    partial: () => out.result(),
  };
}
