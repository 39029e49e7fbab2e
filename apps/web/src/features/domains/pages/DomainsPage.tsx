import type { Domain } from '@aigw/shared/admin/domains';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ListCard, ReadOnlyNotice } from '../../../components/ListCard';
import { Button } from '../../../components/ui/Button';
import { EmptyState } from '../../../components/ui/EmptyState';
import { useMe } from '../../auth/use-session';
import { certificateListOptions } from '../../certificates/queries';
import { namespaceListOptions } from '../../namespaces/queries';
import { PageHeader } from '../../shell/PageHeader';
import { DeleteDomainDialog } from '../components/DeleteDomainDialog';
import { DomainFormDialog } from '../components/DomainFormDialog';
import { DomainsTable } from '../components/DomainsTable';
import { domainListOptions } from '../queries';

export function DomainsPage() {
  const { canWrite } = useMe();
  const domains = useQuery(domainListOptions());
  const namespaces = useQuery(namespaceListOptions());
  const certificates = useQuery(certificateListOptions());
  const [editor, setEditor] = useState<{ item: Domain | null } | null>(null);
  const [deleting, setDeleting] = useState<Domain | null>(null);
  const namespaceName = new Map((namespaces.data ?? []).map((n) => [n.id, n.name]));
  const certificateName = new Map((certificates.data ?? []).map((c) => [c.id, c.name]));

  return (
    <>
      <PageHeader
        title="Domains"
        description="Host names the gateway answers for: each picks a namespace and its own edge rules (HTTPS redirect, HSTS, CORS origins, client addresses)."
        actions={canWrite ? <Button onClick={() => setEditor({ item: null })}>Add domain</Button> : null}
      />
      <ListCard
        query={domains}
        items={domains.data}
        loadingLabel="Loading domains…"
        errorTitle="Could not load domains"
        empty={<EmptyState title="No domains yet" description={canWrite ? 'Add a domain to route a host name to a namespace.' : 'An administrator can add domains.'} />}
      >
        {(items) => (
          <DomainsTable
            domains={items}
            namespaceName={(id) => (id ? (namespaceName.get(id) ?? id) : 'None (global)')}
            certificateName={(id) => (id ? (certificateName.get(id) ?? id) : 'Automatic')}
            canWrite={canWrite}
            onEdit={(item) => setEditor({ item })}
            onDelete={setDeleting}
          />
        )}
      </ListCard>
      {!canWrite && !domains.isPending ? <ReadOnlyNotice adminsCan="add, edit or delete domains" /> : null}
      {editor ? <DomainFormDialog domain={editor.item} namespaces={namespaces.data ?? []} certificates={certificates.data ?? []} onClose={() => setEditor(null)} /> : null}
      <DeleteDomainDialog domain={deleting} onClose={() => setDeleting(null)} />
    </>
  );
}
