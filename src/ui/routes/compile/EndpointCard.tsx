import { Show, createEffect, createSignal, on } from 'solid-js';
import { endpointSettings, readApiKey, saveApiKey, saveEndpoint, testEndpoint, type EndpointSettings } from '../../../services/compile';
import { errorMessage } from '../../components/errorMessage';
import { useLive } from '../../components/useLive';

/**
 * Where candidates come from: any OpenAI-compatible chat-completions endpoint. The key stays
 * in this browser (localStorage), outside every backup and sync.
 */
export function EndpointCard() {
  const stored = useLive<EndpointSettings | undefined>(endpointSettings(), undefined);
  const [baseUrl, setBaseUrl] = createSignal('');
  const [model, setModel] = createSignal('');
  const [temperature, setTemperature] = createSignal('0.7');
  const [apiKey, setApiKey] = createSignal(readApiKey());
  const [status, setStatus] = createSignal<{ ok: boolean; text: string } | undefined>();
  const [busy, setBusy] = createSignal(false);
  // The stored settings fill the form once, when they arrive, unless the person already typed.
  let dirty = false;
  let loaded = false;
  createEffect(
    on(stored, (s) => {
      if (!s || loaded) return;
      loaded = true;
      if (dirty) return;
      setBaseUrl(s.baseUrl);
      setModel(s.model);
      setTemperature(String(s.temperature));
    }),
  );
  const edit = (set: (v: string) => void) => (e: { currentTarget: HTMLInputElement }) => {
    dirty = true;
    set(e.currentTarget.value);
  };
  const form = (): EndpointSettings => ({ baseUrl: baseUrl(), model: model(), temperature: Number(temperature()) });

  // Saved as the person leaves a field (a compile always uses what the form shows).
  const save = async () => {
    try {
      const clean = await saveEndpoint(form());
      saveApiKey(apiKey());
      return clean;
    } catch (err) {
      setStatus({ ok: false, text: errorMessage(err) });
      return undefined;
    }
  };
  const test = async () => {
    setBusy(true);
    setStatus(undefined);
    try {
      const clean = await save();
      if (clean) setStatus({ ok: true, text: await testEndpoint(clean, apiKey()) });
    } catch (err) {
      setStatus({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="form card"
      aria-labelledby="endpoint-title"
      data-testid="endpoint-form"
      novalidate
      onSubmit={(e) => (e.preventDefault(), void test())}
      onChange={() => (setStatus(undefined), void save())}
    >
      <h2 id="endpoint-title">Generator</h2>
      <p class="hint">An OpenAI-compatible chat-completions endpoint: a local Ollama, llama.cpp or LM Studio server, or a hosted API.</p>
      <label>
        Base URL
        <input data-testid="endpoint-url" value={baseUrl()} onInput={edit(setBaseUrl)} placeholder="http://127.0.0.1:11434/v1" spellcheck={false} />
      </label>
      <div class="field-row">
        <label>
          Model
          <input data-testid="endpoint-model" value={model()} onInput={edit(setModel)} spellcheck={false} />
        </label>
        <label class="narrow">
          Temperature
          <input data-testid="endpoint-temperature" type="number" min="0" max="2" step="0.1" value={temperature()} onInput={edit(setTemperature)} />
        </label>
      </div>
      <label>
        API key <span class="hint">kept only in this browser; leave empty for local servers</span>
        <input data-testid="endpoint-key" type="password" autocomplete="off" value={apiKey()} onInput={(e) => setApiKey(e.currentTarget.value)} />
      </label>
      <div class="button-row">
        <button type="submit" data-testid="test-connection" disabled={busy()}>
          {busy() ? 'Testing…' : 'Test connection'}
        </button>
        <span class="hint">Saved when you leave a field.</span>
      </div>
      <Show when={status()}>
        {(s) => (
          <p class={s().ok ? 'ok-text' : 'field-error'} role={s().ok ? 'status' : 'alert'} data-testid={s().ok ? 'connection-result' : 'connection-error'}>
            {s().text}
          </p>
        )}
      </Show>
    </form>
  );
}
