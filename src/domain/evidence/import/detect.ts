import type { ImportFormat } from './types';

const BY_EXTENSION: Record<string, ImportFormat> = {
  xml: 'junit',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  csv: 'csv',
};

/**
 * The format of an evidence file, from its extension when that is unambiguous, else from its
 * first characters: "<" is XML, "{" is a JSON line, anything else is read as CSV. The dialog
 * shows the guess and lets the person override it.
 */
export function detectFormat(fileName: string, head: string): ImportFormat {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const byExt = BY_EXTENSION[ext];
  if (byExt) return byExt;
  const first = head.replace(/^\uFEFF/, '').trimStart()[0];
  if (first === '<') return 'junit';
  if (first === '{') return 'jsonl';
  return 'csv';
}
