import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { Definition, Root } from 'mdast';
import { parseTokens } from '../../domain/spec/tokens';
import { parseTasks, type Task } from '../../domain/spec/tasks';
import type { Token } from '../../domain/spec/types';

/**
 * Everything the rendered view needs from one version of the text: the Markdown tree with
 * source positions (offsets into this very text, so every element knows which characters it
 * came from), the token grammar's tokens and the tasks with their write-back offsets.
 */
export interface SpecAnalysis {
  text: string;
  root: Root;
  tokens: Token[];
  tasksByLine: Map<number, Task>;
  definitions: Map<string, Definition>;
}

export function analyse(text: string): SpecAnalysis {
  const root = fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const tokens = parseTokens(text);
  const tasksByLine = new Map(parseTasks(text, tokens).map((t) => [t.line, t]));
  const definitions = new Map<string, Definition>();
  const visit = (node: { type: string; children?: unknown[] }) => {
    if (node.type === 'definition') {
      const d = node as Definition;
      if (!definitions.has(d.identifier)) definitions.set(d.identifier, d);
    }
    for (const child of node.children ?? []) visit(child as { type: string; children?: unknown[] });
  };
  visit(root);
  return { text, root, tokens, tasksByLine, definitions };
}
