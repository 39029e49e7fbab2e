import { useState } from 'react';
import { FormDialog } from '../../../components/ui/FormDialog';
import { Input } from '../../../components/ui/Input';
import { useRegisterHost } from '../mutations';

/** Name, URL and token of a model host; the answer already carries its first health check. */
export function RegisterHostDialog({ onClose }: { onClose: () => void }) {
  const register = useRegisterHost();
  const [values, setValues] = useState({ name: '', url: '', token: '' });
  const set = (field: keyof typeof values) => (e: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: e.target.value }));
    register.reset();
  };
  return (
    <FormDialog
      formId="register-host"
      title="Register model host"
      description="The model host agent on a GPU machine, and the MODEL_HOST_TOKEN it was started with."
      submitLabel="Register host"
      size="md"
      pending={register.isPending}
      error={register.error}
      onClose={onClose}
      onSubmit={(e) => {
        e.preventDefault();
        register.mutate(values, { onSuccess: onClose });
      }}
    >
      <Input label="Name" value={values.name} onChange={set('name')} placeholder="gpu-1" required />
      <Input label="URL" value={values.url} onChange={set('url')} placeholder="http://gpu-1:5000" required />
      <Input label="Token" type="password" value={values.token} onChange={set('token')} autoComplete="off" required />
    </FormDialog>
  );
}
