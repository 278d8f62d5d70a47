import { DEFAULT_ENDPOINT, DEFAULT_OPTIONS, validateEndpoint, validateOptions, type CompileOptions, type EndpointSettings } from '../../domain/compile/settings';
import type { Live } from '../../store/live';
import { getSetting, observeSetting, setSetting } from '../../store/settingsRepo';

/**
 * Where compile settings live. The endpoint (address, model, temperature) and each spec's
 * compile options are in the settings table. The API key is kept in localStorage of this
 * origin only: never in IndexedDB, so it never goes into a backup, an export or a sync.
 */
const ENDPOINT_KEY = 'compile.endpoint';
const API_KEY = 'metacompiler.compile.apiKey';
const optionsKey = (specId: string) => `compile.options:${specId}`;

export function endpointSettings(): Live<EndpointSettings> {
  return observeSetting<EndpointSettings>(ENDPOINT_KEY, DEFAULT_ENDPOINT);
}

// The form saves as the person leaves a field; a compile started by that same click must read
// what was just saved, so reads wait for the last save of this page.
let saving: Promise<unknown> = Promise.resolve();

export async function readEndpoint(): Promise<EndpointSettings> {
  await saving.catch(() => undefined);
  return getSetting<EndpointSettings>(ENDPOINT_KEY, DEFAULT_ENDPOINT);
}

/** Checks and stores the endpoint; throws ValidationError naming the wrong field. */
export function saveEndpoint(input: EndpointSettings): Promise<EndpointSettings> {
  const done = (async () => {
    const clean = validateEndpoint(input);
    await setSetting(ENDPOINT_KEY, clean);
    return clean;
  })();
  saving = done;
  return done;
}

export function readApiKey(): string {
  return localStorage.getItem(API_KEY) ?? '';
}

export function saveApiKey(key: string): void {
  if (key.trim()) localStorage.setItem(API_KEY, key.trim());
  else localStorage.removeItem(API_KEY);
}

export function compileOptions(specId: string): Live<CompileOptions> {
  return observeSetting<CompileOptions>(optionsKey(specId), DEFAULT_OPTIONS);
}

export function readOptions(specId: string): Promise<CompileOptions> {
  return getSetting<CompileOptions>(optionsKey(specId), DEFAULT_OPTIONS);
}

export async function saveOptions(specId: string, input: CompileOptions): Promise<CompileOptions> {
  const clean = validateOptions(input);
  await setSetting(optionsKey(specId), clean);
  return clean;
}
