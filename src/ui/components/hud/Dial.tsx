import type { JSX } from 'solid-js';

export type DialTone = 'good' | 'warn' | 'bad' | 'neutral';

/**
 * A half-circle gauge. `value` in [0, 1] fills the arc; the words beside it carry the same
 * facts, so the dial is never the only way to read them.
 */
export function Dial(props: {
  label: string;
  value: number;
  tone: DialTone;
  center: string;
  testid: string;
  children: JSX.Element;
}) {
  const filled = () => Math.max(0, Math.min(1, props.value)) * 100;
  return (
    <section class={`dial dial-${props.tone}`} data-testid={props.testid} data-tone={props.tone} aria-label={props.label}>
      <h3 class="dial-label">{props.label}</h3>
      <svg class="dial-gauge" viewBox="0 0 100 58" role="img" aria-label={`${props.label}: ${props.center}`}>
        <path class="dial-track" d="M 10 50 A 40 40 0 0 1 90 50" pathLength="100" />
        <path
          class="dial-fill"
          d="M 10 50 A 40 40 0 0 1 90 50"
          pathLength="100"
          stroke-dasharray={`${filled()} 100`}
          visibility={filled() === 0 ? 'hidden' : 'visible'}
        />
        <text x="50" y="47" text-anchor="middle" class="dial-center">{props.center}</text>
      </svg>
      <div class="dial-facts">{props.children}</div>
    </section>
  );
}
