import { createSignal } from 'solid-js';
import { errorMessage } from './errorMessage';

/**
 * A form whose submit either succeeds with a message to show or fails with an error to show,
 * never both: the action returns the confirmation; what it throws becomes the error.
 */
export function useFormSubmit(action: () => Promise<string>) {
  const [error, setError] = createSignal('');
  const [saved, setSaved] = createSignal('');
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setError('');
    setSaved('');
    try {
      setSaved(await action());
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return { error, saved, submit };
}
