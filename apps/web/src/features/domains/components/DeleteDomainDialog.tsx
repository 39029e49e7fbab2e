import type { Domain } from '@aigw/shared/admin/domains';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { useDeleteDomain } from '../mutations';

export function DeleteDomainDialog({ domain, onClose }: { domain: Domain | null; onClose: () => void }) {
  const remove = useDeleteDomain();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={domain !== null}
      title="Delete domain?"
      description={
        <>
          Requests for <strong className="font-medium text-neutral-800">{domain?.hostname}</strong> will no longer select its namespace and rules.
        </>
      }
      confirmLabel="Delete domain"
      pending={remove.isPending}
      onConfirm={() => domain && remove.mutate(domain.id, { onSuccess: close })}
      onClose={close}
      error={remove.error}
      errorTitle="The domain was not deleted"
    />
  );
}
