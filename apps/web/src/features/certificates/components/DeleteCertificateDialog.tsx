import type { Certificate } from '@aigw/shared/admin/certificates';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { useDeleteCertificate } from '../mutations';

export function DeleteCertificateDialog({ certificate, onClose }: { certificate: Certificate | null; onClose: () => void }) {
  const remove = useDeleteCertificate();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={certificate !== null}
      title="Delete certificate?"
      description={
        <>
          <strong className="font-medium text-neutral-800">{certificate?.name}</strong> will no longer be served. A certificate that a domain names cannot be deleted.
        </>
      }
      confirmLabel="Delete certificate"
      pending={remove.isPending}
      onConfirm={() => certificate && remove.mutate(certificate.id, { onSuccess: close })}
      onClose={close}
      error={remove.error}
      errorTitle="The certificate was not deleted"
    />
  );
}
