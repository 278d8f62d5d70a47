import { PRIORS_HEADING } from '../learning/priors';
import { escapeMarkdownText } from '../spec/escape';
import { withoutCompiled } from './target';

/**
 * The prompt of one variation (issue 7): the spec, the learned-priors block in force, and the
 * labels of the nudges the Thompson policy chose for this variation, each as an instruction.
 */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export const INSTRUCTIONS_HEADING = '## Instructions for this attempt';

export const SYSTEM_PROMPT =
  'You implement one TypeScript function from a Markdown spec. The block marked `target` gives its signature and ' +
  'description; the blocks marked `test` must pass (they call the function and `assert`). Reply with the complete ' +
  'implementation in a single ```ts fenced block: plain TypeScript, no imports, no network, no explanation.';

/** Removes a "## Learned priors" block already in the spec, so the prompt carries only the current one. */
export function withoutPriorsBlock(markdown: string): string {
  const lines = markdown.split('\n');
  const out: string[] = [];
  let inBlock = false;
  for (const line of lines) {
    const bare = line.replace(/\r$/, '');
    if (bare.trim() === PRIORS_HEADING) {
      inBlock = true;
      continue;
    }
    if (inBlock && (/^(Do|Avoid):/.test(bare.trim()) || bare.trim() === '')) continue;
    inBlock = false;
    out.push(line);
  }
  return out.join('\n');
}

export interface PromptInput {
  specText: string;
  functionName: string;
  /** renderLearnedPriors(...) of the priors in force; '' when there are none yet. */
  priorsBlock: string;
  /** Labels of the nudges chosen for this variation. */
  instructions: readonly string[];
}

/**
 * Instruction labels as one line each, escaped: a label is text from data, and must not turn
 * into Markdown or a spec token in the prompt (spec/escape.ts).
 */
function oneLine(label: string): string {
  return escapeMarkdownText(label);
}

export function buildPrompt(input: PromptInput): ChatMessage[] {
  const spec = withoutPriorsBlock(withoutCompiled(input.specText)).trim();
  const parts = [spec];
  if (input.priorsBlock.trim()) parts.push(input.priorsBlock.trim());
  const labels = input.instructions.map(oneLine).filter(Boolean);
  if (labels.length) parts.push([INSTRUCTIONS_HEADING, ...labels.map((l) => `- ${l}`)].join('\n'));
  parts.push(`Write \`${input.functionName}\` so that every test block passes. Reply with one \`\`\`ts block.`);
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: parts.join('\n\n') },
  ];
}
