/**
 * Text from data (a nudge's name, a message) written into a spec or a prompt.
 *
 * escapeMarkdownText, for plain text: every ASCII punctuation character is backslash-escaped.
 * CommonMark shows `\x` as `x` for any such character, so the text reads the same, while no
 * Markdown construct (emphasis, links, headings, lists, HTML, code) and no token of the spec
 * grammar (tokens.ts skips escaped characters; every token needs punctuation: `[`, `:`, `%`,
 * `.`, `"`) can form from it. Line breaks become spaces, so the text stays on its line.
 *
 * escapeQuotedLabel, for a label inside a token's double quotes (`[Nudge: "..." -> +5%]`):
 * there the token grammar is inert (the scanner skips quoted text, and a backslash takes the
 * next character as it is, quoted.ts), so only what Markdown would act on is escaped: the
 * quote and backslash themselves, backticks (a code span would break the token apart),
 * emphasis, brackets, angle brackets, `&` and `!`. An ordinary label stays as it is, so the
 * token still renders as a widget.
 *
 * Not covered: GFM's literal autolinks ("https://...", "www.") form even from escaped text.
 */
const PUNCTUATION = /[!-/:-@[-`{-~]/g;
const MARKDOWN_IN_QUOTES = /[\\"`*_~[\]<>&!]/g;

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

export function escapeMarkdownText(text: string): string {
  return oneLine(text).replace(PUNCTUATION, (c) => `\\${c}`);
}

export function escapeQuotedLabel(text: string): string {
  return oneLine(text).replace(MARKDOWN_IN_QUOTES, (c) => `\\${c}`);
}
