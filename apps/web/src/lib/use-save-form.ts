import { useState, type FormEvent } from 'react';
import { placeApiError, type FieldErrors } from './form-errors';

/** A form's values checked and turned into a request body, or the errors by field. */
export type FormResult<B> = { ok: true; body: B } | { ok: false; errors: FieldErrors };

/** The part of a save mutation the form reads: its error, and a way to clear it. */
interface SaveState {
  error: Error | null;
  reset: () => void;
}

/**
 * A create/edit form's state around its save mutation: its values; the errors beside each field
 * (the form's own checks win over the API's, which `fieldOf` places); and `unplaced`, the error
 * no field shows, for a banner. Any edit clears the errors: they were about the values sent.
 */
export function useSaveForm<V>(initial: () => V, save: SaveState, fieldOf: (param: string) => string | null) {
  const [values, setValues] = useState<V>(initial);
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});

  const api = placeApiError(save.error, fieldOf);
  const errors: FieldErrors = { ...api.errors, ...localErrors };
  const unplaced = api.unplaced ?? (errors[''] ? new Error(errors['']) : null);

  const change = (update: (v: V) => V) => {
    setValues(update);
    setLocalErrors({});
    if (save.error) save.reset();
  };
  const set = <K extends keyof V>(field: K, value: V[K]) => change((v) => ({ ...v, [field]: value }));

  /** The form's submit handler: shows `check`'s errors, or hands its body to `send`. */
  const handleSubmit =
    <B>(check: (values: V) => FormResult<B>, send: (body: B) => void) =>
    (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      const result = check(values);
      if (!result.ok) {
        setLocalErrors(result.errors);
        return;
      }
      send(result.body);
    };

  return { values, errors, unplaced, change, set, setLocalErrors, handleSubmit };
}
