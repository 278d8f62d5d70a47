import type { CsvField, CsvMapping } from '../../types';

/** The CSV fields a person can map, in the order the dialog shows them. */
export const CSV_FIELDS: readonly { field: CsvField; label: string; required: boolean; hint: string }[] = [
  { field: 'spec', label: 'Spec', required: true, hint: 'the spec or piece of work the run was for' },
  { field: 'passed', label: 'Outcome', required: true, hint: 'pass/fail, true/false or 1/0' },
  { field: 'nudges', label: 'Nudges', required: false, hint: 'separated by ;' },
  { field: 'at', label: 'Time', required: false, hint: 'epoch ms or ISO 8601; default: the file’s time' },
  { field: 'errors', label: 'Errors', required: false, hint: 'one message per line of the cell' },
  { field: 'id', label: 'Run id', required: false, hint: 'default: from the file name, line and row' },
  { field: 'model', label: 'Model', required: false, hint: '' },
  { field: 'temperature', label: 'Temperature', required: false, hint: 'a number from 0' },
];

/** Header spellings each field is recognised by (compared lower-case, letters and digits only). */
const SYNONYMS: Record<CsvField, readonly string[]> = {
  spec: ['spec', 'spechash', 'specname', 'specid', 'suite', 'work', 'task', 'test', 'testname', 'name'],
  passed: ['passed', 'pass', 'outcome', 'result', 'status', 'success', 'ok'],
  nudges: ['nudges', 'nudge', 'tags', 'practices'],
  at: ['at', 'time', 'timestamp', 'date', 'datetime', 'when', 'started', 'startedat'],
  errors: ['errors', 'error', 'errormessages', 'errormessage', 'message', 'messages', 'failure'],
  id: ['id', 'runid'],
  model: ['model'],
  temperature: ['temperature', 'temp'],
};

const simple = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');

/** A first guess at the mapping from the header row; the dialog lets the person change it. */
export function guessCsvMapping(headers: readonly string[]): CsvMapping {
  const names = headers.map(simple);
  const mapping: CsvMapping = {};
  const taken = new Set<number>();
  for (const { field } of CSV_FIELDS) {
    for (const synonym of SYNONYMS[field]) {
      const i = names.findIndex((n, k) => n === synonym && !taken.has(k));
      if (i !== -1) {
        mapping[field] = i;
        taken.add(i);
        break;
      }
    }
  }
  return mapping;
}
