import type { Capability, Provider, Source } from '@aigw/shared/admin/sources';
import { Button } from '../../../components/ui/Button';
import { Checkbox } from '../../../components/ui/Checkbox';
import { FormDialog } from '../../../components/ui/FormDialog';
import { Input } from '../../../components/ui/Input';
import { Select } from '../../../components/ui/Select';
import { useSaveForm } from '../../../lib/use-save-form';
import { useSaveSource } from '../mutations';
import { capabilityLabels, PROVIDERS, providerCapabilities, providerLabels, urlPlaceholders } from '../providers';
import {
  emptyInstance,
  emptySourceForm,
  sourceFieldOf,
  sourceToForm,
  toSourceRequest,
  toTestConnectionRequest,
  withProvider,
  type HealthCheckFormValues,
  type InstanceFormValues,
  type SourceFormValues,
} from '../source-form';
import { InstanceEditor } from './InstanceEditor';

export interface SourceFormDialogProps {
  /** The source to edit; null to create one. */
  source: Source | null;
  onClose: () => void;
}

/** The health check's numeric settings: the form field, its label and placeholder, and the API's name for it. */
const numericHealthFields = [
  { field: 'intervalS', label: 'Interval (s)', placeholder: '10', param: 'interval_s' },
  { field: 'timeoutMs', label: 'Probe timeout (ms)', placeholder: 'Default', param: 'timeout_ms' },
  { field: 'healthyThreshold', label: 'Healthy after', placeholder: '1 success', param: 'healthy_threshold' },
  { field: 'unhealthyThreshold', label: 'Unhealthy after', placeholder: '3 failures', param: 'unhealthy_threshold' },
] as const satisfies readonly { field: Exclude<keyof HealthCheckFormValues, 'enabled'>; label: string; placeholder: string; param: string }[];

