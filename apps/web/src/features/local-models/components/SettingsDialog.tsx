import type { HostedModel } from '@aigw/shared/admin/model-hosts';
import { Checkbox } from '../../../components/ui/Checkbox';
import { FormDialog } from '../../../components/ui/FormDialog';
import { Input } from '../../../components/ui/Input';
import { KeyValueEditor } from '../../../components/ui/KeyValueEditor';
import { Select } from '../../../components/ui/Select';
import { Textarea } from '../../../components/ui/Textarea';
import { useSaveForm } from '../../../lib/use-save-form';
import { settingsBody, settingsForm, type SettingsFormValues } from '../model-form';
import { useSaveSettings } from '../mutations';

const FIELDS: Record<string, string> = { served_name: 'servedName', args: 'args', env: 'env', gpus: 'gpus', restart: 'maxRetries', readiness_path: 'readinessPath', readiness_timeout_s: 'readinessTimeout' };
/** An API error's `param` (`env.FOO`, `restart.max_retries`) -> the field that shows it. */
const fieldOf = (param: string): string | null => FIELDS[param.split('.')[0]!] ?? null;

/** A model's settings; the host refuses changes while the model runs (409, shown as it comes). */
export function SettingsDialog({ model, canWrite, onClose }: { model: HostedModel; canWrite: boolean; onClose: () => void }) {
  const save = useSaveSettings();
  const form = useSaveForm(() => settingsForm(model.settings), save, fieldOf);
  const { values: v, errors, set } = form;
  const text = (field: Exclude<keyof SettingsFormValues, 'env' | 'autoStart' | 'policy'>) => ({
    value: v[field],
    error: errors[field],
    disabled: !canWrite,
    onChange: (e: { target: { value: string } }) => set(field, e.target.value),
  });
  return (
    <FormDialog
      formId="local-model-settings"
      title={`Settings of ${model.id}`}
      description={`On ${model.host_name}. Editable while the model is stopped.`}
      submitLabel="Save settings"
      size="lg"
      pending={save.isPending}
      error={form.unplaced}
      onClose={onClose}
      onSubmit={form.handleSubmit(settingsBody, (body) => {
        if (canWrite) save.mutate({ id: model.id, hostId: model.host_id, body }, { onSuccess: onClose });
      })}
    >
      <div className="grid grid-cols-2 gap-4">
        <Input label="Served name" hint="Empty: the model's id" {...text('servedName')} />
        <Input label="GPUs" hint='"auto" or indexes such as 0, 1' {...text('gpus')} />
        <Input label="Readiness path" {...text('readinessPath')} />
        <Input label="Readiness timeout (s)" inputMode="numeric" {...text('readinessTimeout')} />
        <Select label="Restart after a crash" value={v.policy} disabled={!canWrite} onChange={(e) => set('policy', e.target.value as typeof v.policy)}>
          <option value="on-failure">On failure</option>
          <option value="always">Always</option>
          <option value="never">Never</option>
        </Select>
        <Input label="Max restarts in a row" inputMode="numeric" {...text('maxRetries')} />
      </div>
      <Textarea label="Extra arguments" hint="One a line; placeholders such as {port} allowed" mono rows={3} {...text('args')} />
      <KeyValueEditor legend="Environment" noun="Variable" rows={v.env} onChange={(rows) => set('env', rows)} error={errors.env} disabled={!canWrite} />
      <Checkbox label="Start when the host starts" checked={v.autoStart} disabled={!canWrite} onChange={(e) => set('autoStart', e.target.checked)} />
    </FormDialog>
  );
}
