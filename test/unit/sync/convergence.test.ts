import { describe, expect, it } from 'vitest';
import { mulberry32, type Rng } from '../../../src/domain/random';
import { parseTasks } from '../../../src/domain/spec/tasks';
import { insertBetToken, insertEvidenceUnderTask, toggleTask, type TextEdit } from '../../../src/domain/spec/edits';
import { applyTextEdits } from '../../../src/sync/textEdits';
import { editsBetween } from '../../../src/domain/spec/lineEdits';
import { applyTextDiff } from '../../../src/sync/textDiff';
import { MemoryNetwork, type Replica } from './memoryNetwork';

/**
 * The sheaf condition under stress, in the style of Yjs's own randomised tests: five replicas
 * edit one spec through every surface's edit functions (typing, task toggles, token inserts,
 * checkpoint restores) while updates are delayed, reordered and lost and replicas drop off
 * and come back. After healing the network, every replica must read the same text.
 * `FULL=1` runs 1,000 seeds; the quick run takes 50.
 */
const SEEDS = process.env.FULL ? 1000 : 50;
const REPLICAS = 5;
const STEPS = 80;

const START = `# Parser

## Tasks
- [ ] Tokenise input
- [x] Write the grammar
  - [ ] Nested step
- [ ] Error messages
`;

const ALPHABET = ['a', 'b', 'x', ' ', '\n', '- [ ] ', '[', ']', 'é', '→', '\r\n', '`', '  '];

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const int = (rng: Rng, n: number) => Math.floor(rng() * n);

interface Surface {
  name: string;
  edit(rng: Rng, r: Replica, checkpoints: string[]): TextEdit[];
}

const typing: Surface = {
  name: 'typing',
  edit(rng, r) {
    const text = r.text.toString();
    const at = int(rng, text.length + 1);
    if (rng() < 0.6 || text.length === 0) {
      let s = '';
      for (let n = 1 + int(rng, 4); n > 0; n--) s += pick(rng, ALPHABET);
      return [{ from: at, to: at, insert: s }];
    }
    return [{ from: at, to: Math.min(text.length, at + 1 + int(rng, 6)), insert: '' }];
  },
};

const tasks: Surface = {
  name: 'task toggle',
  edit(rng, r) {
    const text = r.text.toString();
    const all = parseTasks(text);
    return all.length ? toggleTask(text, pick(rng, all)) : [];
  },
};

const tokens: Surface = {
  name: 'token insert',
  edit(rng, r) {
    const text = r.text.toString();
    const all = parseTasks(text);
    if (!all.length) return [{ from: text.length, to: text.length, insert: '\n- [ ] New task' }];
    const task = pick(rng, all);
    return rng() < 0.5
      ? insertBetToken(text, task, { estimatedHours: 1 + int(rng, 8), confidence: pick(rng, [0.5, 0.75, 0.9]) })
      : insertEvidenceUnderTask(text, task, `run_${r.id}_${int(rng, 1000)}`);
  },
};

const restore: Surface = {
  name: 'checkpoint restore',
  edit(rng, r, checkpoints) {
    if (!checkpoints.length || rng() < 0.4) {
      checkpoints.push(r.text.toString());
      return [];
    }
    return editsBetween(r.text.toString(), pick(rng, checkpoints));
  },
};

const SURFACES: readonly Surface[] = [typing, typing, typing, tasks, tokens, restore];

function runSeed(seed: number): void {
  const rng = mulberry32(seed);
  const net = new MemoryNetwork(REPLICAS, rng, { dropRate: 0.15, maxDelay: 4 });
  try {
    applyTextEdits(net.replicas[0]!.text, [{ from: 0, to: 0, insert: START }]);
    net.heal();
    const checkpoints: string[][] = net.replicas.map(() => []);
    for (let step = 0; step < STEPS; step++) {
      const r = pick(rng, net.replicas);
      const roll = rng();
      if (roll < 0.08 && r.online) net.disconnect(r.id);
      else if (roll < 0.16 && !r.online) net.reconnect(r.id);
      else {
        const surface = pick(rng, SURFACES);
        const edits = surface.edit(rng, r, checkpoints[r.id]!);
        const expected = applyTextEdits(r.text, edits);
        // Each surface's edit lands exactly as computed on the replica that made it.
        if (r.text.toString() !== expected) throw new Error(`step ${step}: ${surface.name} on replica ${r.id} did not apply as computed`);
      }
      if (rng() < 0.7) net.tick();
    }
    net.heal();
    const texts = net.replicas.map((r) => r.text.toString());
    for (const [i, t] of texts.entries())
      if (t !== texts[0]) throw new Error(`replica ${i} differs from replica 0:\n${JSON.stringify(t)}\nvs\n${JSON.stringify(texts[0])}`);
    for (const r of net.replicas) if (r.doc.store.pendingStructs) throw new Error(`replica ${r.id} still has pending updates`);
  } finally {
    net.destroy();
  }
}

describe(`convergence: ${REPLICAS} replicas, every surface, lossy network (${SEEDS} seeds)`, () => {
  it('every replica reads the same text after healing', () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      try {
        runSeed(seed);
      } catch (e) {
        const message = `convergence failed for seed ${seed} (replay: runSeed(${seed})): ${(e as Error).message}`;
        console.error(message);
        throw new Error(message, { cause: e });
      }
    }
  }, 600_000);

  it('a restore reproduces the checkpoint byte for byte, however the text changed since', () => {
    const rng = mulberry32(7);
    for (let n = 0; n < 300; n++) {
      const net = new MemoryNetwork(1, rng, { dropRate: 0, maxDelay: 0 });
      const [r] = net.replicas as [Replica];
      applyTextEdits(r.text, [{ from: 0, to: 0, insert: START }]);
      const checkpoint = r.text.toString();
      for (let k = 0; k < 10; k++) applyTextEdits(r.text, pick(rng, SURFACES).edit(rng, r, []));
      applyTextDiff(r.text, checkpoint);
      expect(r.text.toString()).toBe(checkpoint);
      net.destroy();
    }
  }, 600_000);
});
