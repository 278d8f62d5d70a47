import { firstLine, type FormatSpec } from '../spec';
import { jsonlParser } from './jsonl';

export const jsonlFormat: FormatSpec = {
  id: 'jsonl',
  name: 'JSON Lines',
  writtenBy: "the app's own run format, one run per line",
  source: 'jsonl',
  extensions: ['jsonl', 'ndjson'],
  sniff: (head) => {
    const line = firstLine(head);
    if (!line.startsWith('{')) return 0;
    return /"specHash"\s*:/.test(line) ? 8 : 3;
  },
  parser: jsonlParser,
  mapping: [
    { field: 'run', from: 'each line, a JSON object in the run format (DOMAIN.md §1)' },
    { field: 'at', from: 'epoch milliseconds (a smaller number: seconds, by its size) or ISO 8601' },
    { field: 'id', from: 'its id, else a hash of the line' },
  ],
  fixtures: ['runs.jsonl'],
};
