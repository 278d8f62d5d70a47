import type { FormatSpec } from '../spec';
import { junitParser } from './junit';

export const junitFormat: FormatSpec = {
  id: 'junit',
  name: 'JUnit XML',
  writtenBy: 'pytest, jest-junit, Maven Surefire, TestNG, Playwright',
  source: 'junit',
  extensions: ['xml'],
  sniff: (head) => (head.trimStart().startsWith('<') ? 6 : 0),
  parser: junitParser,
  mapping: [
    { field: 'run', from: 'each <testcase>; one only <skipped> is counted, not stored' },
    { field: 'passed', from: 'no <failure> or <error>' },
    { field: 'spec', from: 'the test: "name:<classname>::<name>"' },
    { field: 'nudges', from: '<property name="nudge" value="…"/> of the testcase or its testsuite' },
    { field: 'errors', from: "each <failure>/<error>'s message, else the telling line of its text (colour codes removed)" },
    { field: 'at', from: "the testsuite's timestamp (ISO 8601, TestNG's \"20 Nov. 2019 12:07:00 GMT\", epoch), else the file's time" },
  ],
  fixtures: [
    'pytest-junit.xml',
    'pytest-failures.xml',
    'pytest-colour.xml',
    'pytest-truncated.xml',
    'jest-junit.xml',
    'TEST-com.example.parser.ParserTest.xml',
    'surefire/TEST-testCase.HybridTestCaseTest.xml',
    'testng/TEST-testCase.HybridTestCaseTest.xml',
    'testng/TEST-com.testExecution.TS001.xml',
    'testng/TEST-testPackage.InvalidLoginTest.xml',
  ],
};
