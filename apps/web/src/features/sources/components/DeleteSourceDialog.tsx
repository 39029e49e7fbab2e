import type { Source } from '@aigw/shared/admin/sources';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { useDeleteSource } from '../mutations';

/** The confirm step before deleting; a refusal (the routes that still use the source) is shown here. */
export function DeleteSourceDialog({ source, onClose }: { source: Source | null; onClose: () => void }) {
  const remove = useDeleteSource();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={source !== null}
      title="Delete source?"
      description={
        <>
          <strong className="font-medium text-neutral-800">{source?.name}</strong> and its {source?.instances.length} instance(s) and stored keys will be deleted. Routes
          must stop using it first.
        </>
      }
      confirmLabel="Delete source"
      pending={remove.isPending}
      onConfirm={() => source && remove.mutate(source.id, { onSuccess: close })}
      onClose={close}
      error={remove.error}
      errorTitle="The source was not deleted"
    />
  );
}
