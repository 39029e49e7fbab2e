import { localRuntimeSchema } from '@aigw/shared/admin/local-models';
import type { ModelHost } from '@aigw/shared/admin/model-hosts';
import { FormDialog } from '../../../components/ui/FormDialog';
import { Input } from '../../../components/ui/Input';
import { Select } from '../../../components/ui/Select';
import { Textarea } from '../../../components/ui/Textarea';
import { useSaveForm } from '../../../lib/use-save-form';
import { emptyModelForm, modelBody, modelFieldOf, type SourceKind } from '../model-form';
import { useAddModel } from '../mutations';

/** The download form: a model on a host, from a hub repository or a URL; its download starts at once. */
export function AddModelDialog({ hosts, onClose }: { hosts: ModelHost[]; onClose: () => void }) {
  const add = useAddModel();
  const form = useSaveForm(() => emptyModelForm(hosts.length === 1 ? hosts[0]!.id : ''), add, modelFieldOf);
  const { values: v, errors, set } = form;
  const text = (field: 'name' | 'id' | 'repo' | 'revision' | 'include' | 'url' | 'servedName') => ({
    value: v[field],
    error: errors[field],
    onChange: (e: { target: { value: string } }) => set(field, e.target.value),
  });
  return (
    <FormDialog
      formId="add-local-model"
      title="Add local model"
      description="The host downloads the files (resuming after a break, checking each file's hash); then the model can be started."
      submitLabel={v.sourceKind === 'none' ? 'Add model' : 'Add and download'}
      size="lg"
      pending={add.isPending}
      error={form.unplaced}
      onClose={onClose}
      onSubmit={form.handleSubmit(modelBody, (body) => add.mutate(body, { onSuccess: onClose }))}
    >
      <Select label="Host" value={v.hostId} error={errors.hostId} onChange={(e) => set('hostId', e.target.value)}>
        <option value="">Choose a host…</option>
        {hosts.map((h) => (
          <option key={h.id} value={h.id}>
            {h.name}
          </option>
        ))}
      </Select>
      <div className="grid grid-cols-2 gap-4">
        <Input label="Name" {...text('name')} />
        <Input label="Id (optional)" hint="Defaults to a slug of the name" {...text('id')} />
        <Select label="Runtime" value={v.runtime} onChange={(e) => set('runtime', e.target.value as typeof v.runtime)}>
          {localRuntimeSchema.options.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </Select>
        <Input label="Served name (optional)" hint="What clients send as model; defaults to the id" {...text('servedName')} />
      </div>
      <Select label="Files from" value={v.sourceKind} onChange={(e) => set('sourceKind', e.target.value as SourceKind)}>
        <option value="hf">Hugging Face hub repository</option>
        <option value="url">A URL</option>
        <option value="none">Nothing to download</option>
      </Select>
      {v.sourceKind === 'hf' ? (
        <div className="grid grid-cols-2 gap-4">
          <Input label="Repository" placeholder="owner/name" {...text('repo')} />
          <Input label="Revision (optional)" placeholder="main" {...text('revision')} />
          <Textarea label="Only these files (optional)" hint="Patterns such as *.safetensors, one a line" className="col-span-2" rows={2} {...text('include')} />
        </div>
      ) : v.sourceKind === 'url' ? (
        <Input label="URL" placeholder="https://…/model.gguf" {...text('url')} />
      ) : null}
    </FormDialog>
  );
}
