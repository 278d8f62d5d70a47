import type { FormatSpec } from '../spec';
import { csvParser } from './csv';

export const csvFormat: FormatSpec = {
  id: 'csv',
  name: 'CSV',
  writtenBy: 'spreadsheets and scripts, columns chosen in the dialog',
  source: 'csv',
  extensions: ['csv'],
  // Anything may be CSV: the last resort when nothing else claims a file.
  sniff: () => 1,
  parser: csvParser,
  mapping: [
    { field: 'run', from: 'each row after the header' },
    { field: 'spec, outcome, nudges, time, errors, id, model, temperature', from: 'the columns chosen for them' },
    { field: 'nudges', from: 'names separated by ";" ("\\;" inside a name)' },
  ],
  fixtures: ['runs.csv'],
  columns: true,
};
