import type { Certificate } from '@aigw/shared/admin/certificates';
import { Badge } from '../../../components/ui/Badge';
import { Button } from '../../../components/ui/Button';
import { ActionsTh, Table, TBody, Td, Th, THead, Tr } from '../../../components/ui/Table';
import { Timestamp } from '../../../components/ui/Timestamp';
import { formatDateTime } from '../../../lib/format';
import { expiryBadge } from '../certificate-form';

export interface CertificatesTableProps {
  certificates: Certificate[];
  /** Domain id -> host name, for "used by". */
  hostnameOf: (domainId: string) => string;
  canWrite: boolean;
  onDetails: (cert: Certificate) => void;
  onReplace: (cert: Certificate) => void;
  onDelete: (cert: Certificate) => void;
}

export function CertificatesTable({ certificates, hostnameOf, canWrite, onDetails, onReplace, onDelete }: CertificatesTableProps) {
  return (
    <Table aria-label="Certificates">
      <THead>
        <tr>
          <Th>Name</Th>
          <Th>Subject</Th>
          <Th>Names (SANs)</Th>
          <Th>Issuer</Th>
          <Th>Expires</Th>
          <Th>Used by</Th>
          <ActionsTh />
        </tr>
      </THead>
      <TBody>
        {certificates.map((cert) => {
          const badge = expiryBadge(cert.days_left);
          return (
            <Tr key={cert.id} aria-label={`Certificate ${cert.name}`}>
              <Td className="font-medium text-neutral-900">
                {cert.name}
                {cert.default ? (
                  <Badge tone="blue" className="ml-2">
                    Default
                  </Badge>
                ) : null}
              </Td>
              <Td className="max-w-48 truncate text-xs" title={cert.subject}>
                {cert.subject}
              </Td>
              <Td className="max-w-64 font-mono text-xs">{cert.sans.join(', ') || '—'}</Td>
              <Td className="max-w-48 truncate text-xs" title={cert.issuer}>
                {cert.issuer}
              </Td>
              <Td className="whitespace-nowrap">
                <span className="flex flex-col gap-1">
                  <span className="text-xs">
                    <Timestamp at={cert.not_after} format={formatDateTime} />
                  </span>
                  <span aria-label={`Expiry of ${cert.name}`}>
                    <Badge tone={badge.tone}>{badge.label}</Badge>
                  </span>
                </span>
              </Td>
              <Td className="text-xs">{cert.domain_ids.map(hostnameOf).join(', ') || '—'}</Td>
              <Td className="text-right whitespace-nowrap">
                <span className="inline-flex gap-2">
                  <Button variant="secondary" size="sm" aria-label={`Details of ${cert.name}`} onClick={() => onDetails(cert)}>
                    Details
                  </Button>
                  {canWrite ? (
                    <>
                      <Button variant="secondary" size="sm" aria-label={`Replace ${cert.name}`} onClick={() => onReplace(cert)}>
                        Replace
                      </Button>
                      <Button variant="ghost" size="sm" aria-label={`Delete ${cert.name}`} onClick={() => onDelete(cert)}>
                        Delete
                      </Button>
                    </>
                  ) : null}
                </span>
              </Td>
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
