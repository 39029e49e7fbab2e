import { createDomainSchema, type CreateDomainRequest, type Domain } from '@aigw/shared/admin/domains';
import { errorsFromIssues, parseList } from '../../lib/form-errors';
import type { FormResult } from '../../lib/use-save-form';

/** The domain form as it holds its values: lists as comma or line separated text, '' for "none". */
export interface DomainFormValues {
  hostname: string;
  namespaceId: string;
  /** '' : chosen automatically by the certificates' names. */
  certificateId: string;
  enabled: boolean;
  redirectHttps: boolean;
  hsts: boolean;
  corsOrigins: string;
  allowedIps: string;
}

export const emptyDomainForm = (): DomainFormValues => ({ hostname: '', namespaceId: '', certificateId: '', enabled: true, redirectHttps: false, hsts: false, corsOrigins: '', allowedIps: '' });

export const domainToForm = (d: Domain): DomainFormValues => ({
  hostname: d.hostname,
  namespaceId: d.namespace_id ?? '',
  certificateId: d.certificate_id ?? '',
  enabled: d.enabled,
  redirectHttps: d.redirect_https,
  hsts: d.hsts,
  corsOrigins: d.cors_origins.join(', '),
  allowedIps: d.allowed_ips.join(', '),
});

const FIELDS = new Set(['hostname', 'namespace_id', 'certificate_id', 'cors_origins', 'allowed_ips']);

/** The field that shows an API error about this param (`allowed_ips.2` -> `allowed_ips`). */
export const domainFieldOf = (param: string): string | null => {
  const head = param.split('.')[0]!;
  return FIELDS.has(head) ? head : null;
};

/** The whole body, for create and edit alike (an edit replaces every field). */
export function toDomainRequest(values: DomainFormValues): FormResult<CreateDomainRequest> {
  const body: CreateDomainRequest = {
    hostname: values.hostname.trim(),
    namespace_id: values.namespaceId || null,
    certificate_id: values.certificateId || null,
    enabled: values.enabled,
    redirect_https: values.redirectHttps,
    hsts: values.hsts,
    cors_origins: parseList(values.corsOrigins),
    allowed_ips: parseList(values.allowedIps),
  };
  const parsed = createDomainSchema.safeParse(body);
  return parsed.success ? { ok: true, body } : { ok: false, errors: errorsFromIssues(parsed.error.issues, domainFieldOf) };
}
