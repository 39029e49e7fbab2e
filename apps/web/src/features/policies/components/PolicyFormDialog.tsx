import type { Policy } from '@aigw/shared/admin/policies';
import { Checkbox } from '../../../components/ui/Checkbox';
import { FormDialog } from '../../../components/ui/FormDialog';
import { Input } from '../../../components/ui/Input';
import { Select } from '../../../components/ui/Select';
import { Textarea } from '../../../components/ui/Textarea';
import { useSaveForm } from '../../../lib/use-save-form';
import { useSavePolicy } from '../mutations';
import { emptyPolicyForm, LIMIT_BY_OPTIONS, policyFieldOf, policyToForm, toPolicyRequest, type LimitBy, type PolicyFormValues } from '../policy-form';
import { LimitsEditor } from './LimitsEditor';

export interface PolicyFormDialogProps {
  /** The policy to edit; null to create one. */
  policy: Policy | null;
  onClose: () => void;
}

/** Create or edit a policy. Mounted while open, so it starts from `policy` each time. */
export function PolicyFormDialog({ policy, onClose }: PolicyFormDialogProps) {
  const save = useSavePolicy();
  const { values, errors, unplaced, set, handleSubmit } = useSaveForm<PolicyFormValues>(() => (policy ? policyToForm(policy) : emptyPolicyForm()), save, policyFieldOf);
  const submit = handleSubmit(
    (v) => toPolicyRequest(v, policy),
    (body) => save.mutate({ id: policy?.id ?? null, body }, { onSuccess: onClose }),
  );
  const list = (field: 'allowedModels' | 'deniedModels' | 'allowedRoutes' | 'deniedRoutes' | 'allowedIps') => ({
    rows: 2,
    spellCheck: false,
    value: values[field],
    onChange: (e: { target: { value: string } }) => set(field, e.target.value),
  });

  return (
    <FormDialog
      formId="policy-form"
      title={policy ? `Edit policy ${policy.name}` : 'Create policy'}
      description="A policy is a reusable set of rules for the API keys, namespaces and routes it is attached to. Everything that applies to a request must pass, and the tightest limit wins."
      submitLabel={policy ? 'Save changes' : 'Create policy'}
      pending={save.isPending}
      onSubmit={submit}
      onClose={onClose}
      error={unplaced}
    >
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <Input label="Name" autoComplete="off" placeholder="e.g. standard-tier" value={values.name} onChange={(e) => set('name', e.target.value)} error={errors.name} autoFocus />
        <Input label="Description (optional)" autoComplete="off" value={values.description} onChange={(e) => set('description', e.target.value)} error={errors.description} />
      </div>

      <fieldset className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <legend className="mb-3 text-sm font-semibold text-neutral-900">Models and routes</legend>
        <Textarea label="Allowed models" placeholder="Any model" hint="Names or globs (* and ?), comma or line separated. Blank: any model." error={errors.allowed_models} {...list('allowedModels')} />
        <Textarea label="Denied models" placeholder="None" hint="Refused even when allowed above." error={errors.denied_models} {...list('deniedModels')} />
        <Textarea label="Allowed routes" placeholder="Any route" hint="Route names. Blank: any route." error={errors.allowed_routes} {...list('allowedRoutes')} />
        <Textarea label="Denied routes" placeholder="None" hint="Route names refused." error={errors.denied_routes} {...list('deniedRoutes')} />
      </fieldset>

      <LimitsEditor values={values.limits} onChange={(limits) => set('limits', limits)} errors={errors} description="Blank fields are unlimited. Max output tokens caps each request's max_tokens." />

      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <Select label="Counters" value={values.limitBy} onChange={(e) => set('limitBy', e.target.value as LimitBy)} hint={LIMIT_BY_OPTIONS.find((o) => o.value === values.limitBy)?.description} error={errors.limit_by}>
          {LIMIT_BY_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
        <Input
          label="Max request size (bytes)"
          inputMode="numeric"
          autoComplete="off"
          placeholder="No limit"
          value={values.maxRequestBytes}
          onChange={(e) => set('maxRequestBytes', e.target.value)}
          error={errors.max_request_bytes}
        />
        <Textarea label="Allowed client IPs" placeholder="Any address" hint="Addresses or CIDR ranges (10.0.0.0/8). Blank: any." error={errors.allowed_ips} {...list('allowedIps')} />
      </div>

      <Checkbox
        label="Keep request and response bodies"
        hint="Stores up to 64 KiB of each with the usage record, for admins to read. Off by default."
        checked={values.logBodies}
        onChange={(e) => set('logBodies', e.target.checked)}
      />
    </FormDialog>
  );
}
