import type { Namespace } from '@aigw/shared/admin/namespaces';
import type { Policy } from '@aigw/shared/admin/policies';
import { FormDialog } from '../../../components/ui/FormDialog';
import { Input } from '../../../components/ui/Input';
import { KeyValueEditor } from '../../../components/ui/KeyValueEditor';
import { Textarea } from '../../../components/ui/Textarea';
import { useSaveForm } from '../../../lib/use-save-form';
import { LimitsEditor } from '../../policies/components/LimitsEditor';
import { useSaveNamespace } from '../mutations';
import { emptyNamespaceForm, namespaceFieldOf, namespaceToForm, toNamespaceRequest, type NamespaceFormValues } from '../namespace-form';
import { PolicyPicker } from './PolicyPicker';

export interface NamespaceFormDialogProps {
  /** The namespace to edit; null to create one. */
  namespace: Namespace | null;
  policies: Policy[];
  onClose: () => void;
}

/** Create or edit a namespace. Mounted while open, so it starts from `namespace` each time. */
export function NamespaceFormDialog({ namespace, policies, onClose }: NamespaceFormDialogProps) {
  const save = useSaveNamespace();
  const { values, errors, unplaced, set, handleSubmit } = useSaveForm<NamespaceFormValues>(
    () => (namespace ? namespaceToForm(namespace) : emptyNamespaceForm()),
    save,
    namespaceFieldOf,
  );
  const submit = handleSubmit(toNamespaceRequest, (body) => save.mutate({ id: namespace?.id ?? null, body }, { onSuccess: onClose }));

  return (
    <FormDialog
      formId="namespace-form"
      title={namespace ? `Edit namespace ${namespace.name}` : 'Create namespace'}
      description="A namespace groups the traffic of a team or tenant: its API keys, and requests it selects by domain, header or path prefix. Its limits and policies apply to all of it."
      submitLabel={namespace ? 'Save changes' : 'Create namespace'}
      pending={save.isPending}
      onSubmit={submit}
      onClose={onClose}
      error={unplaced ?? (errors.matchers ? new Error(errors.matchers) : null)}
    >
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <Input
          label="Name"
          autoComplete="off"
          placeholder="e.g. acme"
          hint="Lower-case letters, digits, - and _."
          value={values.name}
          onChange={(e) => set('name', e.target.value)}
          error={errors.name}
          autoFocus
        />
        <Input label="Description (optional)" autoComplete="off" value={values.description} onChange={(e) => set('description', e.target.value)} error={errors.description} />
      </div>

      <fieldset className="flex flex-col gap-4">
        <legend className="text-sm font-semibold text-neutral-900">Matchers</legend>
        <p className="-mt-2 text-xs text-neutral-500">
          How a request without a namespaced key finds this namespace: by its domain, then a header, then a path prefix (removed before routing).
        </p>
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          <Textarea
            label="Domains"
            rows={2}
            spellCheck={false}
            placeholder="acme.example.com, *.acme.example.com"
            hint="Comma or line separated."
            value={values.domains}
            onChange={(e) => set('domains', e.target.value)}
            error={errors['matchers.domains']}
          />
          <Textarea
            label="Path prefixes"
            rows={2}
            spellCheck={false}
            placeholder="/acme"
            hint="Like /team or /team/sub, no trailing slash."
            value={values.pathPrefixes}
            onChange={(e) => set('pathPrefixes', e.target.value)}
            error={errors['matchers.path_prefixes']}
          />
        </div>
        <KeyValueEditor
          legend="Headers"
          noun="Header"
          rows={values.headers}
          onChange={(headers) => set('headers', headers)}
          hint="A request carrying one of these headers with this value belongs here (e.g. x-channel-code: acme)."
          error={errors['matchers.headers']}
          namePlaceholder="x-channel-code"
          valuePlaceholder="acme"
        />
      </fieldset>

      <LimitsEditor values={values.limits} onChange={(limits) => set('limits', limits)} errors={errors} description="Shared by all of the namespace's traffic. Blank fields are unlimited." />

      <PolicyPicker policies={policies} selected={values.policyIds} onChange={(ids) => set('policyIds', ids)} error={errors.policy_ids} />
    </FormDialog>
  );
}
