import type { Certificate } from '@aigw/shared/admin/certificates';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ListCard, ReadOnlyNotice } from '../../../components/ListCard';
import { Button } from '../../../components/ui/Button';
import { EmptyState } from '../../../components/ui/EmptyState';
import { useMe } from '../../auth/use-session';
import { domainListOptions } from '../../domains/queries';
import { PageHeader } from '../../shell/PageHeader';
import { CertificateDetailsDialog } from '../components/CertificateDetailsDialog';
import { CertificateFormDialog } from '../components/CertificateFormDialog';
import { CertificatesTable } from '../components/CertificatesTable';
import { DeleteCertificateDialog } from '../components/DeleteCertificateDialog';
import { certificateListOptions } from '../queries';

export function CertificatesPage() {
  const { canWrite } = useMe();
  const certificates = useQuery(certificateListOptions());
  const domains = useQuery(domainListOptions());
  const [editor, setEditor] = useState<{ item: Certificate | null } | null>(null);
  const [details, setDetails] = useState<Certificate | null>(null);
  const [deleting, setDeleting] = useState<Certificate | null>(null);
  const hostname = new Map((domains.data ?? []).map((d) => [d.id, d.hostname]));

  return (
    <>
      <PageHeader
        title="Certificates"
        description="TLS certificates the gateway serves on its HTTPS port, chosen per connection by the name the client asks for. Flagged 30 days before they expire."
        actions={canWrite ? <Button onClick={() => setEditor({ item: null })}>Upload certificate</Button> : null}
      />
      <ListCard
        query={certificates}
        items={certificates.data}
        loadingLabel="Loading certificates…"
        errorTitle="Could not load certificates"
        empty={<EmptyState title="No certificates yet" description={canWrite ? 'Upload a certificate to turn the HTTPS listener on.' : 'An administrator can upload certificates.'} />}
      >
        {(items) => (
          <CertificatesTable
            certificates={items}
            hostnameOf={(id) => hostname.get(id) ?? id}
            canWrite={canWrite}
            onDetails={setDetails}
            onReplace={(item) => setEditor({ item })}
            onDelete={setDeleting}
          />
        )}
      </ListCard>
      {!canWrite && !certificates.isPending ? <ReadOnlyNotice adminsCan="upload, replace or delete certificates" /> : null}
      {editor ? <CertificateFormDialog certificate={editor.item} onClose={() => setEditor(null)} /> : null}
      {details ? <CertificateDetailsDialog certificate={details} onClose={() => setDetails(null)} /> : null}
      <DeleteCertificateDialog certificate={deleting} onClose={() => setDeleting(null)} />
    </>
  );
}
