import type { Namespace } from '@aigw/shared/admin/namespaces';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { useDeleteNamespace } from '../mutations';

export function DeleteNamespaceDialog({ namespace, onClose }: { namespace: Namespace | null; onClose: () => void }) {
  const remove = useDeleteNamespace();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={namespace !== null}
      title="Delete namespace?"
      description={
        <>
          <strong className="font-medium text-neutral-800">{namespace?.name}</strong> will stop selecting requests. A namespace that still has API keys, routes or sources cannot be deleted.
        </>
      }
      confirmLabel="Delete namespace"
      pending={remove.isPending}
      onConfirm={() => namespace && remove.mutate(namespace.id, { onSuccess: close })}
      onClose={close}
      error={remove.error}
      errorTitle="The namespace was not deleted"
    />
  );
}
