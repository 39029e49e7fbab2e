import type { Certificate } from '@aigw/shared/admin/certificates';
import { Checkbox } from '../../../components/ui/Checkbox';
import { FormDialog } from '../../../components/ui/FormDialog';
import { Input } from '../../../components/ui/Input';
import { Textarea } from '../../../components/ui/Textarea';
import { useSaveForm } from '../../../lib/use-save-form';
import { certificateFieldOf, certificateToForm, emptyCertificateForm, toCertificateRequest, type CertificateFormValues } from '../certificate-form';
import { useSaveCertificate } from '../mutations';
import { readPemFile, type PemFieldName } from '../pem-file';

/**
 * A PEM pasted, or read from a file in the browser (its text goes in the JSON body, never the file).
 * `onFile` gets the file; what it holds is checked by readPemFile.
 */
function PemField({ label, fileLabel, placeholder, rows, value, onChange, onFile, error }: { label: string; fileLabel: string; placeholder: string; rows: number; value: string; onChange: (text: string) => void; onFile: (file: File) => void; error?: string }) {
  return (
    <div className="flex flex-col gap-1">
      <Textarea label={label} rows={rows} mono spellCheck={false} autoComplete="off" placeholder={placeholder} value={value} onChange={(e) => onChange(e.target.value)} error={error} />
      <span className="text-xs text-neutral-600">
        or read a file:{' '}
        <input
          type="file"
          aria-label={fileLabel}
          accept=".pem,.crt,.cer,.key,text/plain"
          className="text-xs"
          onChange={(e) => {
            const file = e.target.files?.[0];
            // cleared, so picking the same file again (after fixing it) reads it again
            e.target.value = '';
            if (file) onFile(file);
          }}
        />
      </span>
    </div>
  );
}

/** Upload a certificate, or replace one (renewal: a new chain for the stored key; or a new chain and key). */
export function CertificateFormDialog({ certificate, onClose }: { certificate: Certificate | null; onClose: () => void }) {
  const save = useSaveCertificate();
  const { values, errors, unplaced, set, change, setLocalErrors, handleSubmit } = useSaveForm<CertificateFormValues>(
    () => (certificate ? certificateToForm(certificate) : emptyCertificateForm()),
    save,
    certificateFieldOf,
  );
  const readFile = (file: File, field: PemFieldName) =>
    void readPemFile(file, field).then(
      (read) => {
        if (read.ok) change((v) => ({ ...v, certificate: read.values.certificate ?? v.certificate, privateKey: read.values.private_key ?? v.privateKey }));
        else setLocalErrors({ [field]: read.error });
      },
      () => setLocalErrors({ [field]: `${file.name} could not be read` }),
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
      <PemField
        label={certificate ? 'New certificate chain (PEM, leaf first; blank: keep)' : 'Certificate chain (PEM, leaf first)'}
        placeholder="-----BEGIN CERTIFICATE-----"
        rows={5}
        value={values.certificate}
        onChange={(text) => set('certificate', text)}
        fileLabel="Chain file"
        onFile={(file) => readFile(file, 'certificate')}
        error={errors.certificate}
      />
      <PemField
        label={certificate ? 'New private key (PEM; blank: keep the stored one)' : 'Private key (PEM, unencrypted)'}
        placeholder="-----BEGIN PRIVATE KEY-----"
        rows={4}
        value={values.privateKey}
        onChange={(text) => set('privateKey', text)}
        fileLabel="Key file"
        onFile={(file) => readFile(file, 'private_key')}
        error={errors.private_key}
      />
      <Checkbox
        label="Default certificate"
        hint="Served to clients whose server name no certificate covers, and to clients sending none (by IP address)."
        checked={values.isDefault}
        onChange={(e) => set('isDefault', e.target.checked)}
      />
    </FormDialog>
  );
}
