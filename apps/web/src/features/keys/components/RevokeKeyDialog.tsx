import type { ApiKey } from '@aigw/shared/admin/keys';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { useRevokeKey } from '../mutations';

/** The confirm step before revoking; errors are reported by the global mutation handler. */
export function RevokeKeyDialog({ apiKey, onClose }: { apiKey: ApiKey | null; onClose: () => void }) {
  const revoke = useRevokeKey();
  const close = () => {
    revoke.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={apiKey !== null}
      title="Revoke API key?"
      description={
        <>
          Applications using <strong className="font-medium text-neutral-800">{apiKey?.name}</strong> (<code className="font-mono">{apiKey?.prefix}…</code>) will
          get 401 at once. This cannot be undone.
        </>
      }
      confirmLabel="Revoke key"
      pending={revoke.isPending}
      onConfirm={() => apiKey && revoke.mutate(apiKey.id, { onSuccess: close })}
      onClose={close}
    />
  );
}
