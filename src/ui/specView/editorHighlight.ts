import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';

/**
 * Markdown colours for the plain editor drawn from the app's CSS variables, so one style reads
 * well in the light and the dark theme (CodeMirror's default style is for light backgrounds
 * only: its link blue and grey markup vanish on dark).
 */
const style = HighlightStyle.define([
  { tag: t.heading, fontWeight: '700', color: 'var(--text)' },
  { tag: t.strong, fontWeight: '700' },
  { tag: t.emphasis, fontStyle: 'italic' },
  { tag: t.strikethrough, textDecoration: 'line-through' },
  { tag: [t.processingInstruction, t.meta, t.contentSeparator, t.punctuation], color: 'var(--muted)' },
  { tag: t.link, color: 'var(--accent)' },
  { tag: t.url, color: 'var(--muted)', textDecoration: 'underline' },
  { tag: t.monospace, color: 'color-mix(in srgb, var(--warn) 75%, var(--text))' },
  { tag: t.quote, color: 'var(--muted)', fontStyle: 'italic' },
  { tag: [t.angleBracket, t.tagName], color: 'var(--good)' },
  { tag: t.attributeName, color: 'var(--accent)' },
  { tag: [t.string, t.attributeValue], color: 'color-mix(in srgb, var(--bad) 80%, var(--text))' },
  { tag: t.comment, color: 'var(--muted)', fontStyle: 'italic' },
]);

export const editorHighlight = syntaxHighlighting(style);
