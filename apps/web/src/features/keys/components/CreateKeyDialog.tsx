import type { CreatedApiKey } from '@aigw/shared/admin/keys';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/Button';
import { Dialog } from '../../../components/ui/Dialog';
import { ErrorBanner } from '../../../components/ui/ErrorBanner';
import { Input } from '../../../components/ui/Input';
import { ApiError } from '../../../lib/api-client';
import { fieldOfParam, toCreateKeyRequest, type CreateKeyErrors, type CreateKeyFormValues } from '../create-key-form';
import { useCreateKey } from '../mutations';

const EMPTY: CreateKeyFormValues = { name: '', models: '', expiresOn: '' };

const todayLocal = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export interface CreateKeyDialogProps {
  open: boolean;
  onClose: () => void;
  onCreated: (key: CreatedApiKey) => void;
}

export function CreateKeyDialog({ open, onClose, onCreated }: CreateKeyDialogProps) {
  const [values, setValues] = useState<CreateKeyFormValues>(EMPTY);
  const [localErrors, setLocalErrors] = useState<CreateKeyErrors>({});
  const create = useCreateKey();

  // An API error naming a field goes beside it; others (permission, server) are toasted globally.
  const apiError = create.error instanceof ApiError ? create.error : null;
  const apiField = fieldOfParam(apiError?.param);
  const errors: CreateKeyErrors = { ...(apiError && apiField ? { [apiField]: apiError.message } : {}), ...localErrors };
  const unplacedParamError = apiError?.param && !apiField ? apiError : null;

  const set = (field: keyof CreateKeyFormValues) => (event: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: event.target.value }));
    setLocalErrors({});
    if (create.error) create.reset();
  };

  const close = () => {
    setValues(EMPTY);
    setLocalErrors({});
    create.reset();
    onClose();
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = toCreateKeyRequest(values);
    if (!result.ok) {
      setLocalErrors(result.errors);
      return;
    }
    create.mutate(result.body, {
      onSuccess: (key) => {
        setValues(EMPTY);
        setLocalErrors({});
        create.reset();
        onCreated(key);
      },
    });
  };

  return (
    <Dialog open={open} onClose={create.isPending ? undefined : close} title="Create API key" description="Applications send this key as a Bearer token to the gateway's /v1 endpoints.">
      <form id="create-key-form" className="flex flex-col gap-4" onSubmit={submit} noValidate>
        {unplacedParamError ? <ErrorBanner error={unplacedParamError} /> : null}
        <Input label="Name" name="name" required autoComplete="off" placeholder="e.g. billing-service" value={values.name} onChange={set('name')} error={errors.name} autoFocus />
        <Input
          label="Allowed models (optional)"
          name="models"
          autoComplete="off"
          placeholder="gpt-4o*, claude-*"
          hint="Comma-separated model names or globs (* and ?). Leave blank to allow every model."
          value={values.models}
          onChange={set('models')}
          error={errors.models}
        />
        <Input
          label="Expires on (optional)"
          name="expires_on"
          type="date"
          min={todayLocal()}
          hint="The key stops working at the end of this day, in your time zone. Leave blank for no expiry."
          value={values.expiresOn}
          onChange={set('expiresOn')}
          error={errors.expires_at}
        />
      </form>
      <div className="mt-5 flex justify-end gap-2">
        <Button variant="secondary" onClick={close} disabled={create.isPending}>
          Cancel
        </Button>
        <Button type="submit" form="create-key-form" loading={create.isPending}>
          Create key
        </Button>
      </div>
    </Dialog>
  );
}
