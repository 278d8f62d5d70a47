import type { RunCollector } from './collector';
import { LineSplitter, type LineHandler } from './lines';
import type { ChunkParser } from './types';

/**
 * The streaming parser of a line-based format (JSON Lines, go test -json, TAP): chunks are split
 * into lines for `onLine`, which validates and collects runs in `out`. `settle` closes whatever
 * the last lines left pending (a TAP test point waiting for its diagnostics), before the runs
 * are read, at the end and for a preview; `check` runs at the end only, once every line is in,
 * and throws when the file as a whole is wrong (no records at all, cut off).
 */
export function lineParser(file: string, onLine: LineHandler, out: RunCollector, hooks: { settle?: () => void; check?: () => void } = {}): ChunkParser {
  const lines = new LineSplitter(file, onLine);
  return {
    push: (text) => lines.push(text),
    take: () => out.take(),
    takeLegacy: () => out.takeLegacy(),
    end() {
      lines.end();
      hooks.settle?.();
      hooks.check?.();
      return out.result();
    },
    // A preview of the file's head leaves out the line the head cuts in half.
    partial() {
      hooks.settle?.();
      return out.result();
    },
  };
}