/** Create or edit a source and its instances. Mounted while open, so it starts from `source` each time. */
export function SourceFormDialog({ source, onClose }: SourceFormDialogProps) {
  const save = useSaveSource();
  const { values, errors, unplaced, change, set, setLocalErrors, handleSubmit } = useSaveForm<SourceFormValues>(
    () => (source ? sourceToForm(source) : emptySourceForm()),
    save,
    sourceFieldOf,
  );

  const setHealth = (field: Exclude<keyof HealthCheckFormValues, 'enabled'>) => (e: { target: { value: string } }) =>
    change((v) => ({ ...v, healthCheck: { ...v.healthCheck, [field]: e.target.value } }));
  const setInstance = (index: number, patch: Partial<InstanceFormValues>) =>
    change((v) => ({ ...v, instances: v.instances.map((inst, i) => (i === index ? { ...inst, ...patch } : inst)) }));
  const toggleCapability = (capability: Capability, on: boolean) =>
    set('capabilities', on ? [...values.capabilities, capability] : values.capabilities.filter((c) => c !== capability));

  const submit = handleSubmit(
    (v) => toSourceRequest(v, source),
    (body) => save.mutate({ id: source?.id ?? null, body }, { onSuccess: onClose }),
  );

  const offered = [...new Set([...providerCapabilities[values.provider], ...values.capabilities])];

  return (
    <FormDialog
      formId="source-form"
      title={source ? `Edit ${source.name}` : 'Add service source'}
      description="A source is one upstream service (a provider account, a local server) with one or more instances the gateway balances between."
      submitLabel={source ? 'Save changes' : 'Create source'}
      pending={save.isPending}
      onSubmit={submit}
      onClose={onClose}
      error={unplaced}
    >
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <Input label="Name" autoComplete="off" placeholder="e.g. openai-main" value={values.name} onChange={(e) => set('name', e.target.value)} error={errors.name} autoFocus />
        <Select label="Provider" value={values.provider} onChange={(e) => change((v) => withProvider(v, e.target.value as Provider))} error={errors.provider}>
          {PROVIDERS.map((p) => (
            <option key={p} value={p}>
              {providerLabels[p]}
            </option>
          ))}
        </Select>
        {values.provider === 'azure-openai' ? (
          <Input
            label="API version"
            autoComplete="off"
            placeholder="2024-10-21"
            hint="Azure OpenAI's api-version query parameter."
            value={values.apiVersion}
            onChange={(e) => set('apiVersion', e.target.value)}
            error={errors.api_version}
          />
        ) : null}
        <Input
          label="Timeout (ms)"
          inputMode="numeric"
          autoComplete="off"
          placeholder="Gateway default"
          hint="How long one upstream request may take."
          value={values.timeoutMs}
          onChange={(e) => set('timeoutMs', e.target.value)}
          error={errors.timeout_ms}
        />
      </div>

      <fieldset>
        <legend className="text-sm font-medium text-neutral-800">Capabilities</legend>
        <p className="mt-0.5 text-xs text-neutral-500">What routes may send to this source. The choices are what {providerLabels[values.provider]} can serve.</p>
        <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
          {offered.map((c) => (
            <Checkbox key={c} label={capabilityLabels[c]} checked={values.capabilities.includes(c)} onChange={(e) => toggleCapability(c, e.target.checked)} />
          ))}
        </div>
        {errors.capabilities ? <p className="mt-1.5 text-xs text-red-600">{errors.capabilities}</p> : null}
      </fieldset>

      <div>
        <div className="mb-2 flex items-center justify-between gap-3">
          <h3 className="text-sm font-semibold text-neutral-900">Instances</h3>
          <Button variant="secondary" size="sm" onClick={() => change((v) => ({ ...v, instances: [...v.instances, emptyInstance()] }))}>
            Add instance
          </Button>
        </div>
        {errors.instances ? <p className="mb-2 text-xs text-red-600">{errors.instances}</p> : null}
        <div className="flex flex-col gap-3">
          {values.instances.map((instance, index) => (
            <InstanceEditor
              key={instance.rowKey}
              index={index}
              value={instance}
              errors={errors}
              urlPlaceholder={urlPlaceholders[values.provider]}
              onChange={(patch) => setInstance(index, patch)}
              onRemove={values.instances.length > 1 ? () => change((v) => ({ ...v, instances: v.instances.filter((_, i) => i !== index) })) : undefined}
              buildTest={() => toTestConnectionRequest(values, index)}
              onTestErrors={setLocalErrors}
            />
          ))}
        </div>
      </div>

      <fieldset>
        <legend className="text-sm font-semibold text-neutral-900">Health check</legend>
        <Checkbox
          className="mt-2"
          label="Active health checks"
          hint={
            source?.health_check
              ? 'On for this source (the API cannot turn them off once on). Blank fields take their default.'
              : 'Probe every instance at an interval. Off: health comes from live traffic only (3 failures in a row eject an instance).'
          }
          checked={values.healthCheck.enabled}
          disabled={Boolean(source?.health_check)}
          onChange={(e) => change((v) => ({ ...v, healthCheck: { ...v.healthCheck, enabled: e.target.checked } }))}
        />
        {errors.health_check ? <p className="mt-1.5 text-xs text-red-600">{errors.health_check}</p> : null}
        {values.healthCheck.enabled ? (
          <div className="mt-3 grid grid-cols-1 gap-4 md:grid-cols-5">
            <Input label="Path" autoComplete="off" placeholder="Provider default" value={values.healthCheck.path} onChange={setHealth('path')} error={errors['health_check.path']} />
            {numericHealthFields.map(({ field, label, placeholder, param }) => (
              <Input
                key={field}
                label={label}
                inputMode="numeric"
                autoComplete="off"
                placeholder={placeholder}
                value={values.healthCheck[field]}
                onChange={setHealth(field)}
                error={errors[`health_check.${param}`]}
              />
            ))}
          </div>
        ) : null}
      </fieldset>
    </FormDialog>
  );
}
