import type { Policy } from '@aigw/shared/admin/policies';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { useDeletePolicy } from '../mutations';

export function DeletePolicyDialog({ policy, onClose }: { policy: Policy | null; onClose: () => void }) {
  const remove = useDeletePolicy();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={policy !== null}
      title="Delete policy?"
      description={
        <>
          <strong className="font-medium text-neutral-800">{policy?.name}</strong> will be gone. A policy still attached to a key, namespace or route cannot be deleted.
        </>
      }
      confirmLabel="Delete policy"
      pending={remove.isPending}
      onConfirm={() => policy && remove.mutate(policy.id, { onSuccess: close })}
      onClose={close}
      error={remove.error}
      errorTitle="The policy was not deleted"
    />
  );
}
