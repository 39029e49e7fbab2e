import type { Source } from '@aigw/shared/admin/sources';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ListCard, ReadOnlyNotice } from '../../../components/ListCard';
import { Button } from '../../../components/ui/Button';
import { EmptyState } from '../../../components/ui/EmptyState';
import { useMe } from '../../auth/use-session';
import { PageHeader } from '../../shell/PageHeader';
import { DeleteSourceDialog } from '../components/DeleteSourceDialog';
import { SourceFormDialog } from '../components/SourceFormDialog';
import { SourcesTable } from '../components/SourcesTable';
import { sourceListOptions } from '../queries';

/** The editor: closed, creating, or editing a source. */
type Editor = { source: Source | null } | null;

export function SourcesPage() {
  const { canWrite } = useMe();
  const list = useQuery(sourceListOptions());
  const [editor, setEditor] = useState<Editor>(null);
  const [deleting, setDeleting] = useState<Source | null>(null);

  const openCreate = () => setEditor({ source: null });

  return (
    <>
      <PageHeader
        title="Service Sources"
        description="The upstream AI services the gateway forwards to: each source is a provider with one or more instances (URLs) it balances between."
        actions={canWrite ? <Button onClick={openCreate}>Add source</Button> : null}
      />
      <ListCard
        query={list}
        items={list.data}
        loadingLabel="Loading sources…"
        errorTitle="Could not load sources"
        empty={
          <EmptyState
            title="No service sources yet"
            description={canWrite ? 'Add a source to connect the gateway to an AI service.' : 'An administrator can add sources.'}
            action={
              canWrite ? (
                <Button variant="secondary" onClick={openCreate}>
                  Add your first source
                </Button>
              ) : null
            }
          />
        }
      >
        {(sources) => <SourcesTable sources={sources} canWrite={canWrite} onEdit={(source) => setEditor({ source })} onDelete={setDeleting} />}
      </ListCard>
      {!canWrite && !list.isPending ? <ReadOnlyNotice adminsCan="change sources" /> : null}
      {editor ? <SourceFormDialog source={editor.source} onClose={() => setEditor(null)} /> : null}
      <DeleteSourceDialog source={deleting} onClose={() => setDeleting(null)} />
    </>
  );
}
