import type { ApiKey } from '@aigw/shared/admin/keys';
import type { Namespace } from '@aigw/shared/admin/namespaces';
import type { Policy } from '@aigw/shared/admin/policies';
import { FormDialog } from '../../../components/ui/FormDialog';
import { Input } from '../../../components/ui/Input';
import { Select } from '../../../components/ui/Select';
import { useSaveForm } from '../../../lib/use-save-form';
import { PolicyPicker } from '../../namespaces/components/PolicyPicker';
import { LimitsEditor } from '../../policies/components/LimitsEditor';
import { keyGovernanceFieldOf, keyToGovernanceForm, toKeyUpdateRequest, type KeyGovernanceValues } from '../key-governance-form';
import { useUpdateKey } from '../mutations';

export interface EditKeyDialogProps {
  apiKey: ApiKey;
  namespaces: Namespace[];
  policies: Policy[];
  onClose: () => void;
}

/** A key's name, models, namespace, own limits and policies; effective on every replica within a second. */
export function EditKeyDialog({ apiKey, namespaces, policies, onClose }: EditKeyDialogProps) {
  const save = useUpdateKey();
  const { values, errors, unplaced, set, handleSubmit } = useSaveForm<KeyGovernanceValues>(() => keyToGovernanceForm(apiKey), save, keyGovernanceFieldOf);
  const submit = handleSubmit(toKeyUpdateRequest, (body) => save.mutate({ id: apiKey.id, body }, { onSuccess: onClose }));

  return (
    <FormDialog
      formId="edit-key-form"
      title={`Edit key ${apiKey.name}`}
      description="Changes apply to the key's next request, on every gateway replica within a second. The secret itself does not change."
      submitLabel="Save changes"
      pending={save.isPending}
      onSubmit={submit}
      onClose={onClose}
      error={unplaced}
      size="xl"
    >
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <Input label="Name" autoComplete="off" value={values.name} onChange={(e) => set('name', e.target.value)} error={errors.name} autoFocus />
        <Select label="Namespace" value={values.namespaceId} onChange={(e) => set('namespaceId', e.target.value)} error={errors.namespace_id}>
          <option value="">None</option>
          {namespaces.map((ns) => (
            <option key={ns.id} value={ns.id}>
              {ns.name}
            </option>
          ))}
        </Select>
      </div>
      <Input
        label="Allowed models"
        autoComplete="off"
        placeholder="gpt-4o*, claude-*"
        hint="Comma-separated model names or globs; blank allows every model."
        value={values.models}
        onChange={(e) => set('models', e.target.value)}
        error={errors.models}
      />
      <LimitsEditor values={values.limits} onChange={(limits) => set('limits', limits)} errors={errors} description="This key's own limits, on top of its namespace's and policies' (the tightest wins). Blank fields are unlimited." />
      <PolicyPicker policies={policies} selected={values.policyIds} onChange={(ids) => set('policyIds', ids)} error={errors.policy_ids} />
    </FormDialog>
  );
}
