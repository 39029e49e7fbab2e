import type { ApiKey, CreatedApiKey } from '@aigw/shared/admin/keys';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ListCard, ReadOnlyNotice } from '../../../components/ListCard';
import { LoadMore } from '../../../components/LoadMore';
import { Button } from '../../../components/ui/Button';
import { EmptyState } from '../../../components/ui/EmptyState';
import { PageHeader } from '../../shell/PageHeader';
import { useMe } from '../../auth/use-session';
import { CreateKeyDialog } from '../components/CreateKeyDialog';
import { KeysTable } from '../components/KeysTable';
import { RevokeKeyDialog } from '../components/RevokeKeyDialog';
import { SecretKeyDialog } from '../components/SecretKeyDialog';
import { namespaceListOptions } from '../../namespaces/queries';
import { policyListOptions } from '../../policies/queries';
import { EditKeyDialog } from '../components/EditKeyDialog';
import { keyListOptions } from '../queries';

const PAGE_SIZE = 50;

export function ApiKeysPage() {
  const { canWrite } = useMe();
  const list = useInfiniteQuery(keyListOptions({ limit: PAGE_SIZE }));
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [editing, setEditing] = useState<ApiKey | null>(null);
  // for the edit dialog's pickers (admins only)
  const namespaces = useQuery({ ...namespaceListOptions(), enabled: canWrite });
  const policies = useQuery({ ...policyListOptions(), enabled: canWrite });
  const keys = list.data?.pages.flatMap((page) => page.data);

  const openCreate = () => setCreating(true);

  return (
    <>
      <PageHeader
        title="API Keys"
        description="Keys let applications call the gateway's OpenAI-compatible API. A key's secret is shown once, when it is created."
        actions={canWrite ? <Button onClick={openCreate}>Create key</Button> : null}
      />
      <ListCard
        query={list}
        items={keys}
        loadingLabel="Loading API keys…"
        errorTitle="Could not load API keys"
        empty={
          <EmptyState
            title="No API keys yet"
            description={canWrite ? 'Create a key to let an application call the gateway.' : 'An administrator can create keys for applications.'}
            action={
              canWrite ? (
                <Button variant="secondary" onClick={openCreate}>
                  Create your first key
                </Button>
              ) : null
            }
          />
        }
      >
        {(keys) => (
          <>
            <KeysTable keys={keys} canWrite={canWrite} onRevoke={setRevoking} onEdit={setEditing} />
            <LoadMore list={list} />
          </>
        )}
      </ListCard>
      {!canWrite && !list.isPending ? <ReadOnlyNotice adminsCan="create, edit or revoke keys" /> : null}
      {editing ? <EditKeyDialog apiKey={editing} namespaces={namespaces.data ?? []} policies={policies.data ?? []} onClose={() => setEditing(null)} /> : null}
      <CreateKeyDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(key) => {
          setCreating(false);
          setCreated(key);
        }}
      />
      <SecretKeyDialog apiKey={created} onClose={() => setCreated(null)} />
      <RevokeKeyDialog apiKey={revoking} onClose={() => setRevoking(null)} />
    </>
  );
}
