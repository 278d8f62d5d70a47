import { createSignal } from 'solid-js';

type Errors = Partial<Record<string, string>>;

/**
 * A form that shows each error beside its field (useFormSubmit shows one message for the whole
 * form). `check`, when given, finds every missing or wrong field at once before anything runs, so
 * nothing is written on bad input; what the action throws is mapped to fields by `failed`. The
 * action returns the confirmation to show; the button stays disabled while it runs.
 */
export function useFieldSubmit<E extends Errors>(options: {
  action: () => Promise<string>;
  failed: (err: unknown) => E;
  check?: () => E;
  /** After a check found errors (e.g. move focus to the first field to fix). */
  onInvalid?: () => void;
  /** After the action threw. */
  onFailed?: () => void;
}) {
  const [errors, setErrors] = createSignal<E>({} as E);
  const [saved, setSaved] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setSaved('');
    if (options.check) {
      const found = options.check();
      setErrors(() => found);
      if (Object.keys(found).length > 0) {
        options.onInvalid?.();
        return;
      }
    }
    setBusy(true);
    try {
      const message = await options.action();
      setErrors(() => ({}) as E);
      setSaved(message);
    } catch (err) {
      setErrors(() => options.failed(err));
      options.onFailed?.();
    } finally {
      setBusy(false);
    }
  };
  return { errors, setErrors, saved, busy, submit };
}
