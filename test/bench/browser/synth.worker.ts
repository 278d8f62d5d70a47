import * as Comlink from 'comlink';
import { mulberry32, normal } from '../../../src/domain/random';
import { batchTransferList, type RunBatch } from '../../../src/domain/learning/engine/batch';

/**
 * Synthetic evidence for the refit benchmark, made off the page: n runs on `specs` specs, each
 * applying `perRun` distinct nudges of `nudges`, outcomes from a true logistic model (spec
 * intercepts ~ N(0, 1), effects ~ N(0, 0.3^2)). Returned as one transferred RunBatch.
 */
const api = {
  make(n: number, nudges: number, specs: number, perRun: number, seed: number): RunBatch {
    const rng = mulberry32(seed);
    const effect = Float64Array.from({ length: nudges }, () => 0.3 * normal(rng));
    const intercept = Float64Array.from({ length: specs }, () => normal(rng));
    const passed = new Uint8Array(n);
    const spec = new Int32Array(n);
    const offsets = new Int32Array(n + 1);
    const nudgeIdx = new Int32Array(n * perRun);
    const taken = new Uint8Array(nudges);
    const row = new Int32Array(perRun);
    for (let i = 0; i < n; i++) {
      const s = Math.floor(rng() * specs);
      spec[i] = s;
      let eta = intercept[s]!;
      for (let j = 0; j < perRun; j++) {
        let k: number;
        do k = Math.floor(rng() * nudges);
        while (taken[k]);
        taken[k] = 1;
        row[j] = k;
        eta += effect[k]!;
      }
      row.sort();
      for (let j = 0; j < perRun; j++) {
        nudgeIdx[i * perRun + j] = row[j]!;
        taken[row[j]!] = 0;
      }
      offsets[i + 1] = (i + 1) * perRun;
      passed[i] = rng() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    }
    const batch: RunBatch = {
      enc: {
        n,
        passed,
        spec,
        offsets,
        nudgeIdx,
        weight: new Float32Array(n).fill(1),
        nudgeKeys: Array.from({ length: nudges }, (_, k) => `nudge ${k}`),
        specKeys: Array.from({ length: specs }, (_, s) => `spec ${s}`),
      },
      at: Float64Array.from({ length: n }, (_, i) => 1_700_000_000_000 + i * 1000),
      flaky: new Uint8Array(n),
      becameFlaky: new Int32Array(0),
      messages: { text: '', counts: new Int32Array(n), lengths: new Int32Array(0) },
    };
    return Comlink.transfer(batch, batchTransferList(batch));
  },
};

export type SynthApi = typeof api;
Comlink.expose(api);
