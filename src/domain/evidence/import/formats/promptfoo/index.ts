import type { FormatSpec } from '../spec';
import { promptfooParser } from './promptfoo';

export const promptfooFormat: FormatSpec = {
  id: 'promptfoo',
  name: 'promptfoo results',
  writtenBy: 'promptfoo eval -o results.json',
  source: 'promptfoo',
  extensions: [],
  sniff: (head) => (/^\s*\{\s*"(evalId|results)"\s*:/.test(head) ? 9 : /"evalId"\s*:/.test(head) ? 7 : 0),
  parser: promptfooParser,
  mapping: [
    { field: 'run', from: 'each row of results.results (a prompt x test case x provider)' },
    { field: 'spec', from: 'the test case: its description, else a hash of its vars' },
    { field: 'nudges', from: "the prompt's label, and metadata.nudges" },
    { field: 'model', from: 'the provider id' },
    { field: 'passed', from: 'success; a row that errored (failureReason 2) is a failed run with its error' },
    { field: 'errors', from: "the failed assertions' reasons" },
    { field: 'at', from: 'results.timestamp' },
  ],
  fixtures: ['promptfoo-results.json'],
  // One JSON document: its rows show only when all of it is read.
  previewBytes: 16 * 1024 * 1024,
};
