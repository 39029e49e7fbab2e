import type { Route } from '@aigw/shared/admin/routes';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { useDeleteRoute } from '../mutations';

export function DeleteRouteDialog({ route, onClose }: { route: Route | null; onClose: () => void }) {
  const remove = useDeleteRoute();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={route !== null}
      title="Delete route?"
      description={
        <>
          Requests for <strong className="font-medium text-neutral-800">{route?.name}</strong>'s models and paths will no longer be routed by it.
        </>
      }
      confirmLabel="Delete route"
      pending={remove.isPending}
      onConfirm={() => route && remove.mutate(route.id, { onSuccess: close })}
      onClose={close}
      error={remove.error}
      errorTitle="The route was not deleted"
    />
  );
}
