import type { ChatMessage } from '../../domain/compile/prompt';
import { validateEndpoint, type EndpointSettings } from '../../domain/compile/settings';
import { BadResponseError, CompileCancelledError, CorsError, HttpStatusError, UnauthorizedError, UnreachableError } from './errors';

/**
 * Talking to an OpenAI-compatible chat-completions endpoint from the page, with errors a person
 * can act on. A refused CORS request and a dead port reject fetch with the same TypeError; a
 * second, opaque (no-cors) request tells them apart: it succeeds only when something answered.
 */
async function send(url: string, init: RequestInit, signal?: AbortSignal): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: signal ?? null });
  } catch {
    if (signal?.aborted) throw new CompileCancelledError();
    const answered = await fetch(url, { mode: 'no-cors', signal: signal ?? null }).then(
      () => true,
      () => false,
    );
    if (signal?.aborted) throw new CompileCancelledError();
    throw answered ? new CorsError(url, location.origin) : new UnreachableError(url);
  }
}

/** The server's own words about an error, from the usual JSON shapes or the start of the text. */
function detailOf(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const m = typeof body.error === 'string' ? body.error : (body.error?.message ?? body.message);
    if (typeof m === 'string') return m.slice(0, 200);
  } catch {
    // not JSON: fall through to the text itself
  }
  return text.trim().slice(0, 120);
}

async function requestJson(url: string, init: RequestInit, signal?: AbortSignal): Promise<unknown> {
  const res = await send(url, init, signal);
  const text = await res.text().catch(() => '');
  if (res.status === 401 || res.status === 403) throw new UnauthorizedError(res.status, detailOf(text));
  if (!res.ok) throw new HttpStatusError(url, res.status, detailOf(text));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadResponseError(url, `it is not JSON (it starts with ${JSON.stringify(text.slice(0, 60))})`);
  }
}

function headers(apiKey: string): Record<string, string> {
  const h: Record<string, string> = { 'Content-Type': 'application/json' };
  if (apiKey.trim()) h.Authorization = `Bearer ${apiKey.trim()}`;
  return h;
}

export interface ChatReply {
  content: string;
  /** usage.total_tokens, or about four characters a token when the server gives no usage. */
  tokens: number;
}

export async function chatCompletion(
  endpoint: EndpointSettings,
  apiKey: string,
  request: { messages: ChatMessage[]; maxTokens: number },
  signal?: AbortSignal,
): Promise<ChatReply> {
  const url = `${endpoint.baseUrl}/chat/completions`;
  const body = { model: endpoint.model, messages: request.messages, temperature: endpoint.temperature, max_tokens: request.maxTokens, stream: false };
  const json = (await requestJson(url, { method: 'POST', headers: headers(apiKey), body: JSON.stringify(body) }, signal)) as {
    choices?: { message?: { content?: unknown } }[];
    usage?: { total_tokens?: unknown };
  };
  const content = json?.choices?.[0]?.message?.content;
  if (typeof content !== 'string') throw new BadResponseError(url, 'it has no choices[0].message.content');
  const used = json.usage?.total_tokens;
  const promptChars = request.messages.reduce((n, m) => n + m.content.length, 0);
  return { content, tokens: typeof used === 'number' && used >= 0 ? used : Math.ceil((promptChars + content.length) / 4) };
}

/**
 * The connection test: lists the models (GET /models). Servers without that route are tried
 * with a one-token completion instead. Throws the errors above; returns a sentence on success.
 */
export async function testConnection(endpoint: EndpointSettings, apiKey: string, signal?: AbortSignal): Promise<string> {
  const url = `${endpoint.baseUrl}/models`;
  try {
    const json = (await requestJson(url, { headers: headers(apiKey) }, signal)) as { data?: { id?: unknown }[] };
    if (!Array.isArray(json?.data)) throw new BadResponseError(url, 'it has no "data" list of models');
    const ids = json.data.map((m) => String(m.id));
    const listed = ids.includes(endpoint.model);
    return `Connected to ${endpoint.baseUrl}: ${ids.length} model${ids.length === 1 ? '' : 's'}; ${endpoint.model} ${listed ? 'is' : 'is NOT'} among them.`;
  } catch (err) {
    if (!(err instanceof HttpStatusError && err.status === 404)) throw err;
  }
  await chatCompletion(endpoint, apiKey, { messages: [{ role: 'user', content: 'Reply with OK.' }], maxTokens: 1 }, signal);
  return `Connected to ${endpoint.baseUrl}: ${endpoint.model} answered a test request.`;
}

/** The settings form's "Test connection": checks the fields, then the endpoint. */
export function testEndpoint(input: EndpointSettings, apiKey: string, signal?: AbortSignal): Promise<string> {
  return testConnection(validateEndpoint(input), apiKey, signal);
}
