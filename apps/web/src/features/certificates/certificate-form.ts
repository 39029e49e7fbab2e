import { CERTIFICATE_EXPIRY_WARNING_DAYS, createCertificateSchema, type Certificate, type CreateCertificateRequest, type UpdateCertificateRequest } from '@aigw/shared/admin/certificates';
import type { BadgeTone } from '../../components/ui/Badge';
import { errorsFromIssues, mergeErrors, type FieldErrors } from '../../lib/form-errors';
import type { FormResult } from '../../lib/use-save-form';

/** Upload or replace: the PEMs as pasted (or read from files in the browser). */
export interface CertificateFormValues {
  name: string;
  certificate: string;
  privateKey: string;
  isDefault: boolean;
}

export const emptyCertificateForm = (): CertificateFormValues => ({ name: '', certificate: '', privateKey: '', isDefault: false });

/** Replacing starts from the name and flag only: the stored PEMs are never sent back to the browser. */
export const certificateToForm = (cert: Certificate): CertificateFormValues => ({ name: cert.name, certificate: '', privateKey: '', isDefault: cert.default });

/** The fields that show an error; the default checkbox has no place for one, so its errors go to the form's banner. */
const FIELDS = new Set(['name', 'certificate', 'private_key']);

/** The field that shows an API error about this param (null: the form's banner). */
export const certificateFieldOf = (param: string): string | null => (FIELDS.has(param) ? param : null);

/**
 * The request body. Uploading needs all three; replacing sends what changed: a new chain alone is a
 * renewal with the stored key, a new key needs its chain too.
 */
export function toCertificateRequest(values: CertificateFormValues, editing: Certificate | null = null): FormResult<CreateCertificateRequest | UpdateCertificateRequest> {
  const errors: FieldErrors = {};
  const name = values.name.trim();
  const certificate = values.certificate.trim();
  const privateKey = values.privateKey.trim();
  if (!name) errors.name = 'Name is required';
  if (!editing) {
    if (!certificate) errors.certificate = 'Paste the PEM chain (leaf first) or choose its file';
    if (!privateKey) errors.private_key = 'Paste the private key or choose its file';
    const body: CreateCertificateRequest = { name, certificate: values.certificate, private_key: values.privateKey, default: values.isDefault };
    const parsed = createCertificateSchema.safeParse(body);
    const all = mergeErrors(errors, parsed.success ? {} : errorsFromIssues(parsed.error.issues, certificateFieldOf));
    return Object.keys(all).length ? { ok: false, errors: all } : { ok: true, body };
  }
  if (privateKey && !certificate) errors.certificate = 'A new private key needs the certificate chain it belongs to';
  if (Object.keys(errors).length) return { ok: false, errors };
  const body: UpdateCertificateRequest = {
    ...(name !== editing.name ? { name } : {}),
    ...(certificate ? { certificate: values.certificate } : {}),
    ...(privateKey ? { private_key: values.privateKey } : {}),
    ...(values.isDefault !== editing.default ? { default: values.isDefault } : {}),
  };
  if (Object.keys(body).length === 0) return { ok: false, errors: { '': 'Nothing changed: paste a new chain (and key), or change the name or the default flag' } };
  return { ok: true, body };
}

/** How a certificate's expiry is flagged. */
export function expiryBadge(daysLeft: number): { tone: BadgeTone; label: string } {
  if (daysLeft < 0) return { tone: 'red', label: 'Expired' };
  if (daysLeft <= CERTIFICATE_EXPIRY_WARNING_DAYS) return { tone: 'amber', label: `Expires in ${daysLeft} ${daysLeft === 1 ? 'day' : 'days'}` };
  return { tone: 'green', label: `${daysLeft} days left` };
}
