import { firstLine, type FormatSpec } from '../spec';
import { gotestParser } from './gotest';

export const gotestFormat: FormatSpec = {
  id: 'gotest',
  name: 'go test -json',
  writtenBy: 'go test -json, gotestsum --jsonfile',
  source: 'gotest',
  extensions: [],
  sniff: (head) => (/^\{[^\n]*"Action"\s*:\s*"/.test(firstLine(head)) ? 9 : 0),
  parser: gotestParser,
  mapping: [
    { field: 'run', from: 'each test that passed or failed (a parent only for a failure of its own); skipped ones are counted' },
    { field: 'spec', from: 'the test: "name:<package>::<test>"' },
    { field: 'errors', from: 'its first t.Error message, else its panic line' },
    { field: 'at', from: "the test's first event Time, else the file's time" },
  ],
  fixtures: ['gotest/panic.json', 'gotest/timeout.json', 'gotest/ascii.json'],
};
