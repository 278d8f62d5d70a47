import { Language, LanguageDescription, LanguageSupport, ParseContext } from '@codemirror/language';
import { markdownKeymap, markdownLanguage } from '@codemirror/lang-markdown';
import { Prec } from '@codemirror/state';
import { keymap } from '@codemirror/view';
import { parseCode, type MarkdownParser } from '@lezer/markdown';

/**
 * Markdown (GitHub's flavour, as specs are written) for the spec editor, with the grammar of
 * a fenced code block loaded the first time a block in that language is shown. lang-markdown's
 * own `markdown()` is not used: its default HTML support pulls the HTML, CSS and JavaScript
 * grammars into every editor, whether or not a spec holds a line of code.
 */
const CODE_LANGUAGES: readonly LanguageDescription[] = [
  LanguageDescription.of({
    name: 'TypeScript',
    alias: ['ts', 'typescript', 'tsx', 'mts'],
    load: async () => (await import('@codemirror/lang-javascript')).javascript({ typescript: true, jsx: true }),
  }),
  LanguageDescription.of({
    name: 'JavaScript',
    alias: ['js', 'javascript', 'jsx', 'mjs', 'cjs', 'json'],
    load: async () => (await import('@codemirror/lang-javascript')).javascript({ jsx: true }),
  }),
  LanguageDescription.of({ name: 'CSS', alias: ['css'], load: async () => (await import('@codemirror/lang-css')).css() }),
  LanguageDescription.of({ name: 'HTML', alias: ['html', 'htm', 'svg', 'xml'], load: async () => (await import('@codemirror/lang-html')).html() }),
];

/** The parser for a fence's info string (`ts target` -> TypeScript); until it loads, the block stays plain. */
function codeParser(info: string) {
  const name = /\S*/.exec(info)?.[0] ?? '';
  const found = name ? LanguageDescription.matchLanguageName(CODE_LANGUAGES, name, true) : null;
  if (!found) return null;
  return found.support ? found.support.language.parser : ParseContext.getSkippingParser(found.load());
}

const language = new Language(markdownLanguage.data, (markdownLanguage.parser as MarkdownParser).configure(parseCode({ codeParser })), [], 'markdown');

export function specMarkdown(): LanguageSupport {
  // Enter continues a list or quote, Backspace removes its markup, as in lang-markdown.
  return new LanguageSupport(language, [Prec.high(keymap.of(markdownKeymap))]);
}
