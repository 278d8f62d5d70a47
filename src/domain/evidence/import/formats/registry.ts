import { csvFormat } from './csv';
import { gotestFormat } from './gotest';
import { jsonlFormat } from './jsonl';
import { junitFormat } from './junit';
import { promptfooFormat } from './promptfoo';
import type { FormatSpec } from './spec';
import { tapFormat } from './tap';

/** Every evidence file format the app reads, in the order the dialog lists them. */
export const FORMATS: readonly FormatSpec[] = [junitFormat, promptfooFormat, tapFormat, gotestFormat, jsonlFormat, csvFormat];

export const IMPORT_FORMATS: readonly string[] = FORMATS.map((f) => f.id);

export function formatById(id: string): FormatSpec | undefined {
  return FORMATS.find((f) => f.id === id);
}

/** The spec of a format id the dialog or a caller chose; an unknown one is a programming error. */
export function formatSpec(id: string): FormatSpec {
  const spec = formatById(id);
  if (!spec) throw new Error(`Unknown evidence format "${id}"`);
  return spec;
}

/**
 * The format of a file, by how sure each format's sniff of the first characters is, with its
 * extension counting for it (3 points): so "report.xml" is JUnit, a ".jsonl" file of go test
 * events is still go test -json, and CSV (1 point for anything) is the last resort. ".json" names
 * no format: promptfoo and go test -json both use it. The dialog shows the guess and lets the
 * person override it.
 */
export function detectFormat(fileName: string, head: string): string {
  const text = head.replace(/^\uFEFF/, '');
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  let best = csvFormat;
  let score = 0;
  for (const f of FORMATS) {
    const s = f.sniff(text) + (f.extensions.includes(ext) ? 3 : 0);
    if (s > score) {
      best = f;
      score = s;
    }
  }
  return best.id;
}
