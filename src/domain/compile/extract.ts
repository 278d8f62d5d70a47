import { fencedBlocks } from '../spec/fences';
import { CODE_LANGS, functionNameOf } from './target';

/**
 * The candidate code in a chat completion. Models answer in many shapes: one fenced block, a
 * block plus prose, several blocks (helpers, then the function), or bare code; reasoning
 * models add a <think> section first. Preference: the block that declares the function, then
 * the first block in a code language, then the whole reply when it declares the function.
 */
export function extractCode(reply: string, functionName: string): string | undefined {
  const text = reply.replace(/<think>[\s\S]*?<\/think>/g, '').trim();
  const blocks = fencedBlocks(text).filter((b) => b.code.trim());
  const declares = (code: string) => functionNameOf(code) === functionName || new RegExp(`\\b(const|let|var)\\s+${escape(functionName)}\\s*=`).test(code);
  const chosen = blocks.find((b) => declares(b.code)) ?? blocks.find((b) => CODE_LANGS.includes(b.lang) || b.lang === 'tsx');
  if (chosen) return chosen.code.trim();
  if (blocks.length === 0 && declares(text)) return text;
  return undefined;
}

function escape(s: string): string {
  return s.replace(/[$]/g, '\\$');
}
