import { ValidationError } from '../../../../errors';
import { RunCollector } from '../../collector';
import { importIds } from '../../hash';
import { lineParser } from '../../lineParser';
import { withoutColour } from '../../text';
import type { ChunkParser, FileFacts, FileImportOptions } from '../../types';
import { yamlFields } from './yaml';

// "ok 1 - name # SKIP reason", "not ok 2 name", "ok" (TAP 13/14; the number and "-" optional).
const TEST_POINT = /^(\s*)(not ok|ok)\b(?:\s+(\d+))?(?:\s*-)?\s*(.*)$/s;
const SUBTEST = /^(\s*)# Subtest:\s*(.*)$/s;
const PLAN = /^(\s*)1\.\.(\d+)/;
const DIRECTIVE = /\s#\s*(SKIP|TODO)\b\S*\s*(.*)$/is;

interface Point {
  indent: number;
  ok: boolean;
  name: string;
  directive?: 'skip' | 'todo';
  line: number;
  path: string[];
  /** A parent test (its subtests came before it) that failed with no failed subtest: its own failure. */
  parent: boolean;
  yaml?: string[];
}

/**
 * TAP (the Test Anything Protocol: node's test runner, tape, prove, …), read line by line.
 * Each test point without subtests is a run (a parent is a run only when it failed while all its
 * subtests passed: a hook of its own failed); "# SKIP" and "# TODO" are counted, not stored.
 * The spec is the test's path: "name:<file>::<suite> › <test>" from the "# Subtest:" headings.
 * A failure's message is its YAML diagnostic's `error` or `message`, else the test's name.
 * TAP carries no times: every run has the file's time.
 */
export function tapParser(facts: FileFacts, options: FileImportOptions): ChunkParser {
  const file = facts.name;
  const out = new RunCollector(file, 'tap', options.nudges);
  const headers: { indent: number; name: string }[] = [];
  /** Per indent: a deeper test point was seen since the last one at this indent, and whether one failed. */
  const children = new Map<number, { seen: boolean; failed: boolean }>();
  const occurrences = new Map<string, number>();
  let pending: Point | undefined;
  let yamlIndent = -1;
  let points = 0;
  let plan: { count: number; line: number } | undefined;
  let topLevel = 0;

  const emit = (p: Point): void => {
    if (p.directive) {
      out.skippedTests++;
      return;
    }
    const spec = `name:${file}::${p.path.join(' › ')}`;
    const occurrence = (occurrences.get(spec) ?? 0) + 1;
    occurrences.set(spec, occurrence);
    const yaml = p.yaml ? yamlFields(p.yaml) : {};
    const message = p.ok ? '' : withoutColour(yaml.error ?? yaml.message ?? p.name).trim() || p.name;
    const ids = importIds('tap', [file, spec, `modified:${facts.lastModified}`, String(occurrence)]);
    out.add(
      {
        id: ids.id,
        specHash: spec,
        nudges: [],
        passed: p.ok,
        errorMessages: p.ok ? [] : [message],
        testFailures: p.ok ? [] : [{ name: p.path.join(' › '), message }],
        typeErrors: [],
        source: 'tap',
        at: facts.lastModified,
      },
      { file, line: p.line },
      ids.legacyId,
    );
  };

  const flush = (): void => {
    const p = pending;
    pending = undefined;
    yamlIndent = -1;
    if (p && !p.parent) emit(p);
  };

  const onLine = (raw: string, line: number): void => {
    const text = line === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    if (pending && yamlIndent >= 0) {
      // Inside a YAML block: it ends at "..." on its own indentation.
      if (text.trim() === '...' && text.length - text.trimStart().length === yamlIndent) flush();
      else pending.yaml!.push(text);
      return;
    }
    if (pending && text.trim() === '---' && text.length - text.trimStart().length > pending.indent) {
      yamlIndent = text.length - text.trimStart().length;
      pending.yaml = [];
      return;
    }
    const sub = SUBTEST.exec(text);
    if (sub) {
      flush();
      const indent = sub[1]!.length;
      while (headers.length && headers[headers.length - 1]!.indent >= indent) headers.pop();
      headers.push({ indent, name: sub[2]!.trim() });
      return;
    }
    const planned = PLAN.exec(text);
    if (planned) {
      flush();
      if (planned[1]!.length === 0) plan = { count: Number(planned[2]), line };
      return;
    }
    const m = TEST_POINT.exec(text);
    if (!m) return; // comments, "TAP version 13", "Bail out!", and anything a test printed
    flush();
    const indent = m[1]!.length;
    const ok = m[2] === 'ok';
    let name = m[4]!.trim();
    let directive: Point['directive'];
    const d = DIRECTIVE.exec(` ${name}`);
    if (d) {
      directive = d[1]!.toLowerCase() === 'skip' ? 'skip' : 'todo';
      name = ` ${name}`.slice(0, d.index).trim();
    }
    name ||= m[3] ? `test ${m[3]}` : 'test';
    const own = children.get(indent) ?? { seen: false, failed: false };
    children.set(indent, { seen: false, failed: false });
    // Every shallower level (an enclosing test, whose own line comes later) has seen a subtest.
    for (let k = 0; k < indent; k++) children.set(k, { seen: true, failed: (children.get(k)?.failed ?? false) || (!ok && !directive) });
    for (const k of [...children.keys()]) if (k > indent) children.delete(k);
    const ancestors = headers.filter((h) => h.indent < indent).map((h) => h.name);
    points++;
    if (indent === 0) topLevel++;
    pending = { indent, ok, name, directive, line, path: [...ancestors, name], parent: own.seen && (ok || own.failed) };
  };

  return lineParser(file, onLine, out, {
    settle: flush,
    check() {
      if (points === 0) throw new ValidationError('tap', 'has no test lines ("ok …" or "not ok …"): is this TAP output?', { file, line: 1 });
      if (plan && plan.count !== topLevel) {
        throw new ValidationError('tap', `the plan (line ${plan.line}) says ${plan.count} tests, but ${topLevel} were reported: the output looks cut off or mixed`, { file, line: plan.line });
      }
    },
  });
}
