import type { Certificate } from '@aigw/shared/admin/certificates';
import { Checkbox } from '../../../components/ui/Checkbox';
import { FormDialog } from '../../../components/ui/FormDialog';
import { Input } from '../../../components/ui/Input';
import { Textarea } from '../../../components/ui/Textarea';
import { useSaveForm } from '../../../lib/use-save-form';
import { certificateFieldOf, certificateToForm, emptyCertificateForm, toCertificateRequest, type CertificateFormValues } from '../certificate-form';
import { useSaveCertificate } from '../mutations';

/** A PEM file read in the browser (never uploaded as a file: its text goes in the JSON body). */
function PemFile({ label, onText }: { label: string; onText: (text: string) => void }) {
  return (
    <label className="text-xs text-neutral-600">
      {label}{' '}
      <input type="file" accept=".pem,.crt,.cer,.key,text/plain" className="text-xs" onChange={(e) => void e.target.files?.[0]?.text().then(onText)} />
    </label>
  );
}

/** Upload a certificate, or replace one (renewal: a new chain for the stored key; or a new chain and key). */
export function CertificateFormDialog({ certificate, onClose }: { certificate: Certificate | null; onClose: () => void }) {
  const save = useSaveCertificate();
  const { values, errors, unplaced, set, handleSubmit } = useSaveForm<CertificateFormValues>(
    () => (certificate ? certificateToForm(certificate) : emptyCertificateForm()),
    save,
    certificateFieldOf,
  );
  const submit = handleSubmit(
    (v) => toCertificateRequest(v, certificate),
    (body) => save.mutate({ id: certificate?.id ?? null, body }, { onSuccess: onClose }),
  );

  return (
    <FormDialog
      formId="certificate-form"
      title={certificate ? `Replace certificate ${certificate.name}` : 'Upload certificate'}
      description={
        certificate
          ? 'New connections get the new certificate on every replica within a second; open ones keep theirs. A new chain alone keeps the stored private key.'
          : 'The chain is checked (it parses, the key matches the leaf, the chain is in order, the dates are valid) before it is saved. The private key is stored encrypted and never shown again.'
      }
      submitLabel={certificate ? 'Replace certificate' : 'Upload certificate'}
      pending={save.isPending}
      onSubmit={submit}
      onClose={onClose}
      error={unplaced}
      size="lg"
    >
      <Input label="Name" autoComplete="off" value={values.name} onChange={(e) => set('name', e.target.value)} error={errors.name} autoFocus={!certificate} />
      <div className="flex flex-col gap-1">
        <Textarea
          label={certificate ? 'New certificate chain (PEM, leaf first; blank: keep)' : 'Certificate chain (PEM, leaf first)'}
          rows={5}
          mono
          spellCheck={false}
          placeholder="-----BEGIN CERTIFICATE-----"
          value={values.certificate}
          onChange={(e) => set('certificate', e.target.value)}
          error={errors.certificate}
        />
        <PemFile label="or read a file:" onText={(text) => set('certificate', text)} />
      </div>
      <div className="flex flex-col gap-1">
        <Textarea
          label={certificate ? 'New private key (PEM; blank: keep the stored one)' : 'Private key (PEM, unencrypted)'}
          rows={4}
          mono
          spellCheck={false}
          autoComplete="off"
          placeholder="-----BEGIN PRIVATE KEY-----"
          value={values.privateKey}
          onChange={(e) => set('privateKey', e.target.value)}
          error={errors.private_key}
        />
        <PemFile label="or read a file:" onText={(text) => set('privateKey', text)} />
      </div>
      <Checkbox
        label="Default certificate"
        hint="Served to clients whose server name no certificate covers, and to clients sending none (by IP address)."
        checked={values.isDefault}
        onChange={(e) => set('isDefault', e.target.checked)}
      />
    </FormDialog>
  );
}
