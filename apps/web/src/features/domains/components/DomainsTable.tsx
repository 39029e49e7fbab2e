import type { Domain } from '@aigw/shared/admin/domains';
import { Badge } from '../../../components/ui/Badge';
import { ActionsTh, EditDeleteTd, Table, TBody, Td, Th, THead, Tr } from '../../../components/ui/Table';

export interface DomainsTableProps {
  domains: Domain[];
  namespaceName: (id: string | null) => string;
  certificateName: (id: string | null) => string;
  canWrite: boolean;
  onEdit: (domain: Domain) => void;
  onDelete: (domain: Domain) => void;
}

export function DomainsTable({ domains, namespaceName, certificateName, canWrite, onEdit, onDelete }: DomainsTableProps) {
  return (
    <Table aria-label="Domains">
      <THead>
        <tr>
          <Th>Host name</Th>
          <Th>Namespace</Th>
          <Th>Certificate</Th>
          <Th>Rules</Th>
          {canWrite ? <ActionsTh /> : null}
        </tr>
      </THead>
      <TBody>
        {domains.map((d) => (
          <Tr key={d.id} aria-label={`Domain ${d.hostname}`}>
            <Td className="font-mono text-sm text-neutral-900">
              {d.hostname}
              {d.enabled ? null : (
                <Badge tone="neutral" className="ml-2">
                  Disabled
                </Badge>
              )}
            </Td>
            <Td>{namespaceName(d.namespace_id)}</Td>
            <Td>{certificateName(d.certificate_id)}</Td>
            <Td className="text-xs">
              {[d.redirect_https && 'HTTPS redirect', d.hsts && 'HSTS', d.cors_origins.length > 0 && `CORS: ${d.cors_origins.join(', ')}`, d.allowed_ips.length > 0 && `IPs: ${d.allowed_ips.join(', ')}`]
                .filter(Boolean)
                .join(' · ') || '—'}
            </Td>
            {canWrite ? <EditDeleteTd name={d.hostname} onEdit={() => onEdit(d)} onDelete={() => onDelete(d)} /> : null}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
