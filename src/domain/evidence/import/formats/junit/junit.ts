import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { ValidationError } from '../../../../errors';
import { RunCollector } from '../../collector';
import { errorMessagesOf, runIdsOf, specOf, testFailuresOf, type CaseData, type Problem, type SuiteFrame } from './junitCase';
import { readSuiteTimestamp } from './timestamp';
import { clip, epochNote } from '../../values';
import { describeBytes, MAX_RECORD_CHARS } from '../../errors';
import { XmlStart } from './xmlText';
import { explainXmlError, XmlWindow } from './xmlErrors';
import type { ChunkParser, FileFacts, FileImportOptions } from '../../types';

const ROOTS = new Set(['testsuites', 'testsuite']);
const XML_PIECE = 64 * 1024;

/**
 * JUnit XML as pytest (--junitxml), jest-junit and Maven Surefire write it, read as a stream
 * (saxes), so a large report never has to sit in memory as a document. Each testcase becomes
 * a run: failed when it has a <failure> or <error>, passed otherwise; a testcase that is only
 * <skipped> (including pytest's xfail) is counted, not stored. `<property name="nudge"
 * value="…"/>` in a testcase's or testsuite's <properties> adds that nudge to its runs.
 * A suite's cases are turned into runs when the suite closes, so suite properties written
 * after the cases still apply.
 */
