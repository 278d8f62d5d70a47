import type { Definition, ListItem, Root } from 'mdast';
import { markdownTree, visit } from './markdown';
import { tasksOf, type Task } from './tasks';
import { parseTokens } from './tokens';
import type { Token } from './types';

/**
 * Everything a view of one version of a spec needs, from its one Markdown tree: the tree with
 * source offsets (every element knows which characters it came from), the tokens, the tasks
 * with their write-back offsets, keyed by the very list-item nodes of the tree, and the link
 * definitions that references resolve to.
 */
export interface SpecAnalysis {
  text: string;
  root: Root;
  tokens: Token[];
  tasks: Task[];
  taskOf: Map<ListItem, Task>;
  definitions: Map<string, Definition>;
}

export function analyseSpec(text: string): SpecAnalysis {
  const { root } = markdownTree(text);
  const tokens = parseTokens(text);
  const { tasks, nodes } = tasksOf(text, tokens);
  const definitions = new Map<string, Definition>();
  visit(root, (node) => {
    if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node);
  });
  return { text, root, tokens, tasks, taskOf: nodes, definitions };
}
