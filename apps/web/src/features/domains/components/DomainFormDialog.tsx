import type { Certificate } from '@aigw/shared/admin/certificates';
import type { Domain } from '@aigw/shared/admin/domains';
import type { Namespace } from '@aigw/shared/admin/namespaces';
import { Checkbox } from '../../../components/ui/Checkbox';
import { FormDialog } from '../../../components/ui/FormDialog';
import { Input } from '../../../components/ui/Input';
import { Select } from '../../../components/ui/Select';
import { Textarea } from '../../../components/ui/Textarea';
import { useSaveForm } from '../../../lib/use-save-form';
import { domainFieldOf, domainToForm, emptyDomainForm, toDomainRequest, type DomainFormValues } from '../domain-form';
import { useSaveDomain } from '../mutations';

export interface DomainFormDialogProps {
  domain: Domain | null;
  namespaces: Namespace[];
  certificates: Certificate[];
  onClose: () => void;
}

/** Create or edit a domain. Mounted while open, so it starts from `domain` each time. */
export function DomainFormDialog({ domain, namespaces, certificates, onClose }: DomainFormDialogProps) {
  const save = useSaveDomain();
  const { values, errors, unplaced, set, handleSubmit } = useSaveForm<DomainFormValues>(() => (domain ? domainToForm(domain) : emptyDomainForm()), save, domainFieldOf);
  const submit = handleSubmit(toDomainRequest, (body) => save.mutate({ id: domain?.id ?? null, body }, { onSuccess: onClose }));

  return (
    <FormDialog
      formId="domain-form"
      title={domain ? `Edit domain ${domain.hostname}` : 'Add domain'}
      description="A request's Host picks its domain (an exact name before a wildcard); the domain's namespace and rules then apply, before authentication."
      submitLabel={domain ? 'Save changes' : 'Add domain'}
      pending={save.isPending}
      onSubmit={submit}
      onClose={onClose}
      error={unplaced}
      size="lg"
    >
      <Input label="Host name" placeholder="api.example.com or *.example.com" autoComplete="off" value={values.hostname} onChange={(e) => set('hostname', e.target.value)} error={errors.hostname} autoFocus />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <Select label="Namespace" value={values.namespaceId} onChange={(e) => set('namespaceId', e.target.value)} error={errors.namespace_id}>
          <option value="">None (global routes)</option>
          {namespaces.map((ns) => (
            <option key={ns.id} value={ns.id}>
              {ns.name}
            </option>
          ))}
        </Select>
        <Select label="Certificate" value={values.certificateId} onChange={(e) => set('certificateId', e.target.value)} error={errors.certificate_id}>
          <option value="">Automatic (by the certificates' names)</option>
          {certificates.map((cert) => (
            <option key={cert.id} value={cert.id}>
              {cert.name} ({cert.sans.join(', ')})
            </option>
          ))}
        </Select>
      </div>
      <div className="flex flex-wrap gap-6">
        <Checkbox label="Enabled" checked={values.enabled} onChange={(e) => set('enabled', e.target.checked)} />
        <Checkbox label="Redirect HTTP to HTTPS" checked={values.redirectHttps} onChange={(e) => set('redirectHttps', e.target.checked)} />
        <Checkbox label="HSTS" hint="Strict-Transport-Security on HTTPS answers" checked={values.hsts} onChange={(e) => set('hsts', e.target.checked)} />
      </div>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <Textarea label="Allowed CORS origins" hint="e.g. https://app.example.com, or *; blank: none" rows={2} spellCheck={false} value={values.corsOrigins} onChange={(e) => set('corsOrigins', e.target.value)} error={errors.cors_origins} />
        <Textarea label="Allowed client addresses" hint="IPs or CIDR ranges; blank: any" rows={2} spellCheck={false} value={values.allowedIps} onChange={(e) => set('allowedIps', e.target.value)} error={errors.allowed_ips} />
      </div>
    </FormDialog>
  );
}
