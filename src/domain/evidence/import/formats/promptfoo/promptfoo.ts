import { ValidationError } from '../../../../errors';
import { RunCollector } from '../../collector';
import { describeBytes, MAX_IMPORT_BYTES } from '../../errors';
import { importIds } from '../../hash';
import { withoutColour } from '../../text';
import { clip, parseIso } from '../../values';
import type { ChunkParser, FileFacts, FileImportOptions } from '../../types';
import { describeRow, rowFacts, type Row } from './rows';

/**
 * promptfoo's results file (`promptfoo eval -o results.json`): one JSON document, so it is
 * gathered and parsed whole at the end (in the import worker). Each row of results.results is
 * one run (a prompt x test case x provider); see rows.ts for how a row becomes a run.
 */
export function promptfooParser(facts: FileFacts, options: FileImportOptions): ChunkParser {
  const file = facts.name;
  const out = new RunCollector(file, 'promptfoo', options.nudges);
  const chunks: string[] = [];
  let size = 0;
  let parsed = false;

  const fail = (field: string, message: string, line?: number): never => {
    throw new ValidationError(field, message, { file, line });
  };

  const parse = (text: string, partial: boolean): void => {
    if (parsed) return;
    parsed = true;
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (!body.trim()) {
      if (partial) return;
      fail('json', 'the file is empty: expected the JSON of `promptfoo eval -o results.json`', 1);
    }
    let doc: unknown;
    try {
      doc = JSON.parse(body);
    } catch (err) {
      if (partial) return; // a head cut mid-document: the whole file is checked on import
      const why = err instanceof Error ? err.message : String(err);
      fail('json', `is not valid JSON (${clip(why, 120)}); the file looks damaged or cut off`, lineOfError(body, why));
    }
    const top = isObject(doc) ? doc : fail('json', 'must be a JSON object (the results file of `promptfoo eval -o results.json`)', 1);
    const results = top.results;
    const rows = isObject(results) && Array.isArray(results.results) ? results.results : Array.isArray(results) ? results : undefined;
    if (!rows) fail('results', 'is missing: a promptfoo results file has "results": {"results": [ … ]} (is this another JSON file?)', 1);
    const evalId = typeof top.evalId === 'string' ? top.evalId : '';
    const stamp = isObject(results) && typeof results.timestamp === 'string' ? results.timestamp : undefined;
    const at = (stamp !== undefined ? parseIso(stamp) : undefined) ?? facts.lastModified;
    if (stamp === undefined) out.note('timestamp', `results.timestamp is missing; the runs have the file's time (${new Date(at).toISOString()})`);
    rows!.forEach((raw: unknown, i: number) => {
      const field = `results.results[${i}]`;
      if (!isObject(raw)) fail(field, 'must be an object (one result row)');
      const row = raw as Row;
      const f = rowFacts(row, field, (name, why) => fail(name, why));
      const key = typeof row.id === 'string' && row.id ? row.id : `${i}`;
      const ids = importIds('promptfoo', [evalId || file, key]);
      const nudges = f.nudges.map((n, k) => out.label(n, `${field} nudges[${k + 1}]`, { file }));
      out.add(
        {
          id: ids.id,
          specHash: f.spec,
          nudges,
          passed: f.passed,
          errorMessages: f.errors.map((e) => withoutColour(e.message)),
          testFailures: f.errors.map((e) => ({ name: `${describeRow(row)} ${e.name}`.trim(), message: withoutColour(e.message) })),
          typeErrors: [],
          model: f.model,
          source: 'promptfoo',
          at,
        },
        { file },
        ids.legacyId,
      );
    });
  };

  return {
    push(text) {
      size += text.length;
      if (size > MAX_IMPORT_BYTES) fail('json', `is longer than ${describeBytes(MAX_IMPORT_BYTES)}`);
      chunks.push(text);
    },
    take: () => out.take(),
    takeLegacy: () => out.takeLegacy(),
    end() {
      parse(chunks.join(''), false);
      chunks.length = 0;
      return out.result();
    },
    partial() {
      parse(chunks.join(''), true);
      return out.result();
    },
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The line a JSON.parse error points at ("… at position 123" or "(line 4 column 2)"). */
function lineOfError(text: string, why: string): number | undefined {
  const line = /line (\d+)/.exec(why);
  if (line) return Number(line[1]);
  const pos = /position (\d+)/.exec(why);
  if (!pos) return undefined;
  let n = 1;
  const stop = Math.min(Number(pos[1]), text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < stop; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
