import { createSignal } from 'solid-js';
import { errorMessage } from './errorMessage';

/**
 * A form whose submit either succeeds with a message to show or fails with an error to show,
 * not both at once: the action returns the confirmation; what it throws becomes the error. A long
 * action can `say` where it is before it returns (an amendment waiting in the chapel), and that
 * stays beside an error thrown later, since it happened.
 */
export function useFormSubmit(action: (say: (message: string) => void) => Promise<string>) {
  const [error, setError] = createSignal('');
  const [saved, setSaved] = createSignal('');
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setError('');
    setSaved('');
    try {
      setSaved(await action(setSaved));
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return { error, saved, submit };
}
