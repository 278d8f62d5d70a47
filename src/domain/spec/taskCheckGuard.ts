import type { CompileContext, Extension, Token } from 'mdast-util-from-markdown';
import type { Nodes } from 'mdast';

/**
 * Works around an upstream bug: micromark's GFM task-list syntax (micromark-extension-gfm-task-
 * list-item 2.1) also reads `[ ]` as a check at the start of a paragraph that follows an empty
 * list item (`-\n[ ] s`), where it is no list item's first paragraph; mdast-util-gfm-task-list-item
 * then asserts the paragraph's parent is a list item and throws (development builds), or marks
 * the wrong node checked and drops the brackets (production builds). CommonMark reads those
 * lines as an empty item and a paragraph "[ ] s", and so does this: a check whose parent is not
 * a list item is kept as the text it was. Passed after gfmFromMarkdown(), so these handlers
 * replace its check handlers; inside a list item they do exactly what it does.
 */
export function taskCheckGuard(): Extension {
  return {
    exit: {
      taskListCheckValueChecked: exitCheckValue,
      taskListCheckValueUnchecked: exitCheckValue,
      taskListCheck: exitCheck,
    },
  };
}

/** The node holding the paragraph the check opens (the stack's top is that paragraph). */
function holder(context: CompileContext): Nodes | undefined {
  return context.stack[context.stack.length - 2] as Nodes | undefined;
}

function exitCheckValue(this: CompileContext, token: Token): undefined {
  const node = holder(this);
  if (node?.type === 'listItem') node.checked = (token.type as string) === 'taskListCheckValueChecked'; // a token type the GFM types declare, not these
}

function exitCheck(this: CompileContext, token: Token): undefined {
  if (holder(this)?.type === 'listItem') return;
  const paragraph = this.stack[this.stack.length - 1];
  if (paragraph?.type !== 'paragraph') return;
  // The text that follows joins this node (from-markdown extends a trailing text node).
  paragraph.children.push({
    type: 'text',
    value: this.sliceSerialize(token),
    position: { start: { ...token.start }, end: { ...token.end } },
  });
}
