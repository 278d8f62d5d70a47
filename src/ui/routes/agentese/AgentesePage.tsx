import { Match, Switch } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { A, Navigate, useParams } from '@solidjs/router';
import { tryResolvePath } from '../../../services/agentese';
import { AGENTESE_PAGES, redirectFor } from './pages';

/** Resolves any other address as an AGENTESE path; unknown ones get suggestions, not a blank page. */
export default function AgentesePage() {
  const params = useParams<{ path: string }>();
  const resolved = () => tryResolvePath(params.path ?? '');
  return (
    <Switch>
      <Match when={(() => { const r = resolved(); return r.ok ? redirectFor(r.value.params) : undefined; })()}>
        {(href) => <Navigate href={href()} />}
      </Match>
      <Match when={(() => { const r = resolved(); return r.ok ? AGENTESE_PAGES[r.value.entry.path] : undefined; })()}>
        {(page) => <Dynamic component={page()} />}
      </Match>
      <Match when={true}>
        <section class="page">
          <h1>Page not found</h1>
          <p data-testid="not-found">
            {(() => { const r = resolved(); return r.ok ? `“${r.value.path}” has no page in this release yet.` : `Nothing lives at this address: ${r.reason}.`; })()}
          </p>
          {(() => {
            const r = resolved();
            return !r.ok && r.suggestions.length ? (
              <p>
                Did you mean{' '}
                {r.suggestions.map((s, i) => (
                  <>
                    {i > 0 ? ', ' : ''}
                    <A href={`/${s}`}>{s}</A>
                  </>
                ))}
                ?
              </p>
            ) : null;
          })()}
          <p><A href="/specs">Go to your specs</A>.</p>
        </section>
      </Match>
    </Switch>
  );
}
