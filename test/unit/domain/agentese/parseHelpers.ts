import { parseCommand } from '../../../../src/domain/agentese/command';
import type { CommandError } from '../../../../src/domain/agentese/command';

/** The command a line parses to; fails the test when it does not parse. */
export const ok = (input: string) => {
  const r = parseCommand(input);
  if (!r.ok) throw new Error(`expected ok for ${input}: ${r.error.message}`);
  return r.command;
};

/** The error a line gives; fails the test when it parses. */
export const err = (input: string): CommandError => {
  const r = parseCommand(input);
  if (r.ok) throw new Error(`expected an error for ${input}`);
  return r.error;
};

/** The characters the UI would underline. */
export const underlined = (input: string) => {
  const e = err(input);
  return input.slice(e.from, e.to);
};
