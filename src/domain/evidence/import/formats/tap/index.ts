import type { FormatSpec } from '../spec';
import { tapParser } from './tap';

export const tapFormat: FormatSpec = {
  id: 'tap',
  name: 'TAP',
  writtenBy: "node's test runner (--test-reporter=tap), tape, prove",
  source: 'tap',
  extensions: ['tap'],
  sniff: (head) => (/^TAP version \d+/m.test(head) ? 9 : /^\s*(?:not ok|ok)\b/m.test(head) && /^\s*1\.\.\d+/m.test(head) ? 6 : 0),
  parser: tapParser,
  mapping: [
    { field: 'run', from: 'each test point ("ok" / "not ok") without subtests; "# SKIP" and "# TODO" are counted, not stored' },
    { field: 'spec', from: 'the test\'s path: "name:<file>::<suite> › <test>"' },
    { field: 'errors', from: "the YAML diagnostic's error (or message), else the test's name" },
    { field: 'at', from: "the file's time (TAP has no times)" },
  ],
  fixtures: ['tap/hooks.tap', 'tap/name_pattern.tap'],
};
