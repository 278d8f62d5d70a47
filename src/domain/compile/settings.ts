import { ValidationError } from '../errors';

/**
 * What a compilation needs to know: where the generator is (any OpenAI-compatible
 * chat-completions endpoint: Ollama, llama.cpp, LM Studio, a hosted API) and how much to ask of
 * it. Checked here so the form, the service and the tests agree on the limits.
 */
export interface EndpointSettings {
  /** Up to and including the API version, e.g. http://127.0.0.1:11434/v1 (no trailing slash). */
  baseUrl: string;
  model: string;
  temperature: number;
}

export interface CompileOptions {
  /** Variations to generate: 1-100 (issue 7). */
  variations: number;
  /** Variations in flight at once (requests and verifications): 1-16. */
  concurrency: number;
  /** max_tokens asked of the model for each variation. */
  maxTokensPerVariation: number;
  /** Stop starting variations once this many tokens were used in total; 0 = no limit. */
  tokenBudget: number;
  /** Each candidate's run against the tests; its worker is terminated past it. */
  timeLimitMs: number;
  /** Nudge labels the policy may apply. */
  nudges: string[];
}

export const DEFAULT_ENDPOINT: EndpointSettings = { baseUrl: 'http://127.0.0.1:11434/v1', model: 'qwen2.5-coder:7b', temperature: 0.7 };

export const DEFAULT_OPTIONS: CompileOptions = {
  variations: 10,
  concurrency: 3,
  maxTokensPerVariation: 1024,
  tokenBudget: 0,
  timeLimitMs: 2000,
  nudges: [],
};

function wholeIn(field: string, v: number, lo: number, hi: number): number {
  if (!Number.isInteger(v) || v < lo || v > hi) throw new ValidationError(field, `must be a whole number from ${lo} to ${hi} (got ${String(v)})`);
  return v;
}

export function validateEndpoint(input: EndpointSettings): EndpointSettings {
  const raw = input.baseUrl.trim().replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ValidationError('baseUrl', 'must be a full address, e.g. http://127.0.0.1:11434/v1');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ValidationError('baseUrl', 'must start with http:// or https://');
  const model = input.model.trim();
  if (!model) throw new ValidationError('model', 'name the model, e.g. qwen2.5-coder:7b');
  if (!Number.isFinite(input.temperature) || input.temperature < 0 || input.temperature > 2) {
    throw new ValidationError('temperature', 'must be a number from 0 to 2');
  }
  return { baseUrl: raw, model, temperature: input.temperature };
}

export function validateOptions(input: CompileOptions): CompileOptions {
  const nudges: string[] = [];
  for (const [i, n] of input.nudges.entries()) {
    const label = n.replace(/\s+/g, ' ').trim();
    if (!label) throw new ValidationError(`nudges[${i + 1}]`, 'a nudge needs a name (this one is empty)');
    if (!nudges.some((x) => x.toLowerCase() === label.toLowerCase())) nudges.push(label);
  }
  return {
    variations: wholeIn('variations', input.variations, 1, 100),
    concurrency: wholeIn('concurrency', input.concurrency, 1, 16),
    maxTokensPerVariation: wholeIn('maxTokensPerVariation', input.maxTokensPerVariation, 16, 32768),
    tokenBudget: wholeIn('tokenBudget', input.tokenBudget, 0, 10_000_000),
    timeLimitMs: wholeIn('timeLimitMs', input.timeLimitMs, 100, 60_000),
    nudges,
  };
}
