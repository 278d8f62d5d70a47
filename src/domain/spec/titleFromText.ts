import { MAX_TITLE_LENGTH } from './spec';

/**
 * The title a spec's text gives itself: its first level-one heading (`# Title`), whitespace
 * collapsed, cut to the longest title allowed; undefined when the text has none. A spec joined
 * by a link takes its title from here, never from the link, which anyone can edit.
 */
export function titleFromText(text: string): string | undefined {
  const m = /^# +(.+)$/m.exec(text);
  const title = m?.[1]?.replace(/#+\s*$/, '').replace(/\s+/g, ' ').trim();
  return title ? title.slice(0, MAX_TITLE_LENGTH) : undefined;
}