export function junitParser(facts: FileFacts, options: FileImportOptions): ChunkParser {
  const file = facts.name;
  const out = new RunCollector(file, 'junit', options.nudges);
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: string[] = [];
  const suites: SuiteFrame[] = [];
  const occurrences = new Map<string, number>();
  let current: CaseData | undefined;
  let problem: Problem | undefined;
  let sawRoot = false;

  const here = () => ({ file, line: parser.line });
  /**
   * A suite's time, or undefined (the file's time stands in) when the timestamp cannot be
   * read: it is optional in JUnit XML, so an odd one never refuses the report; a note says so.
   */
  const suiteTime = (timestamp: string): number | undefined => {
    const read = readSuiteTimestamp(timestamp);
    if ('unreadable' in read) {
      out.note(
        'timestamp',
        `testsuite timestamp "${timestamp.slice(0, 40)}" (line ${parser.line}) was not read as a time: ${read.unreadable}; its runs have the file's time (${new Date(facts.lastModified).toISOString()})`,
      );
      return undefined;
    }
    if (read.unit && read.unit !== 'milliseconds') out.note('timestamp-epoch', epochNote('testsuite timestamp', timestamp, { at: read.at, unit: read.unit }));
    return read.at;
  };
  const fail = (field: string, message: string, line = parser.line): never => {
    throw new ValidationError(field, message, { file, line });
  };

  const start = new XmlStart(file);
  // saxes reports some errors (stray text, a document without a root) where a chunk happens to
  // end, so it is always given the same fixed-size pieces: the same file, the same message.
  let pending = '';

  // The text around saxes' position, so an error can quote the character or entity it is about.
  const window = new XmlWindow();
  let dtdEntities = false;
  parser.on('doctype', (doctype) => {
    dtdEntities ||= /<!ENTITY/i.test(doctype);
  });
  parser.on('error', (err) => {
    fail('xml', explainXmlError(err.message, window, parser.position, parser.column, dtdEntities));
  });

  parser.on('opentag', (tag: SaxesTagPlain) => {
    const attrs = tag.attributes as Record<string, string>;
    const parent = stack[stack.length - 1];
    stack.push(tag.name);
    if (!sawRoot) {
      sawRoot = true;
      if (!ROOTS.has(tag.name)) fail('xml', `is not a JUnit report: the root element is <${clip(tag.name, 40)}>, expected <testsuites> or <testsuite>`);
    }
    if (tag.name === 'testsuite') {
      const timestamp = (attrs.timestamp ?? '').trim();
      suites.push({ name: (attrs.name ?? '').trim(), timestamp, at: timestamp ? suiteTime(timestamp) : undefined, nudges: [], cases: [] });
    } else if (tag.name === 'testcase') {
      if (!suites.length) fail('testcase', 'must be inside a <testsuite>');
      if (current) fail('testcase', 'cannot be inside another <testcase>');
      const name = (attrs.name ?? '').trim();
      if (!name) fail('testcase.name', attrs.name === undefined ? 'is missing' : 'is empty');
      current = { name, classname: (attrs.classname ?? '').trim(), line: parser.line, nudges: [], skipped: false, problems: [] };
    } else if (current && parent === 'testcase' && (tag.name === 'failure' || tag.name === 'error')) {
      problem = { message: attrs.message ?? '', type: attrs.type ?? '', text: '' };
      current.problems.push(problem);
    } else if (current && parent === 'testcase' && tag.name === 'skipped') {
      current.skipped = true;
    } else if (tag.name === 'property' && parent === 'properties' && attrs.name === 'nudge') {
      const owner = stack[stack.length - 3];
      const key = out.label(attrs.value ?? '', 'property nudge', here());
      if (owner === 'testcase' && current) current.nudges.push(key);
      else if (owner === 'testsuite') suites[suites.length - 1]?.nudges.push(key);
    }
  });

  const onText = (text: string): void => {
    const top = stack[stack.length - 1];
    if (problem && (top === 'failure' || top === 'error')) problem.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);

  parser.on('closetag', (tag: SaxesTagPlain) => {
    stack.pop();
    if (tag.name === 'failure' || tag.name === 'error') problem = undefined;
    else if (tag.name === 'testcase' && current) {
      suites[suites.length - 1]?.cases.push(current);
      current = undefined;
    } else if (tag.name === 'testsuite') emitSuite();
  });

  function emitSuite(): void {
    const suite = suites.pop();
    if (!suite) return;
    // Nudges of enclosing suites apply to nested ones too.
    const inherited = [...suites.flatMap((s) => s.nudges), ...suite.nudges];
    for (const c of suite.cases) {
      if (c.skipped && c.problems.length === 0) {
        out.skippedTests++;
        continue;
      }
      const key = `${suite.name}\u0000${c.classname}\u0000${c.name}`;
      const occurrence = (occurrences.get(key) ?? 0) + 1;
      occurrences.set(key, occurrence);
      const ids = runIdsOf(file, suite, c, facts.lastModified, occurrence);
      out.add(
        {
          id: ids.id,
          specHash: specOf(c, suite.name, file),
          nudges: [...inherited, ...c.nudges],
          passed: c.problems.length === 0,
          errorMessages: errorMessagesOf(c),
          testFailures: testFailuresOf(c),
          typeErrors: [],
          source: 'junit',
          at: suite.at ?? facts.lastModified,
        },
        { file, line: c.line },
        ids.legacyId,
      );
    }
  }

  function write(piece: string): void {
    window.next(piece);
    parser.write(piece);
  }

  return {
    push(text) {
      pending += text;
      start.check(text);
      if (!start.started) {
        // Only blank text so far; a file that is nothing else must not fill the memory.
        if (pending.length > MAX_RECORD_CHARS) fail('xml', `has no XML in its first ${describeBytes(MAX_RECORD_CHARS)}`, 1);
        return;
      }
      while (pending.length >= XML_PIECE) {
        write(pending.slice(0, XML_PIECE));
        pending = pending.slice(XML_PIECE);
      }
    },
    take: () => out.take(),
    takeLegacy: () => out.takeLegacy(),
    end() {
      start.end();
      write(pending);
      pending = '';
      parser.close();
      if (!sawRoot) fail('xml', 'the file is empty: expected a JUnit report (<testsuites> or <testsuite>)');
      return out.result();
    },
    // A preview of the head: suites still open when the head ends show the cases read so far.
    partial() {
      write(pending);
      pending = '';
      while (suites.length) emitSuite();
      return out.result();
    },
  };
}
