/**
 * Terminal colour and cursor codes (ANSI CSI sequences) in a message, in both the forms test
 * reports carry them: the raw ESC character, and pytest's XML-safe spelling of it, the literal
 * text "#x1B" (pytest writes "#x1B[31m" for ESC [31m, since XML 1.0 forbids ESC).
 */
const ANSI = new RegExp(`(?:${String.fromCharCode(27)}|#x1[Bb])\\[[0-?]*[ -/]*[@-~]`, 'g');

/**
 * A message as a person saw it in their terminal: colour codes removed. They are not part of
 * what failed, and left in they make one failure look like several (each colouring its own
 * failure-mode signature) and messages thousands of characters long.
 */
export function withoutColour(text: string): string {
  return text.includes('\u001b') || text.includes('#x1') ? text.replace(ANSI, '') : text;
}
